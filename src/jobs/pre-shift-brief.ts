/**
 * `pre-shift-brief` (MEET-1): every 5 minutes; each team with a channel gets
 * its brief once per day, from `routine.briefLeadMinutes` before its first
 * segment (features/routine/brief-service.ts). Works "as of" the slot; the
 * outbox key (team and date) keeps later slots and a rerun from posting twice.
 */
import { ROUTINE_RENDERERS } from '../channels/slack/handlers/routine.ts';
import { platformsOn } from '../features/org/reach.ts';
import { postBriefs } from '../features/routine/brief-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function preShiftBriefJob(policy: Policy): JobDefinition {
  return {
    name: 'pre-shift-brief',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'routine.jobs.pre_shift_brief',
    catchUp: 'latest',
    async run(slot, ctx) {
      const teams = await postBriefs(ctx.prisma, ctx.policy, slot, ROUTINE_RENDERERS, platformsOn(ctx.chat));
      if (teams.length) ctx.logger.info({ teams }, 'pre-shift briefs enqueued');
    },
  };
}
