/**
 * `training-reminder` (TRAIN-1): at `training.weekly.time` on
 * `training.weekly.weekday` (center time). On a working day of the center it
 * creates the day's session and posts the reminder with the week's topic and a
 * Check in button to the training channel, once per date (outbox key). Without
 * a training channel it logs a warning and does nothing. Works "as of" the slot.
 */
import { slackTrainingReminder } from '../channels/slack/blocks/training-blocks.ts';
import { teamsTrainingReminder } from '../channels/teams/cards/training-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { postTrainingReminder } from '../features/training/training-service.ts';
import { timeToMinutes, WEEKDAYS, type Policy, type Weekday } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

/** A cron expression for a weekday and "HH:mm" (cron counts Sunday as 0). */
export function weeklyCron(weekday: Weekday, time: string): string {
  const minutes = timeToMinutes(time);
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * ${(WEEKDAYS.indexOf(weekday) + 1) % 7}`;
}

export function trainingReminderJob(policy: Policy): JobDefinition {
  return {
    name: 'training-reminder',
    cron: weeklyCron(policy.training.weekly.weekday, policy.training.weekly.time),
    timeZone: policy.center.timeZone,
    description: 'training.job.reminder.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const result = await postTrainingReminder(ctx.prisma, ctx.policy, slot, { slack: (view) => slackTrainingReminder(view), teams: (view) => teamsTrainingReminder(view) }, platformsOn(ctx.chat));
      if (result.outcome === 'no-training-channel') ctx.logger.warn({ date: result.date }, 'no training channel configured (org file channels.training): no reminder posted, no session created');
      else ctx.logger.info({ ...result }, 'training reminder');
    },
  };
}
