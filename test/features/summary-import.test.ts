import { expect, it } from 'vitest';
import { importOrg } from '../../src/features/org/org-import.ts';
import { importSummaries } from '../../src/features/performance/summary-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEAVE_ORG as org } from '../support/fixtures.ts';

describeEachDatabase('summary import', (current) => {
  const run = (text: string) => importSummaries(current().db.prisma, text, { actor: 'cli', file: 's.csv' });
  const header = 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders,customer_issues';

  it('PERF-1: one summary per agent and day; a second one replaces the first, audited; the same again changes nothing', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    expect(await run(`${header}\nE001,2026-11-23,120,80,61,5,1\nE002,2026-11-23,100,70,58,3,\n`)).toEqual({ created: 2, replaced: 0, unchanged: 0 });
    expect(await run(`${header}\nE001,2026-11-23,120,80,61,5,1\nE002,2026-11-23,100,70,59,3,0\n`)).toEqual({ created: 0, replaced: 1, unchanged: 1 });
    const e002 = await prisma.dailySummary.findFirstOrThrow({ where: { employeeId: 'E002' } });
    expect(e002).toMatchObject({ questionnairesCompleted: 59, customerIssues: 0, source: 'import', recordedBy: 'cli' });
    const audit = await prisma.auditLog.findMany({ where: { entity: 'daily_summary', entityId: 'E002:2026-11-23' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['summary.create', 'summary.replace']);
    expect((audit[1]!.details as { replaced: { questionnairesCompleted: number } }).replaced.questionnairesCompleted).toBe(58);
  });

  it('PERF-1: a bad file is refused whole with every bad row listed, nothing stored', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    const csv = [header, 'E001,2026-11-23,120,80,61,5,1', 'E999,2026-11-23,1,1,1,1,', 'E002,2026-11-31,1,1,1,1,', 'E003,2026-11-23,10,20,1,1,', 'E003,2026-11-24,-1,0,x,1,'].join('\n');
    const error = (await run(csv).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['3 employee_id', '4 date', '5 calls_connected', '6 calls_made', '6 questionnaires_completed']);
    expect(await prisma.dailySummary.count()).toBe(0);
  });
});
