/**
 * `monthly-lateness-report` (LATE-9): every morning at 09:00 center time; on the
 * report day of the previous month it DMs the team leaders the month's report
 * (once per leader and month: the outbox key). Works "as of" the slot.
 */
import { teamsTextOf } from '../channels/teams/cards/text-card.ts';
import { sendMonthlyLatenessReports } from '../features/lateness/monthly-report.ts';
import { platformsOn } from '../features/org/reach.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function monthlyLatenessReportJob(policy: Policy): JobDefinition {
  return {
    name: 'monthly-lateness-report',
    cron: '0 9 * * *',
    timeZone: policy.center.timeZone,
    description: 'jobs.monthly_lateness_report.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const leaders = await sendMonthlyLatenessReports(ctx.prisma, ctx.policy, slot, { teams: teamsTextOf }, platformsOn(ctx.chat));
      if (leaders.length) ctx.logger.info({ leaders }, 'monthly lateness report enqueued');
    },
  };
}
