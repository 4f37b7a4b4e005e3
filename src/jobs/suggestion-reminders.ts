/**
 * `suggestion-reminders` (SUGG-2): every morning at 09:00 center time. The
 * owner of an adopted suggestion is reminded `suggestions.ownerReminderDaysBefore`
 * days before its deadline; the team leader who reviewed it (or the rater, when
 * the review was skipped) is told the day after a missed deadline. Each once
 * (a flag on the suggestion, set by a conditional update, and the outbox key),
 * so a slot run again sends nothing new. Works "as of" the slot.
 */
import { slackSuggestionRenderer } from '../channels/slack/blocks/suggestion-blocks.ts';
import { teamsSuggestionJobRenderer } from '../channels/teams/cards/suggestion-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendSuggestionReminders } from '../features/suggestions/suggestion-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function suggestionRemindersJob(policy: Policy): JobDefinition {
  return {
    name: 'suggestion-reminders',
    cron: '0 9 * * *',
    timeZone: policy.center.timeZone,
    description: 'suggestions.job.reminders',
    catchUp: 'latest',
    async run(slot, ctx) {
      const on = platformsOn(ctx.chat);
      const done = await sendSuggestionReminders(
        {
          prisma: ctx.prisma,
          policy: ctx.policy,
          clock: { now: () => slot },
          channel: `job:suggestion-reminders:${ctx.trigger}`,
          // Every platform that is on where the person has an identity (reach.ts): Slack keys as before, Teams + `:teams`.
          messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: (p) => (on.slack ? p.slackId : null) },
          ...(on.teams ? { alsoTo: [{ platform: 'teams' as const, render: teamsSuggestionJobRenderer, targetOf: (p: { teamsId: string | null }) => p.teamsId }] } : {}),
        },
        slot,
      );
      ctx.logger.info(done, 'suggestion reminders done');
    },
  };
}
