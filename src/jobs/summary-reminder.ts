/**
 * `summary-reminder` (PERF-1): every 5 minutes, each ranked employee whose
 * working day's last segment ends within perf.summaryReminderMinutesBeforeEnd
 * of the slot (before or after) and who has not filed the day's summary gets
 * one DM a day with a button to the form (outbox key `summary-reminder:<id>:<date>`);
 * on Teams a card that reminds only (key + `:teams`; the form is not on Teams yet).
 * Not on rest days, holidays or days wholly on approved leave. Works "as of" the slot.
 */
import { summaryReminder } from '../channels/slack/blocks/summary-blocks.ts';
import { teamsSummaryReminder } from '../channels/teams/cards/summary-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendSummaryReminders } from '../features/performance/summary-service.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function summaryReminderJob(policy: Policy): JobDefinition {
  return {
    name: 'summary-reminder',
    cron: '*/5 * * * *',
    timeZone: policy.center.timeZone,
    description: 'performance.job.summary_reminder',
    catchUp: 'latest',
    async run(slot, ctx) {
      const reminded = await sendSummaryReminders(ctx.prisma, ctx.policy, slot, { slack: summaryReminder, teams: teamsSummaryReminder }, platformsOn(ctx.chat));
      if (reminded.length) ctx.logger.info({ reminded }, 'summary reminders enqueued');
    },
  };
}
