/**
 * `handover-check`: every 5 minutes; a shift handover not acknowledged
 * `routine.handoverGraceMinutes` after the incoming shift started is flagged
 * to the complaint managers, once (features/routine/handover-service.ts).
 */
import { ROUTINE_RENDERERS } from '../channels/slack/handlers/routine.ts';
import { platformsOn } from '../features/org/reach.ts';
import { checkHandovers } from '../features/routine/handover-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function handoverCheckJob(policy: Policy): JobDefinition {
  return {
    name: 'handover-check',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'routine.jobs.handover_check',
    catchUp: 'latest',
    async run(slot, ctx) {
      const flagged = await checkHandovers(ctx.prisma, ctx.policy, slot, ROUTINE_RENDERERS, platformsOn(ctx.chat));
      if (flagged.length) ctx.logger.info({ handovers: flagged }, 'unacknowledged handovers flagged');
    },
  };
}
