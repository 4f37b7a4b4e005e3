/**
 * Running one slot of one job, exactly once across processes (docs/jobs.md):
 *
 * 1. claim: insert the job_run row (name, slot) with status 'running', this
 *    process as owner and a lease. The unique (name, slot) index lets one
 *    insert win; the others do nothing ('already-claimed' / 'already-done').
 *    A 'manual' or 'retry' run that finds the row failed, or running with an
 *    expired lease, takes it over with one conditional update instead.
 * 2. run the job, renewing the lease every third of it.
 * 3. record 'finished', or 'failed' with the error (logged and stored; a
 *    later sweep retries it), only while this process still owns the row.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../policy/config/schema.ts';
import type { Metrics } from '../server/metrics.ts';
import type { Clock } from '../shared/clock.ts';
import type { PrismaClient } from '../shared/db/types.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { toSlot } from './cron.ts';
import { DEFAULT_LEASE_MINUTES, type JobContext, type RegisteredJob, type Trigger } from './job.ts';
import { jobRunRepository, type JobRun } from './job-run-repository.ts';

export type SlotOutcome =
  /** This call ran the job and recorded it finished. */
  | 'finished'
  /** This call ran the job; it threw; the error is stored on the row. */
  | 'failed'
  /** The slot is finished (by this process or another): nothing was done. */
  | 'already-done'
  /** Another run holds the slot (running with a live lease, or failed and waiting for a retry): nothing was done. */
  | 'already-claimed'
  /** The job ran, but its lease expired meanwhile and another process took the slot over: nothing was recorded by this call. */
  | 'lost-lease';

export interface SlotResult {
  job: string;
  /** The slot, UTC, truncated to the minute. */
  slot: DateTime;
  trigger: Trigger;
  outcome: SlotOutcome;
  /** Who holds the row now (this process when it ran the job). */
  owner: string;
  /** The row's status for the 'already-*' outcomes. */
  status?: string;
  /** 'failed': the error stored; 'already-claimed' on a failed row: its stored error. */
  error?: string;
  finishedAt?: Date | null;
}

export interface SlotRunnerDeps {
  prisma: PrismaClient;
  policy: Policy;
  jobs: ReadonlyMap<string, RegisteredJob>;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** This process, as stored in job_run.owner: e.g. `host:pid:port`. */
  owner: string;
  chat: { slack: boolean; teams: boolean };
  /** Every job's lease in ms instead of its own `leaseMinutes` (BANZHANG_JOB_LEASE_SECONDS). */
  leaseMs?: number | undefined;
  /** Test only (BANZHANG_TEST_JOB_PAUSE_MS): wait this long after a job's work, before recording its end. */
  testPauseMs?: number | undefined;
}

const MAX_ERROR_CHARS = 4000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/** The job or an AppError (bad_input, exit 2) naming the jobs there are. */
export function jobNamed(jobs: ReadonlyMap<string, RegisteredJob>, name: string): RegisteredJob {
  const job = jobs.get(name);
  if (!job) {
    throw new AppError('bad_input', 'jobs.unknown', `unknown job "${name}"`, { details: { name, names: [...jobs.keys()].join(', ') } });
  }
  return job;
}

export function createSlotRunner(deps: SlotRunnerDeps) {
  const repo = jobRunRepository(deps.prisma);
  const { clock, logger, owner } = deps;

  return async function runSlot(name: string, at: DateTime, options: { trigger: Trigger }): Promise<SlotResult> {
    const job = jobNamed(deps.jobs, name);
    const slot = toSlot(at);
    const { trigger } = options;
    const leaseMs = deps.leaseMs ?? (job.leaseMinutes ?? DEFAULT_LEASE_MINUTES) * 60_000;
    const fields = { job: name, slot: slot.toISO(), trigger };
    const claim = () => {
      const now = clock.now();
      return { name, slot: slot.toJSDate(), owner, now: now.toJSDate(), leaseUntil: now.plus({ milliseconds: leaseMs }).toJSDate() };
    };
    const done = (outcome: SlotOutcome, extra: Partial<SlotResult> = {}): SlotResult => {
      deps.metrics?.jobRuns.inc({ job: name, outcome });
      return { job: name, slot, trigger, outcome, owner, ...extra };
    };

    let row: JobRun | null = await repo.claimNew(claim());
    if (!row && (trigger === 'manual' || trigger === 'retry')) {
      row = await repo.takeOver(claim());
      if (row) logger.info({ ...fields, owner }, 'job slot taken over (its run had failed or its lease had expired)');
    }
    if (!row) {
      const existing = await repo.find(name, slot.toJSDate());
      const outcome: SlotOutcome = existing?.status === 'finished' ? 'already-done' : 'already-claimed';
      logger.debug({ ...fields, outcome, holder: existing?.owner, status: existing?.status }, 'job slot not run here');
      return done(outcome, {
        owner: existing?.owner ?? '',
        status: existing?.status ?? 'unknown',
        finishedAt: existing?.finishedAt ?? null,
        ...(existing?.error ? { error: existing.error } : {}),
      });
    }

    const id = row.id;
    logger.info({ ...fields, owner }, 'job started');
    const renewal = setInterval(() => {
      const leaseUntil = clock.now().plus({ milliseconds: leaseMs }).toJSDate();
      repo.renew(id, owner, leaseUntil).then(
        (held) => {
          if (!held) logger.error({ ...fields, owner }, 'job lease lost while running: another process has taken the slot over');
        },
        (error: unknown) => logger.warn({ ...fields, err: error }, 'job lease could not be renewed'),
      );
    }, Math.max(1000, Math.floor(leaseMs / 3)));
    renewal.unref();

    const context: JobContext = {
      prisma: deps.prisma,
      policy: deps.policy,
      clock,
      logger: logger.child({ job: name, slot: slot.toISO() }),
      chat: deps.chat,
      trigger,
    };
    const started = Date.now();
    let failure: string | undefined;
    try {
      await job.run(slot.setZone(job.timeZone), context);
      if (deps.testPauseMs) {
        logger.warn({ ...fields, owner, ms: deps.testPauseMs }, 'job pausing before its end is recorded (BANZHANG_TEST_JOB_PAUSE_MS, a test setting)');
        await new Promise((resolve) => setTimeout(resolve, deps.testPauseMs));
      }
    } catch (error) {
      failure = errorText(error);
      logger.error({ ...fields, owner, err: error }, 'job failed');
    } finally {
      clearInterval(renewal);
    }
    const at2 = clock.now().toJSDate();
    const recorded = await repo.finish(id, owner, at2, failure === undefined ? { status: 'finished' } : { status: 'failed', error: failure });
    if (!recorded) {
      const now = await repo.find(name, slot.toJSDate());
      logger.error({ ...fields, owner, holder: now?.owner, status: now?.status }, 'job ran but its lease had expired and the slot was taken over: nothing recorded here');
      return done('lost-lease', { owner: now?.owner ?? '', status: now?.status ?? 'unknown', ...(failure ? { error: failure } : {}) });
    }
    if (failure !== undefined) return done('failed', { error: failure, status: 'failed' });
    logger.info({ ...fields, owner, ms: Date.now() - started }, 'job finished');
    return done('finished', { status: 'finished', finishedAt: at2 });
  };
}

export type RunSlot = ReturnType<typeof createSlotRunner>;
