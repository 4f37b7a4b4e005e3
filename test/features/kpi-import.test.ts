/** PERF-6 inputs: `kpi import` — upsert by month and employee, audited; a bad file refused whole, exit 2. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importKpis } from '../../src/features/performance/kpi-import.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { cli } from '../support/cli.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: c, name: 投诉组 }]
employees:
  - { id: C1, name: 投诉一, role: complaint_handler, team: c, hireDate: 2025-01-01 }
  - { id: C2, name: 投诉二, role: complaint_handler, team: c, hireDate: 2025-01-01 }
  - { id: M1, name: 投诉管理, role: complaint_manager, team: c, hireDate: 2024-01-01 }
  - { id: A1, name: 外呼一, role: outbound_agent, team: c, hireDate: 2025-01-01 }
`;
const HEADER = 'employee_id,month,delay_rate,feedback_timeliness,satisfaction,repeat_rate,redispatch_rate,misses';

describeEachDatabase('kpi import', (current) => {
  const run = (text: string) => importKpis(current().db.prisma, text, { actor: 'cli', file: 'k.csv', policy });

  it('PERF-6: one row per employee and month; a second import replaces it, audited with what it replaced; the same again changes nothing', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const first = [HEADER, 'C1,2026-11,6.5,99.8,78,1.2,0.5,satisfaction:human-error;repeatRate:unsolvable:4', 'M1,2026-11,4,100,90,1,0.5,'].join('\n');
    expect(await run(first)).toEqual({ created: 2, replaced: 0, unchanged: 0 });
    const c1 = await prisma.complaintKpi.findUniqueOrThrow({ where: { month_employeeId: { month: '2026-11', employeeId: 'C1' } } });
    expect(c1).toMatchObject({ delayRate: 6.5, feedbackTimeliness: 99.8, satisfaction: 78, repeatRate: 1.2, redispatchRate: 0.5, recordedBy: 'cli' });
    expect(c1.misses).toEqual([
      { kpi: 'satisfaction', cause: 'human-error' },
      { kpi: 'repeatRate', cause: 'unsolvable', points: 4 },
    ]);
    expect(await run(first)).toEqual({ created: 0, replaced: 0, unchanged: 2 });
    expect(await run([HEADER, 'C1,2026-11,6.5,99.8,81,1.2,0.5,', 'M1,2026-11,4,100,90,1,0.5,'].join('\n'))).toEqual({ created: 0, replaced: 1, unchanged: 1 });
    const audit = await prisma.auditLog.findMany({ where: { entity: 'complaint_kpi', entityId: 'C1:2026-11' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['complaint_kpi.create', 'complaint_kpi.replace']);
    const details = audit[1]!.details as { satisfaction: number; misses: unknown[]; replaced: { satisfaction: number; misses: unknown[] } };
    expect(details.satisfaction).toBe(81);
    expect(details.misses).toEqual([]);
    expect(details.replaced.satisfaction).toBe(78);
    expect(details.replaced.misses).toHaveLength(2);
  });

  it('PERF-6: a bad file is refused whole with every bad row listed, nothing stored', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG, { actor: 'test', file: 'org.yaml' });
    const csv = [
      HEADER,
      'C1,2026-11,6,100,80,1,0.5,', // good
      'X9,2026-11,6,100,80,1,0.5,', // 3 unknown employee
      'A1,2026-11,6,100,80,1,0.5,', // 4 not a complaint role
      'C2,2026-13,6,100,80,1,0.5,', // 5 bad month
      'C2,2026-11,6,100.5,80,-1,0.5,', // 6 two bad percentages
      'C2,2026-10,6,100,80,1,0.5,speed:human-error', // 7 unknown KPI
      'M1,2026-11,6,100,80,1,0.5,satisfaction:unsolvable:9', // 8 points out of 3–5
      'C1,2026-11,6,100,80,1,0.5,', // 9 twice
    ].join('\n');
    const error = (await run(csv).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('bad_file');
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual([
      '3 employee_id',
      '4 employee_id',
      '5 month',
      '6 feedback_timeliness',
      '6 repeat_rate',
      '7 misses',
      '8 misses',
      '9 month',
    ]);
    expect(await prisma.complaintKpi.count()).toBe(0);
  });
});

describe('kpi import on the command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-kpi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('PERF-6: banzhang kpi import prints the counts; a bad file exits 2 naming line and column, nothing stored', async () => {
    const env = { BANZHANG_DATA_DIR: dir };
    writeFileSync(path.join(dir, 'org.yaml'), ORG);
    expect((await cli(['org', 'import', path.join(dir, 'org.yaml')], env)).code).toBe(0);
    writeFileSync(path.join(dir, 'bad.csv'), [HEADER, 'C1,2026-11,6,100,80,1,0.5,', 'C2,2026-11,6,100,80,1,0.5,satisfaction:maybe'].join('\n'));
    const bad = await cli(['kpi', 'import', path.join(dir, 'bad.csv')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${path.join(dir, 'bad.csv')}:3 misses: "satisfaction:maybe": cause must be human-error or unsolvable`);
    writeFileSync(path.join(dir, 'good.csv'), [HEADER, 'C1,2026-11,6,100,80,1,0.5,'].join('\n'));
    const good = await cli(['kpi', 'import', path.join(dir, 'good.csv')], env);
    expect(good.code, good.stderr).toBe(0);
    // The bad file stored nothing: the good one creates C1's row (not "unchanged").
    expect(good.stdout).toBe('KPI import: 1 created, 0 replaced, 0 unchanged.');
  });
});
