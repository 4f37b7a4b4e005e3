/**
 * `training-plan-reminder` (TRAIN-2): at `training.planDue.reminderAt` on
 * `training.planDue.weekday` (center time), each plan owner who has not
 * submitted the week's plan gets a DM with the button to the plan form, once
 * per week (outbox key). Works "as of" the slot.
 */
import { slackPlanReminder } from '../channels/slack/blocks/training-blocks.ts';
import { teamsPlanReminder } from '../channels/teams/cards/training-plan-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendPlanReminders } from '../features/training/training-plan.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';
import { weeklyCron } from './training-reminder.ts';

export function trainingPlanReminderJob(policy: Policy): JobDefinition {
  return {
    name: 'training-plan-reminder',
    cron: weeklyCron(policy.training.planDue.weekday, policy.training.planDue.reminderAt),
    timeZone: policy.center.timeZone,
    description: 'training.job.plan_reminder.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const owners = await sendPlanReminders(ctx.prisma, ctx.policy, slot, { slack: slackPlanReminder, teams: teamsPlanReminder }, platformsOn(ctx.chat));
      ctx.logger.info({ owners }, 'training plan reminders enqueued');
    },
  };
}
