import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import type { JobContext, JobDefinition } from '../../src/jobs/job.ts';
import { createScheduler, type SchedulerOptions } from '../../src/jobs/scheduler.ts';
import { loadPolicy } from '../../src/policy/config/load.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { offsetClock, type Clock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { describeEachDatabase } from '../support/databases.ts';

const loaded = await loadPolicy('outbound-basic');
if (!loaded.ok) throw new Error('preset');
const policy = loaded.policy;
const logger = createLogger('silent');
const ZONE = 'Asia/Shanghai';
const at = (s: string) => DateTime.fromISO(s, { zone: ZONE });
const fixed = (s: string): Clock & { set(s: string): void } => {
  let now = at(s);
  return { now: () => now, set: (v) => (now = at(v)) };
};

/** A job that records each run (slot and trigger) and can be told to fail or to wait. */
function recorder(name: string, cron: string, extra: Partial<JobDefinition> = {}) {
  const runs: Array<{ slot: string; trigger: JobContext['trigger'] }> = [];
  let failWith: string | null = null;
  let gate: Promise<void> | null = null;
  const job: JobDefinition = {
    name,
    cron,
    timeZone: ZONE,
    description: 'jobs.leave_sweeps.description',
    ...extra,
    async run(slot, ctx) {
      runs.push({ slot: slot.toUTC().toISO()!, trigger: ctx.trigger });
      if (gate) await gate;
      if (failWith) throw new Error(failWith);
    },
  };
  return {
    job,
    runs,
    fail: (message: string | null) => (failWith = message),
    hold() {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

describeEachDatabase('job slots', (current) => {
  const scheduler = (jobs: JobDefinition[], clock: Clock, extra: Partial<SchedulerOptions> = {}) =>
    createScheduler({ prisma: current().db.prisma, policy, jobs, clock, logger, owner: 'test-a', ...extra });
  const rows = () => current().db.prisma.jobRun.findMany({ orderBy: [{ slot: 'asc' }, { id: 'asc' }] });

  it('two processes run the same slot at once: the job body runs once, the other is told it is already claimed', async () => {
    const r = recorder('sweep', '0 20 * * *');
    const release = r.hold();
    const clock = fixed('2026-11-24T20:00:01');
    const metrics = createMetrics();
    const a = scheduler([r.job], clock, { owner: 'proc-a', metrics });
    const b = scheduler([r.job], clock, { owner: 'proc-b', metrics });
    const slot = at('2026-11-24T20:00:00.400');
    const both = Promise.all([a.runSlot('sweep', slot, { trigger: 'cron' }), b.runSlot('sweep', slot, { trigger: 'cron' })]);
    await expect.poll(() => r.runs.length).toBe(1);
    release();
    const results = await both;
    expect(results.map((x) => x.outcome).sort()).toEqual(['already-claimed', 'finished']);
    expect(r.runs).toEqual([{ slot: '2026-11-24T12:00:00.000Z', trigger: 'cron' }]);
    const [row, ...others] = await rows();
    expect(others).toEqual([]);
    expect(row).toMatchObject({ name: 'sweep', status: 'finished', error: null });
    expect(row!.slot.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    // Later, the same slot again (a third process, a restart): already done, nothing runs.
    expect((await a.runSlot('sweep', slot, { trigger: 'catch-up' })).outcome).toBe('already-done');
    expect(r.runs).toHaveLength(1);
    const text = await metrics.registry.getSingleMetricAsString('banzhang_job_runs_total');
    expect(text).toContain('banzhang_job_runs_total{job="sweep",outcome="finished"} 1');
    expect(text).toContain('banzhang_job_runs_total{job="sweep",outcome="already-done"} 1');
  });

  it('a failed slot is stored with its error; the cron of another process leaves it; a later sweep runs it again, once', async () => {
    const r = recorder('sweep', '0 20 * * *');
    const clock = fixed('2026-11-24T20:00:00');
    const a = scheduler([r.job], clock, { owner: 'proc-a' });
    r.fail('the database said no');
    const failed = await a.runSlot('sweep', clock.now(), { trigger: 'cron' });
    expect(failed).toMatchObject({ outcome: 'failed', status: 'failed' });
    expect(failed.error).toContain('Error: the database said no');
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', owner: 'proc-a' });
    expect(row!.error).toMatch(/^Error: the database said no\n\s+at /);
    expect(row!.finishedAt?.toISOString()).toBe('2026-11-24T12:00:00.000Z');

    r.fail(null);
    const b = scheduler([r.job], clock, { owner: 'proc-b' });
    expect(await b.runSlot('sweep', clock.now(), { trigger: 'cron' })).toMatchObject({ outcome: 'already-claimed', status: 'failed', owner: 'proc-a' });
    clock.set('2026-11-24T20:05:00');
    const swept = await b.sweep();
    expect(swept.map((s) => [s.trigger, s.outcome])).toEqual([['retry', 'finished']]);
    expect(await b.sweep()).toEqual([]);
    expect(r.runs.map((x) => x.trigger)).toEqual(['cron', 'retry']);
    const [after, ...more] = await rows();
    expect(more).toEqual([]);
    expect(after).toMatchObject({ status: 'finished', owner: 'proc-b', error: null });
    expect(after!.finishedAt?.toISOString()).toBe('2026-11-24T12:05:00.000Z');
  });

  it('a slot whose owner died (running, lease expired) is taken over by a sweep; a live lease is left alone', async () => {
    const r = recorder('sweep', '0 20 * * *');
    const prisma = current().db.prisma;
    const slot = at('2026-11-24T20:00').toJSDate();
    await prisma.jobRun.create({ data: { name: 'sweep', slot, status: 'running', owner: 'dead-proc', leaseUntil: at('2026-11-24T20:10').toJSDate(), startedAt: slot } });
    const clock = fixed('2026-11-24T20:09:59');
    const s = scheduler([r.job], clock, { owner: 'proc-b' });
    expect(await s.retry()).toEqual([]);
    expect(await s.runSlot('sweep', at('2026-11-24T20:00'), { trigger: 'manual' })).toMatchObject({ outcome: 'already-claimed', owner: 'dead-proc', status: 'running' });
    expect(r.runs).toEqual([]);

    clock.set('2026-11-24T20:10:01');
    // Two sweepers at once: one takes it over.
    const other = scheduler([r.job], clock, { owner: 'proc-c' });
    const [x, y] = await Promise.all([s.retry(), other.retry()]);
    const outcomes = [...x, ...y].map((o) => o.outcome);
    // The slower sweeper found the row taken (or already finished), or did not see it as retryable any more.
    expect(outcomes.filter((o) => o === 'finished')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'finished').every((o) => o === 'already-claimed' || o === 'already-done')).toBe(true);
    expect(r.runs).toEqual([{ slot: '2026-11-24T12:00:00.000Z', trigger: 'retry' }]);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'finished' });
    expect(['proc-b', 'proc-c']).toContain(row!.owner);
  });

  it('the owner renews its lease while a long job runs, and records its end only while it still owns the slot', async () => {
    const r = recorder('long', '0 20 * * *', { leaseMinutes: 0.05 }); // 3 s lease, renewed every second
    const release = r.hold();
    const clock = offsetClock('2026-11-24T20:00:00+08:00');
    const s = scheduler([r.job], clock, { owner: 'proc-a' });
    const running = s.runSlot('long', clock.now(), { trigger: 'cron' });
    await expect.poll(() => r.runs.length).toBe(1);
    const first = (await rows())[0]!.leaseUntil.getTime();
    await expect.poll(async () => (await rows())[0]!.leaseUntil.getTime(), { timeout: 5000 }).toBeGreaterThan(first);
    // Nobody can take it while it is renewed.
    const thief = scheduler([r.job], clock, { owner: 'proc-b' });
    expect(await thief.retry()).toEqual([]);
    // Simulate a stall long enough for the lease to expire and another process to take over.
    await current().db.prisma.jobRun.updateMany({ data: { owner: 'proc-b' } });
    release();
    expect(await running).toMatchObject({ outcome: 'lost-lease', owner: 'proc-b', status: 'running' });
  });

  it('catch-up at start runs the latest missed slot of the day once (per job: latest, all or none)', async () => {
    const latest = recorder('latest', '0 9,12,15 * * *');
    const all = recorder('all', '0 9,12,15 * * *', { catchUp: 'all' });
    const none = recorder('none', '0 9,12,15 * * *', { catchUp: 'none' });
    const jobs = [latest.job, all.job, none.job];
    const clock = fixed('2026-11-24T15:00:30');
    const a = scheduler(jobs, clock);
    // The 09:00 slot of `all` did run earlier today; 15:00 is the current minute (the ticker's, not catch-up's).
    await a.runSlot('all', at('2026-11-24T09:00'), { trigger: 'cron' });
    clock.set('2026-11-24T15:01:10');
    const results = await a.catchUp();
    expect(results.map((x) => `${x.job} ${x.slot.setZone(ZONE).toFormat('HH:mm')} ${x.trigger} ${x.outcome}`)).toEqual([
      'latest 15:00 catch-up finished',
      'all 12:00 catch-up finished',
      'all 15:00 catch-up finished',
    ]);
    expect(none.runs).toEqual([]);
    // A second process starting now, and this one again: nothing left to catch up.
    expect(await scheduler(jobs, clock, { owner: 'proc-b' }).catchUp()).toEqual([]);
    expect(await a.catchUp()).toEqual([]);
    expect(latest.runs).toHaveLength(1);
    expect(all.runs.map((x) => x.slot)).toEqual(['2026-11-24T01:00:00.000Z', '2026-11-24T04:00:00.000Z', '2026-11-24T07:00:00.000Z']);
    // Yesterday's slots are not looked at: the window starts at local midnight.
    expect((await rows()).every((row) => row.slot >= at('2026-11-24T00:00').toJSDate())).toBe(true);
  });

  it('the ticker fires on the program clock (BANZHANG_CLOCK), not the OS clock: the 20:00 slot, once, as cron', async () => {
    const due = recorder('at-eight', '0 20 * * *');
    const later = recorder('a-minute-later', '1 20 * * *');
    const clock = offsetClock('2026-11-24T19:59:58.5+08:00');
    const s = scheduler([due.job, later.job], clock, { owner: 'ticker' });
    s.start();
    try {
      await expect.poll(() => due.runs.length, { timeout: 10_000, interval: 100 }).toBe(1);
    } finally {
      await s.stop();
    }
    expect(due.runs).toEqual([{ slot: '2026-11-24T12:00:00.000Z', trigger: 'cron' }]);
    expect(later.runs).toEqual([]);
    const [row, ...more] = await rows();
    expect(more).toEqual([]);
    expect(row).toMatchObject({ name: 'at-eight', status: 'finished', owner: 'ticker' });
  });

  it('an unknown job name is bad input naming the jobs there are', async () => {
    const s = scheduler([recorder('sweep', '0 20 * * *').job], fixed('2026-11-24T20:00'));
    await expect(s.runSlot('nope', at('2026-11-24T20:00'), { trigger: 'manual' })).rejects.toMatchObject({ code: 'bad_input', messageKey: 'jobs.unknown', details: { name: 'nope', names: 'sweep' } });
  });
});
