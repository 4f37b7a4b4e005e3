/**
 * The scheduler of `banzhang serve` (docs/jobs.md): a minute ticker on the
 * program's clock, catch-up of missed slots, and a sweep that retries failed
 * slots and slots whose owner died. Every run goes through `runSlot`
 * (run-slot.ts), which claims the slot first, so any number of processes may
 * run this side by side against one PostgreSQL database.
 *
 * Why a ticker of our own and not node-cron's timer: node-cron fires on the OS
 * clock. With BANZHANG_CLOCK the program's clock is offset from it, and a job
 * must fire when the program's clock reaches its slot (demos, acceptance
 * tests). The ticker wakes at each minute of the program's clock (which runs
 * at real speed, so real timers measure it) and asks each job's cron whether
 * it fires at that minute, in the job's time zone.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../policy/config/schema.ts';
import type { Metrics } from '../server/metrics.ts';
import type { Clock } from '../shared/clock.ts';
import type { PrismaClient } from '../shared/db/types.ts';
import type { Logger } from '../shared/logger.ts';
import { toSlot } from './cron.ts';
import { registerJobs, type JobDefinition, type RegisteredJob, type Trigger } from './job.ts';
import { jobRunRepository } from './job-run-repository.ts';
import { createSlotRunner, type SlotResult } from './run-slot.ts';

export type { SlotOutcome, SlotResult } from './run-slot.ts';
export { jobNamed } from './run-slot.ts';

export interface SchedulerOptions {
  prisma: PrismaClient;
  policy: Policy;
  jobs: readonly JobDefinition[];
  clock: Clock;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** This process in job_run.owner, e.g. `host:pid:port`. */
  owner: string;
  chat?: { slack: boolean; teams: boolean };
  /** Minutes between sweeps (missed slots, failed slots, expired leases). Default 5. */
  sweepEveryMinutes?: number;
  /** Ms between sweeps instead of `sweepEveryMinutes`, on a timer of its own (BANZHANG_JOB_SWEEP_SECONDS). */
  sweepEveryMs?: number | undefined;
  /** Every job's lease in ms instead of its own `leaseMinutes` (BANZHANG_JOB_LEASE_SECONDS). */
  leaseMs?: number | undefined;
  /** Test only (BANZHANG_TEST_JOB_PAUSE_MS): a run waits this long after its work, before its end is recorded. */
  testPauseMs?: number | undefined;
  /** How far back a sweep retries failed or abandoned slots. Default 24 hours. */
  retryWindowHours?: number;
  /** How long `stop()` waits for running jobs. Default 20 s. */
  stopTimeoutMs?: number;
}

export interface Scheduler {
  readonly jobs: ReadonlyMap<string, RegisteredJob>;
  /** Claims and runs one slot (the path of the ticker, catch-up, retries and `jobs run`). */
  runSlot(name: string, slot: DateTime, options: { trigger: Trigger }): Promise<SlotResult>;
  /** Runs, per job's `catchUp`, the slots since local midnight (in the job's zone) before the current minute that have no run. */
  catchUp(): Promise<SlotResult[]>;
  /** Runs again the slots of the retry window that failed or whose lease expired. */
  retry(): Promise<SlotResult[]>;
  /** catchUp, then retry. The ticker does this at start and every `sweepEveryMinutes`. */
  sweep(): Promise<SlotResult[]>;
  /** Starts the ticker (which sweeps at once). */
  start(): void;
  /** Stops the ticker and waits (up to stopTimeoutMs) for the runs in flight. */
  stop(): Promise<void>;
}

