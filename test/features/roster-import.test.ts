import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/config/load.ts';
import type { Policy } from '../../src/policy/config/schema.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { importRoster, rosterEntryFor } from '../../src/features/roster/roster-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';

const org = readFileSync(new URL('../fixtures/org-small.yaml', import.meta.url), 'utf8');
const loaded = await loadPolicy('outbound-basic');
if (!loaded.ok) throw new Error('preset does not load');
const policy: Policy = loaded.policy;

describeEachDatabase('roster import', (current) => {
  const roster = (text: string) => importRoster(current().db.prisma, text, { actor: 'test', file: 'roster.csv', policy });

  it('TIME-5: a rostered Saturday becomes a working day; re-importing changes nothing; a change is audited', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    const csv = 'employee_id,date,segments\nE001,2026-11-28,morning\nE002,2026-11-23,rest\n';
    expect(await roster(csv)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await roster(csv)).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const saturday = await rosterEntryFor(prisma, 'E001', '2026-11-28');
    const day = daySchedule({ employee: { id: 'E001', role: 'outbound_agent' }, date: '2026-11-28', policy, roster: saturday });
    expect(day.kind).toBe('working');
    expect(day.segments.map((s) => `${s.name} ${s.start.toUTC().toISO()}`)).toEqual(['morning 2026-11-28T00:00:00.000Z']);
    const monday = await rosterEntryFor(prisma, 'E002', '2026-11-23');
    expect(daySchedule({ employee: { id: 'E002', role: 'outbound_agent' }, date: '2026-11-23', policy, roster: monday }).kind).toBe('rest');

    expect(await roster('employee_id,date,segments\nE002,2026-11-23,morning+afternoon\n')).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const audit = await prisma.auditLog.findMany({ where: { entity: 'roster_entry' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.entityId} ${a.action}`)).toEqual([
      'E001:2026-11-28 roster.create',
      'E002:2026-11-23 roster.create',
      'E002:2026-11-23 roster.update',
    ]);
    expect(audit[2]!.details).toEqual({ kind: 'segments', segments: ['morning', 'afternoon'], before: { kind: 'rest', segments: [] } });
  });

  it('TIME-5: a file with bad rows is refused whole, every bad row listed, nothing stored', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    const csv = [
      'employee_id,date,segments',
      'E001,2026-11-28,morning', // good, but the file is refused whole
      'E404,2026-11-28,morning',
      'E002,2026-02-30,rest',
      'E002,2026-11-24,night',
      'E001,2026-11-28,afternoon',
    ].join('\n');
    const error = (await roster(csv).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['3 employee_id', '4 date', '5 segments', '6 date']);
    expect(error.problems[2]!.message).toContain('night');
    expect(await prisma.rosterEntry.count()).toBe(0);
    const header = (await roster('employee,date\nE001,2026-11-28\n').catch((e: unknown) => e)) as AppError;
    expect(header.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['1 employee_id', '1 segments', '1 employee']);
  });
});
