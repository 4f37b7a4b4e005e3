/**
 * `post-shift-report`: every 5 minutes; after a team's last segment of the day
 * its team leader gets the post-shift report draft by DM, once per team and
 * date (the shift_report row; features/routine/shift-report-service.ts).
 */
import { ROUTINE_RENDERERS } from '../channels/slack/handlers/routine.ts';
import { platformsOn } from '../features/org/reach.ts';
import { draftReports } from '../features/routine/shift-report-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function postShiftReportJob(policy: Policy): JobDefinition {
  return {
    name: 'post-shift-report',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'routine.jobs.post_shift_report',
    catchUp: 'latest',
    async run(slot, ctx) {
      const teams = await draftReports(ctx.prisma, ctx.policy, slot, ROUTINE_RENDERERS, platformsOn(ctx.chat));
      if (teams.length) ctx.logger.info({ teams }, 'post-shift report drafts enqueued');
    },
  };
}
