/**
 * What a scheduled job is (design.md, jobs/): a name, a cron expression read
 * in a time zone (the center's), and `run(slot)`. A slot is the minute the
 * cron fired; every slot of a job runs once, across all processes (see
 * run-slot.ts and docs/jobs.md).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../policy/config/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { PrismaClient } from '../shared/db/types.ts';
import type { MessageKey } from '../shared/i18n/index.ts';
import type { Logger } from '../shared/logger.ts';
import { compileCron, type CronSchedule } from './cron.ts';

/** Why a slot is being run. */
export type Trigger = 'cron' | 'manual' | 'catch-up' | 'retry';

/** What a job's `run` receives besides its slot. */
export interface JobContext {
  prisma: PrismaClient;
  policy: Policy;
  /** The program's clock (BANZHANG_CLOCK). A job that works "as of" its slot uses the slot instead. */
  clock: Clock;
  logger: Logger;
  /** Which chat platforms this process has settings for. */
  chat: { slack: boolean; teams: boolean };
  trigger: Trigger;
}

export interface JobDefinition {
  /** Unique, kebab-case; the key of its job_run rows. Never rename a job that has run. */
  name: string;
  /** Cron expression (cron.ts gives the subset), read in `timeZone`. */
  cron: string;
  /** IANA zone the cron is read in: the center's (policy.center.timeZone). */
  timeZone: string;
  /** i18n key of a one-line description (`jobs list`). */
  description: MessageKey;
  /**
   * Slots missed while no process ran (since local midnight in `timeZone`):
   * 'latest' (default) runs the most recent slot if it has no run; 'all' runs
   * every slot without a run, oldest first; 'none' runs nothing.
   */
  catchUp?: 'latest' | 'all' | 'none';
  /** How long a claim holds without renewal (default 10). The owner renews it every third of it while the job runs. */
  leaseMinutes?: number;
  /** Does the work of one slot. Throwing marks the slot failed (stored, logged) and a later sweep retries it. Must be safe to run again after a failure. */
  run(slot: DateTime, ctx: JobContext): Promise<void>;
}

/** A job with its compiled cron. */
export interface RegisteredJob extends JobDefinition {
  readonly schedule: CronSchedule;
}

export const DEFAULT_LEASE_MINUTES = 10;

/** Validates names and cron expressions once, at start; throws on a bad or duplicate job. */
export function registerJobs(jobs: readonly JobDefinition[]): Map<string, RegisteredJob> {
  const registry = new Map<string, RegisteredJob>();
  for (const job of jobs) {
    if (!/^[a-z][a-z0-9-]*$/.test(job.name)) throw new Error(`job name "${job.name}" must be kebab-case`);
    if (registry.has(job.name)) throw new Error(`job "${job.name}" is registered twice`);
    if (job.leaseMinutes !== undefined && !(job.leaseMinutes > 0)) throw new Error(`job "${job.name}": leaseMinutes must be positive`);
    registry.set(job.name, { ...job, run: job.run.bind(job), schedule: compileCron(job.cron, job.timeZone) });
  }
  return registry;
}
