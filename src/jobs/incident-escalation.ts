/**
 * `incident-escalation` (INC-4): every minute, each incident not acknowledged
 * within `incidents.ackTimeoutMinutes` of its filing minute alerts every active
 * center manager by DM, once (escalatedAt is set in the transaction that
 * enqueues the alert). Works "as of" the slot.
 */
import { slackIncidentRenderer } from '../channels/slack/blocks/incident-blocks.ts';
import { teamsIncidentRenderer } from '../channels/teams/cards/incident-cards.ts';
import { escalateUnacknowledged } from '../features/incidents/incident-service.ts';
import { platformsOn } from '../features/org/reach.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function incidentEscalationJob(policy: Policy): JobDefinition {
  return {
    name: 'incident-escalation',
    cron: '* * * * *',
    timeZone: policy.center.timeZone,
    description: 'incidents.job.escalation_description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const on = platformsOn(ctx.chat);
      const escalated = await escalateUnacknowledged(
        {
          prisma: ctx.prisma,
          policy: ctx.policy,
          // Every platform that is on where the manager has an identity (reach.ts), a card kept and updated on each (Teams keys + `:teams`).
          messenger: { platform: 'slack', render: slackIncidentRenderer, targetOf: (p) => (on.slack ? p.slackId : null) },
          also: [{ platform: 'teams', render: teamsIncidentRenderer, targetOf: (p) => (on.teams ? p.teamsId : null) }],
        },
        slot,
      );
      if (escalated.length) ctx.logger.info({ incidents: escalated }, 'incidents escalated to the center managers');
    },
  };
}
