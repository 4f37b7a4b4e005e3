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
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
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
  render: PayStatementRenderer | Record<OutboxPlatform, PayStatementRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<{ month: string; employees: string[] } | null> {
  const local = at.setZone(policy.center.timeZone);
  const month = local.minus({ months: 1 }).toFormat('yyyy-MM');
  if (payStatementDate(month, policy) !== local.toISODate()) return null;
  const rows = await payStatements({ prisma, policy, clock: { now: () => local } }, month);
  // Every platform that is on where the employee has an identity (features/org/reach.ts).
  const renderOn = (p: OutboxPlatform) => (typeof render === 'function' ? render : render[p]);
  const reached = await prisma.$transaction(async (tx) => {
    const addresses = await peopleAddresses(tx, rows.map((r) => r.employeeId), on);
    const messages: OutboxInput[] = rows.flatMap((r) =>
      addressed(addresses.get(r.employeeId) ?? [], 'dm', (p) => renderOn(p)(r.locale, payStatementView(r, policy)), payStatementKey(month, r.employeeId)),
    );
    await enqueue(tx, messages);
    return rows.filter((r) => (addresses.get(r.employeeId) ?? []).length > 0).map((r) => r.employeeId);
  });
  return { month, employees: reached };
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
