/**
 * `housekeeping`, daily at 03:30 center time: keeps the bookkeeping tables from
 * growing without end. Four jobs fire every few minutes (about 2,300 job_run
 * rows a day) and every Slack delivery leaves a processed_delivery key.
 *
 * - job_run: finished slots older than JOB_RUN_DAYS are deleted. A slot's row
 *   is what makes it run once; after 90 days no catch-up (same day) or retry
 *   sweep (24 hours) looks at it, and only an operator's `jobs run --at` of so
 *   old a slot would run it again. Failed and running rows are kept.
 * - processed_delivery: keys older than DELIVERY_DAYS are deleted; Slack retries
 *   a delivery within minutes, and a trigger id is valid for 30 minutes.
 * - outbox_message rows are kept: a card may be updated months after it was
 *   sent (a suggestion's deadline), and the update needs the original's id.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../policy/config/schema.ts';
import type { PrismaClient } from '../shared/db/types.ts';
import type { JobDefinition } from './job.ts';

export const JOB_RUN_DAYS = 90;
export const DELIVERY_DAYS = 7;

export async function pruneBookkeeping(prisma: PrismaClient, at: DateTime): Promise<{ jobRuns: number; deliveries: number }> {
  const jobRuns = await prisma.jobRun.deleteMany({ where: { status: 'finished', slot: { lt: at.minus({ days: JOB_RUN_DAYS }).toJSDate() } } });
  const deliveries = await prisma.processedDelivery.deleteMany({ where: { createdAt: { lt: at.minus({ days: DELIVERY_DAYS }).toJSDate() } } });
  return { jobRuns: jobRuns.count, deliveries: deliveries.count };
}

export function housekeepingJob(policy: Policy): JobDefinition {
  return {
    name: 'housekeeping',
    cron: '30 3 * * *',
    timeZone: policy.center.timeZone,
    description: 'jobs.housekeeping.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const pruned = await pruneBookkeeping(ctx.prisma, slot);
      ctx.logger.info(pruned, 'housekeeping: old bookkeeping rows deleted');
    },
  };
}
