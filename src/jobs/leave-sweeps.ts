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
 * - The approver is told on every platform that is on where they have an
 *   identity (features/org/reach.ts): a Slack DM (key as before) and a Teams
 *   DM (key + `:teams`). Without chat settings in this process, both are
 *   enqueued and wait for a process that sends them. An approver with no
 *   identity there gets no message, but the request is flagged and audited
 *   all the same.
 */
import { slackLeaveRenderer } from '../channels/slack/blocks/leave-blocks.ts';
import { teamsLeaveRenderer } from '../channels/teams/cards/leave-cards.ts';
import { platformsOn, type PlatformsOn } from '../features/org/reach.ts';
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
        ...messengers(platformsOn(ctx.chat)),
      };
      const returns = await flagOverdueReturns(deps);
      const proofs = await flagOverdueSickProofs(deps);
      ctx.logger.info({ returnOverdue: returns, sickProofOverdue: proofs }, 'leave sweeps done');
    },
  };
}

/** The approver's platforms: Slack with the plain outbox key (none when Slack is off), Teams with `:teams`. */
function messengers(on: PlatformsOn): Pick<LeaveDeps, 'messenger' | 'alsoTo'> {
  const slack: LeaveDeps['messenger'] = { platform: 'slack', render: slackLeaveRenderer, targetOf: (p) => (on.slack ? p.slackId : null) };
  const teams: LeaveDeps['messenger'] = { platform: 'teams', render: teamsLeaveRenderer, targetOf: (p) => p.teamsId };
  return { messenger: slack, ...(on.teams ? { alsoTo: [teams] } : {}) };
}
