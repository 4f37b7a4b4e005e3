/**
 * PAY-8 to each employee: the month-end statement by direct message (the
 * `month-end-pay-statements` job), and one's own statement on request
 * (`/banzhang pay [YYYY-MM]`). Nobody gets another person's statement in chat;
 * the whole month's report is `banzhang report pay` (payroll).
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { payStatementDate } from '../../policy/pay/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { payStatements } from './pay-report.ts';
import { payStatementView, type PayStatementView } from './pay-statement-view.ts';

/** How a statement looks on the platform (Slack: blocks/pay-blocks.ts). */
export type PayStatementRenderer = (locale: string, view: PayStatementView) => OutboxPayload;

/** The outbox key of an employee's statement of a month: one message, ever. */
export const payStatementKey = (month: string, employeeId: string) => `pay-statement:${month}:${employeeId}`;

/**
 * On the statement date of the month before `at` (payStatementDate: the first
 * working day of the next month), enqueues every active employee's statement
 * of that month as a Slack DM in their locale, once per employee and month.
 * Returns the month and the employees messaged, or null on any other day.
 */
export async function sendMonthEndPayStatements(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  render: PayStatementRenderer,
): Promise<{ month: string; employees: string[] } | null> {
  const local = at.setZone(policy.center.timeZone);
  const month = local.minus({ months: 1 }).toFormat('yyyy-MM');
  if (payStatementDate(month, policy) !== local.toISODate()) return null;
  const rows = await payStatements({ prisma, policy, clock: { now: () => local } }, month);
  const messages: OutboxInput[] = rows
    .filter((r) => r.slackId !== null)
    .map((r) => ({
      platform: 'slack',
      kind: 'dm',
      target: r.slackId!,
      payload: render(r.locale, payStatementView(r, policy)),
      dedupeKey: payStatementKey(month, r.employeeId),
    }));
  await prisma.$transaction((tx) => enqueue(tx, messages));
  return { month, employees: rows.filter((r) => r.slackId !== null).map((r) => r.employeeId) };
}

/**
 * One's own statement: of `month` ("YYYY-MM"), or of the current month so far
 * (through today, center time) when no month is given or the month is the
 * current one. A month not started yet, or one before the hire, is refused.
 */
export async function ownPayStatement(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, employeeId: string, month?: string): Promise<PayStatementView> {
  const today = deps.clock.now().setZone(deps.policy.center.timeZone);
  const current = today.toFormat('yyyy-MM');
  const asked = month ?? current;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(asked)) throw new AppError('bad_input', 'pay.usage', `bad month ${asked}`);
  if (asked > current) throw new AppError('bad_input', 'pay.future_month', `month ${asked} has not started`, { details: { month: asked } });
  const through = asked === current ? today.toISODate()! : undefined;
  const rows = await payStatements(deps, asked, { employeeIds: [employeeId], ...(through ? { through } : {}) });
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'pay.no_statement', `no statement of ${asked} for ${employeeId}`, { details: { month: asked } });
  return payStatementView(row, deps.policy);
}
