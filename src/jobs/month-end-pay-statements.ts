/**
 * `month-end-pay-statements` (PAY-8): every morning at 09:00 center time; on
 * the first working day of a month (policy/pay/schedule.ts `payStatementDate`)
 * it DMs every active employee with a Slack id their statement of the month
 * before, in their locale, once per employee and month (the outbox key), so a
 * slot run again sends nothing new. Works "as of" the slot.
 */
import { payStatementMessage } from '../channels/slack/blocks/pay-blocks.ts';
import { teamsPayStatement } from '../channels/teams/cards/pay-cards.ts';
import { platformsOn } from '../features/org/reach.ts';
import { sendMonthEndPayStatements } from '../features/pay/pay-statements.ts';
import type { Policy } from '../policy/config/schema.ts';
import type { JobDefinition } from './job.ts';

export function monthEndPayStatementsJob(policy: Policy): JobDefinition {
  return {
    name: 'month-end-pay-statements',
    cron: '0 9 * * *',
    timeZone: policy.center.timeZone,
    description: 'pay.jobs.month_end_statements',
    catchUp: 'latest',
    async run(slot, ctx) {
      const sent = await sendMonthEndPayStatements(ctx.prisma, ctx.policy, slot, { slack: payStatementMessage, teams: teamsPayStatement }, platformsOn(ctx.chat));
      if (sent) ctx.logger.info({ month: sent.month, employees: sent.employees.length }, 'pay statements enqueued');
    },
  };
}
