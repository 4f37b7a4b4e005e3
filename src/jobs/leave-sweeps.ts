/**
 * `leave-sweeps`, daily at 20:00 center time: LEAVE-6 (approved leave whose
 * return was not reported by the end of the first working day after it) and
 * LEAVE-3 (sick leave whose proof is overdue). Each sweep flags a request and
 * tells its approver once, so running a slot again after a failure is safe.
 *
 * Readings:
 * - The sweeps work "as of" the slot, not the moment they run: a slot caught
 *   up at 23:10, or run by `jobs run --at`, gives the same answer as the cron
 *   at 20:00 would have.
 * - Messages go through the outbox as Slack messages to the approver's Slack
 *   id (the only chat renderer there is yet). Without Slack settings in this
 *   process they still are enqueued and wait in the outbox until a process
 *   with Slack on sends them; an approver with no Slack id gets no message
 *   (the use case drops a message without a target), but the request is
 *   flagged and audited all the same.
 */
import { slackLeaveRenderer } from '../channels/slack/blocks/leave-blocks.ts';
import { flagOverdueReturns, flagOverdueSickProofs, type LeaveDeps } from '../features/leave/leave-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function leaveSweepsJob(policy: Policy): JobDefinition {
  return {
    name: 'leave-sweeps',
    cron: '0 20 * * *',
    timeZone: policy.center.timeZone,
    description: 'jobs.leave_sweeps.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const deps: LeaveDeps = {
        prisma: ctx.prisma,
        policy: ctx.policy,
        clock: { now: () => slot },
        source: `job:leave-sweeps:${ctx.trigger}`,
        messenger: { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => p.slackId },
      };
      const returns = await flagOverdueReturns(deps);
      const proofs = await flagOverdueSickProofs(deps);
      ctx.logger.info({ returnOverdue: returns, sickProofOverdue: proofs }, 'leave sweeps done');
    },
  };
}
