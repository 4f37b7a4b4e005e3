/**
 * Three real `banzhang serve` processes, scheduler on, one PostgreSQL
 * database, program clocks set just before the 20:00 slot of `leave-sweeps`
 * (and, on the last day, a few minutes after it, so that the slot is caught up
 * at start): every slot runs exactly once.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { syncHolidays } from '../../src/features/calendar/holiday-sync.ts';
import { decideLeave, fileLeave, type LeaveDeps } from '../../src/features/leave/leave-service.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { loadPolicy } from '../../src/policy/config/load.ts';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.ts';
import { startServe, type Served } from '../support/process.ts';

interface LogLine {
  msg?: string;
  job?: string;
  slot?: string;
  trigger?: string;
  outcome?: string;
}
const logLines = (served: Served): LogLine[] =>
  served
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

describe.skipIf(!postgresReachable)('the scheduler across processes', () => {
  let tdb: TestDatabase;
  const leaveIds: Record<string, number> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const loaded = await loadPolicy('outbound-basic');
    if (!loaded.ok) throw new Error('preset');
    const policy = loaded.policy;
    const prisma = tdb.db.prisma;
    await syncHolidays(prisma, policy);
    await importOrg(prisma, readFileSync(new URL('../fixtures/org-leave.yaml', import.meta.url), 'utf8'), { actor: 'test', file: 'org-leave.yaml' });
    const deps: LeaveDeps = {
      prisma,
      policy,
      clock: { now: () => DateTime.fromISO('2026-11-16T09:00:00+08:00') },
      source: 'test',
      messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId },
    };
    // Each leave's return becomes overdue on a different evening: Tue 11-24, Wed 11-25, Thu 11-26.
    for (const [employeeId, end] of [['E001', '2026-11-20'], ['E002', '2026-11-23'], ['E003', '2026-11-24']] as const) {
      const { request, approver } = await fileLeave(deps, { employeeId, type: 'personal', startDate: end, endDate: end, part: 'full', reason: 'family', emergency: false, proof: 'none' });
      await decideLeave(deps, { requestId: request.id, actorId: approver.id, decision: 'approved' });
      leaveIds[employeeId] = request.id;
    }
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  /** Starts three processes at `clock`, waits until each has done `settled`, stops them; returns their logs. */
  async function day(clock: string, settled: (lines: LogLine[]) => boolean, extra: Array<Record<string, string>> = []): Promise<LogLine[][]> {
    const env = { DATABASE_URL: tdb.url!, BANZHANG_CLOCK: clock, LOG_LEVEL: 'debug' };
    const processes = await Promise.all([env, env, env, ...extra.map((e) => ({ ...env, ...e }))].map((e) => startServe(e)));
    try {
      await expect
        .poll(() => processes.slice(0, 3).every((p) => settled(logLines(p))), { timeout: 30_000, interval: 200 })
        .toBe(true);
    } finally {
      const codes = await Promise.all(processes.map((p) => p.stop()));
      expect(codes.every((c) => c === 0)).toBe(true);
    }
    return processes.map(logLines);
  }

  const touched = (slot: string) => (lines: LogLine[]) =>
    lines.some((l) => l.job === 'leave-sweeps' && l.slot === slot && (l.msg === 'job started' || l.msg === 'job slot not run here'));
  const swept = (lines: LogLine[]) => lines.some((l) => l.msg === 'sweep done');
  const runsOf = (logs: LogLine[][], slot: string, msg: string) => logs.flat().filter((l) => l.job === 'leave-sweeps' && l.slot === slot && l.msg === msg);
  const flaggedOverdue = async () =>
    (await tdb.db.prisma.leaveRequest.findMany({ where: { flags: { has: 'return-overdue' } }, orderBy: { id: 'asc' } })).map((l) => l.id);

  it('three serve processes fire for the same slots: each slot runs once, by cron or by catch-up, and its effect happens once', async () => {
    // Tuesday: all three wake for 20:00 and race for it.
    const tue = '2026-11-24T12:00:00.000Z';
    // A fourth process with BANZHANG_SCHEDULER=off serves HTTP and runs nothing.
    const [a, b, c, off] = await day('2026-11-24T19:59:54+08:00', touched(tue), [{ BANZHANG_SCHEDULER: 'off' }]);
    const first = [a!, b!, c!];
    expect(off!.some((l) => l.msg === 'scheduler off (BANZHANG_SCHEDULER=off)')).toBe(true);
    expect(off!.filter((l) => l.job !== undefined || l.msg === 'scheduler started')).toEqual([]);
    expect(runsOf(first, tue, 'job started').map((l) => l.trigger)).toEqual(['cron']);
    expect(runsOf(first, tue, 'job finished')).toHaveLength(1);
    // The other two fired for the same slot from their own tickers and found it claimed or done.
    expect(runsOf(first, tue, 'job slot not run here').map((l) => `${l.trigger} ${l.outcome}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^cron already-(claimed|done)$/), expect.stringMatching(/^cron already-(claimed|done)$/)]),
    );
    expect(runsOf(first, tue, 'job slot not run here')).toHaveLength(2);
    expect(await flaggedOverdue()).toEqual([leaveIds.E001]);

    // Wednesday: the same again, the next day's slot.
    const wed = '2026-11-25T12:00:00.000Z';
    const second = await day('2026-11-25T19:59:54+08:00', touched(wed));
    expect(runsOf(second, wed, 'job started').map((l) => l.trigger)).toEqual(['cron']);
    expect(runsOf(second, wed, 'job finished')).toHaveLength(1);
    expect(await flaggedOverdue()).toEqual([leaveIds.E001, leaveIds.E002]);

    // Thursday: nobody ran at 20:00; three processes start at 20:03 and all catch up the missed slot at once.
    const thu = '2026-11-26T12:00:00.000Z';
    const third = await day('2026-11-26T20:03:00+08:00', swept);
    expect(runsOf(third, thu, 'job started').map((l) => l.trigger)).toEqual(['catch-up']);
    expect(runsOf(third, thu, 'job finished')).toHaveLength(1);
    expect(await flaggedOverdue()).toEqual([leaveIds.E001, leaveIds.E002, leaveIds.E003]);

    const prisma = tdb.db.prisma;
    const runs = await prisma.jobRun.findMany({ where: { name: 'leave-sweeps' }, orderBy: { slot: 'asc' } });
    expect(runs.map((r) => `${r.name} ${r.slot.toISOString()} ${r.status} ${r.error}`)).toEqual([
      `leave-sweeps ${tue} finished null`,
      `leave-sweeps ${wed} finished null`,
      `leave-sweeps ${thu} finished null`,
    ]);
    const audits = await prisma.auditLog.findMany({ where: { action: 'leave.return_overdue' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.entityId)).toEqual([leaveIds.E001, leaveIds.E002, leaveIds.E003].map(String));
    const notices = await prisma.outboxMessage.findMany({ where: { dedupeKey: { endsWith: ':return-overdue' } }, orderBy: { id: 'asc' } });
    expect(notices.map((n) => `${n.dedupeKey} ${n.status}`)).toEqual([leaveIds.E001, leaveIds.E002, leaveIds.E003].map((id) => `leave:${id}:return-overdue pending`));
  });
});
