/**
 * `suggestion-weekly-digest` (SUGG-2): once a week at `suggestions.weeklyReminder`
 * (default Monday 09:00 center time), each team leader and center manager gets
 * the list of suggestions waiting for their review or rating. One message per
 * person and week (the outbox key), so a slot run again sends nothing new.
 */
import { slackSuggestionRenderer } from '../channels/slack/blocks/suggestion-blocks.ts';
import { teamsSuggestionJobRenderer } from '../channels/teams/cards/suggestion-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendWeeklyDigest } from '../features/suggestions/suggestion-service.ts';
import { timeToMinutes, WEEKDAYS, type Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

/** The cron of a weekly time: minute, hour and day of week (0 = Sunday). */
export function weeklyCron(at: { weekday: (typeof WEEKDAYS)[number]; time: string }): string {
  const minutes = timeToMinutes(at.time);
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * ${(WEEKDAYS.indexOf(at.weekday) + 1) % 7}`;
}

export function suggestionWeeklyDigestJob(policy: Policy): JobDefinition {
  return {
    name: 'suggestion-weekly-digest',
    cron: weeklyCron(policy.suggestions.weeklyReminder),
    timeZone: policy.center.timeZone,
    description: 'suggestions.job.digest',
    catchUp: 'latest',
    async run(slot, ctx) {
      const on = platformsOn(ctx.chat);
      const told = await sendWeeklyDigest(
        {
          prisma: ctx.prisma,
          policy: ctx.policy,
          clock: { now: () => slot },
          channel: `job:suggestion-weekly-digest:${ctx.trigger}`,
          // Every platform that is on where the person has an identity (reach.ts): Slack keys as before, Teams + `:teams`.
          messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: (p) => (on.slack ? p.slackId : null) },
          ...(on.teams ? { alsoTo: [{ platform: 'teams' as const, render: teamsSuggestionJobRenderer, targetOf: (p: { teamsId: string | null }) => p.teamsId }] } : {}),
        },
        slot,
      );
      ctx.logger.info({ reviewers: told.length }, 'suggestion weekly digest enqueued');
    },
  };
}
