import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrgFile } from '../../src/features/org/org-file.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';

const small = readFileSync(new URL('../fixtures/org-small.yaml', import.meta.url), 'utf8');
const twoBad = readFileSync(new URL('../fixtures/org-two-bad-rows.yaml', import.meta.url), 'utf8');

describe('org file', () => {
  it('ORG-1: probation ends two months after hire unless given; base pay is kept in fen', () => {
    const parsed = parseOrgFile(small);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const [head, e1, e2] = parsed.org.employees;
    expect(head!.probationEnd).toBe('2020-03-15');
    expect(e1!.probationEnd).toBe('2025-05-01');
    expect(e2!.probationEnd).toBe('2026-03-15');
    expect(e1!.basePay).toBe(120000);
    expect(e2!.basePay).toBe(80050);
    expect(head!.basePay).toBeUndefined();
  });

  it('ORG-2: a file with two bad rows lists both, with line and field', () => {
    const parsed = parseOrgFile(twoBad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems[0]).toMatchObject({ line: 12, field: 'employees[1].role' });
    expect(parsed.problems[0]!.message).toContain('outbound_agent');
    expect(parsed.problems[1]).toMatchObject({ line: 19, field: 'employees[2].hireDate' });
  });

  it('ORG-2: references to unknown teams and managers, duplicate ids and shared chat ids are refused', () => {
    const text = `teams: [{ id: a, name: A }]
employees:
  - { id: E1, name: X, role: outbound_agent, team: b, hireDate: 2025-01-01, slack: U1 }
  - { id: E1, name: Y, role: outbound_agent, team: a, hireDate: 2025-01-01, manager: E9, slack: U1 }
`;
    const parsed = parseOrgFile(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const messages = parsed.problems.map((p) => `${p.line} ${p.field}: ${p.message}`);
    expect(messages).toEqual([
      '3 employees[0].team: unknown team b',
      '4 employees[1].id: duplicate employee id E1',
      '4 employees[1].manager: unknown employee E9',
      '4 employees[1].slack: U1 is already used by employees[0]',
    ]);
  });

  it('ORG-2: a YAML syntax error is reported with its line', () => {
    const parsed = parseOrgFile('teams:\n  - { id: a, name: A\nemployees: []\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describeEachDatabase('org import', (current) => {
  const importSmall = (text = small) => importOrg(current().db.prisma, text, { actor: 'test', file: 'org.yaml' });

  it('ORG-2: importing the same file twice changes nothing the second time and says so', async () => {
    const first = await importSmall();
    expect(first).toMatchObject({ created: 3, updated: 0, deactivated: 0, unchanged: 0, teamsChanged: 2, centerChanged: true, noChange: false });
    const prisma = current().db.prisma;
    const snapshot = async () => ({
      employees: await prisma.employee.findMany({ orderBy: { id: 'asc' }, omit: { createdAt: true } }),
      identities: await prisma.chatIdentity.findMany({ orderBy: [{ platform: 'asc' }, { externalId: 'asc' }], omit: { createdAt: true } }),
      audit: await prisma.auditLog.count(),
    });
    const before = await snapshot();
    const second = await importSmall();
    expect(second).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: 3, teamsChanged: 0, centerChanged: false, noChange: true });
    expect(await snapshot()).toEqual(before);
    expect(before.employees.find((e) => e.id === 'E001')).toMatchObject({ managerId: 'E100', basePayFen: 120000, teamId: 'outbound-a' });
    expect(before.identities.map((i) => `${i.platform}:${i.externalId}:${i.employeeId}`)).toEqual([
      'slack:U0001:E001',
      'slack:U0002:E002',
      'slack:U0100:E100',
      'teams:00000000-0000-0000-0000-000000000001:E001',
    ]);
  });

  it('ORG-2: a bad file is refused whole and nothing is stored', async () => {
    const error = await importSmall(twoBad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems).toHaveLength(2);
    const prisma = current().db.prisma;
    expect(await prisma.employee.count()).toBe(0);
    expect(await prisma.team.count()).toBe(0);
    expect(await prisma.center.count()).toBe(0);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it('ORG-2: active: false deactivates, re-import never deletes, changes are audited', async () => {
    await importSmall();
    const next = small.replace('    slack: U0002\n', '    slack: U0002\n    active: false\n').replace('name: 张三', 'name: 张三丰');
    const result = await importSmall(next);
    expect(result).toMatchObject({ created: 0, updated: 1, deactivated: 1, unchanged: 1 });
    const prisma = current().db.prisma;
    expect(await prisma.employee.findUnique({ where: { id: 'E002' } })).toMatchObject({ active: false });
    // A file that names only one employee leaves the others alone.
    const partial = `employees:\n  - { id: E003, name: 新人, role: outbound_agent, team: outbound-a, hireDate: 2026-11-01, manager: E100 }\n`;
    expect(await importSmall(partial)).toMatchObject({ created: 1, updated: 0 });
    expect(await prisma.employee.count()).toBe(4);
    const audit = await prisma.auditLog.findMany({ where: { entityId: { in: ['E001', 'E002'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.entityId}:${a.action}`)).toEqual([
      'E001:employee.create',
      'E002:employee.create',
      'E001:employee.update',
      'E002:employee.deactivate',
    ]);
    expect(audit[2]!.details).toEqual({ changed: ['name'] });
  });

  it('ORG-2: two employees may swap chat accounts in one import; taking one held outside the file is refused', async () => {
    await importSmall();
    const swapped = small.replace('slack: U0001', 'slack: TMP').replace('slack: U0002', 'slack: U0001').replace('slack: TMP', 'slack: U0002');
    expect(await importSmall(swapped)).toMatchObject({ updated: 2 });
    const prisma = current().db.prisma;
    const who = async (id: string) => (await prisma.chatIdentity.findUnique({ where: { platform_externalId: { platform: 'slack', externalId: id } } }))?.employeeId;
    expect(await who('U0001')).toBe('E002');
    expect(await who('U0002')).toBe('E001');
    const thief = `employees:\n  - { id: E009, name: X, role: outbound_agent, team: outbound-a, hireDate: 2026-01-01, slack: U0100 }\n`;
    const error = (await importSmall(thief).catch((e: unknown) => e)) as AppError;
    expect(error.problems[0]!.message).toBe('U0100 already belongs to employee E100');
    expect(await prisma.employee.count()).toBe(3);
  });
});
