/**
 * `training-plan-report` (TRAIN-2): at `training.planDue.reportAt` on
 * `training.planDue.weekday` (center time), each active team leader gets the
 * plan owners who have not submitted the week's plan (or that all have), once
 * per week (outbox key). Works "as of" the slot.
 */
import { teamsTextOf } from '../channels/teams/cards/text-card.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendPlanReport } from '../features/training/training-plan.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';
import { weeklyCron } from './training-reminder.ts';

export function trainingPlanReportJob(policy: Policy): JobDefinition {
  return {
    name: 'training-plan-report',
    cron: weeklyCron(policy.training.planDue.weekday, policy.training.planDue.reportAt),
    timeZone: policy.center.timeZone,
    description: 'training.job.plan_report.description',
    catchUp: 'latest',
    async run(slot, ctx) {
      const report = await sendPlanReport(ctx.prisma, ctx.policy, slot, { teams: teamsTextOf }, platformsOn(ctx.chat));
      ctx.logger.info({ weekStart: report.weekStart, missing: report.missing.length, leaders: report.leaders }, 'training plan report enqueued');
    },
  };
}