/** The longest backlog the ticker walks after a stall (a suspended laptop); older minutes are left to catch-up. */
const MAX_BACKLOG_MINUTES = 24 * 60;
/** Wake a little after the minute begins, so that the program's clock is surely in it. */
const TICK_MARGIN_MS = 25;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const jobs = registerJobs(options.jobs);
  const { clock, logger: parentLogger } = options;
  const logger = parentLogger.child({ component: 'scheduler' });
  const sweepEvery = options.sweepEveryMinutes ?? 5;
  const retryWindowHours = options.retryWindowHours ?? 24;
  const repo = jobRunRepository(options.prisma);
  const runSlot = createSlotRunner({
    prisma: options.prisma,
    policy: options.policy,
    jobs,
    clock,
    logger,
    metrics: options.metrics,
    owner: options.owner,
    chat: options.chat ?? { slack: false, teams: false },
    leaseMs: options.leaseMs,
    testPauseMs: options.testPauseMs,
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>, what: Record<string, unknown>): void => {
    const p = work.then(
      () => undefined,
      (error: unknown) => logger.error({ ...what, err: error }, 'scheduled work could not run (the next sweep tries again)'),
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function catchUp(): Promise<SlotResult[]> {
    const now = clock.now();
    const current = toSlot(now);
    const results: SlotResult[] = [];
    for (const job of jobs.values()) {
      const mode = job.catchUp ?? 'latest';
      if (mode === 'none') continue;
      const midnight = now.setZone(job.timeZone).startOf('day');
      const due = job.schedule.slotsBetween(midnight, current);
      const candidates = mode === 'all' ? due : due.slice(-1);
      if (candidates.length === 0) continue;
      const existing = await repo.existingSlots(job.name, candidates.map((s) => s.toJSDate()));
      for (const slot of candidates) {
        if (existing.has(slot.toMillis())) continue;
        logger.info({ job: job.name, slot: slot.toISO(), since: midnight.toISO() }, 'catching up a missed slot');
        results.push(await runSlot(job.name, slot, { trigger: 'catch-up' }));
      }
    }
    return results;
  }

  async function retry(): Promise<SlotResult[]> {
    const now = clock.now();
    const rows = await repo.retryable([...jobs.keys()], now.minus({ hours: retryWindowHours }).toJSDate(), now.toJSDate());
    const results: SlotResult[] = [];
    for (const row of rows) {
      logger.info({ job: row.name, slot: row.slot.toISOString(), status: row.status, holder: row.owner }, 'retrying a slot that failed or whose owner stopped renewing its lease');
      results.push(await runSlot(row.name, DateTime.fromJSDate(row.slot, { zone: 'utc' }), { trigger: 'retry' }));
    }
    return results;
  }

  async function sweep(): Promise<SlotResult[]> {
    const results = [...(await catchUp()), ...(await retry())];
    logger.debug({ ran: results.map((r) => ({ job: r.job, slot: r.slot.toISO(), trigger: r.trigger, outcome: r.outcome })) }, 'sweep done');
    return results;
  }

  let timer: NodeJS.Timeout | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let running = false;
  let lastTicked: DateTime | undefined;
  let nextSweep: DateTime | undefined;
  let sweeping = false;

  function tick(): void {
    timer = undefined;
    if (!running) return;
    const current = toSlot(clock.now());
    let from = lastTicked ? lastTicked.plus({ minutes: 1 }) : current;
    if (current.diff(from, 'minutes').minutes > MAX_BACKLOG_MINUTES) from = current.minus({ minutes: MAX_BACKLOG_MINUTES });
    for (let minute = from; minute <= current; minute = minute.plus({ minutes: 1 })) {
      for (const job of jobs.values()) {
        if (job.schedule.matches(minute)) track(runSlot(job.name, minute, { trigger: 'cron' }), { job: job.name, slot: minute.toISO() });
      }
    }
    if (!lastTicked || current > lastTicked) lastTicked = current;
    // With sweepEveryMs the first tick sweeps (at start) and a timer of its own does the rest.
    if (!sweeping && (!nextSweep || (!options.sweepEveryMs && current >= nextSweep))) {
      nextSweep = current.plus({ minutes: sweepEvery });
      sweeping = true;
      track(sweep().finally(() => (sweeping = false)), { work: 'sweep' });
    }
    const wait = current.plus({ minutes: 1 }).toMillis() - clock.now().toMillis() + TICK_MARGIN_MS;
    timer = setTimeout(tick, Math.max(wait, TICK_MARGIN_MS));
    timer.unref();
  }

  return {
    jobs,
    runSlot,
    catchUp,
    retry,
    sweep,
    start() {
      if (running) return;
      running = true;
      logger.info({ jobs: [...jobs.keys()], clock: clock.now().toISO(), owner: options.owner }, 'scheduler started');
      tick();
      if (options.sweepEveryMs) {
        sweepTimer = setInterval(() => {
          if (sweeping || !running) return;
          sweeping = true;
          track(sweep().finally(() => (sweeping = false)), { work: 'sweep' });
        }, options.sweepEveryMs);
        sweepTimer.unref();
      }
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (sweepTimer) clearInterval(sweepTimer);
      timer = sweepTimer = undefined;
      if (inFlight.size === 0) return;
      let timeout: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => {
          timeout = setTimeout(() => resolve(false), options.stopTimeoutMs ?? 20_000);
        }),
      ]);
      clearTimeout(timeout);
      if (!waited) logger.warn({ running: inFlight.size }, 'stopped with jobs still running: their leases will expire and another process retries them');
    },
  };
}
