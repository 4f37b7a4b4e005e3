/**
 * PAY-8: the month's pay effects of every employee, from the stored facts:
 * orders from the daily summaries (PERF-1), lateness derived from clock events
 * (LATE-3..6), approved leave's cost lines (LEAVE-8), and the top commission
 * among agents (PAY-6). `banzhang report pay --month`, the month-end
 * statements (month-end-pay-statements) and `/banzhang pay` all read this.
 *
 * Readings (see docs/pay.md):
 * - LEAVE-8 lines are stored when the leave is filed, costed on the preview
 *   base (leave/cost.ts). Here each LEAVE-8 line gets its part of the day and
 *   its rate (100% personal; the sick rate by tenure on the leave's first day),
 *   and the statement charges it again on the month's actual base (PAY-1/2).
 *   A line's part of the day: the request's (a whole day, or half for a
 *   morning/afternoon request); a whole day split by a LEAVE-7 offset (two
 *   lines on one date) is half and half.
 * - LEAVE-6: days after a leave's effective end (an early return) are not charged.
 * - PAY-3 is lost by a leave when a personal-leave day of this month is charged.
 * - LATE-5/6 (one day's base pay each) are charged as the lateness report
 *   (LATE-9) charges them: on the person's base, or the quota-met base
 *   (lateness-inputs.ts `monthOf`), so payroll and the lateness report agree.
 *   Charging them on the month's actual base too is an open question (docs/pay.md).
 * - Days before the hire date are not looked at; an employee hired after the
 *   month has no statement for it; inactive employees have none.
 * - PAY-6 is decided among every active agent of the month, also when only
 *   one employee's statement is asked for.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { monthLateness, type MonthLateness } from '../../policy/lateness/index.ts';
import { sickRatePercent } from '../../policy/leave/cost.ts';
import { monthlyPay, topCommission, type LeaveCostForPay, type LeaveCostLineForPay, type MonthlyPayInput, type PayStatement } from '../../policy/pay/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { formatFen } from '../../shared/format.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { outageMadeQuotaImpossible, outagesOfMonth } from '../incidents/incident-report.ts';
import { deriveEach } from '../lateness/lateness-inputs.ts';

export interface PayReportRow {
  employeeId: string;
  name: string;
  statement: PayStatement;
}

/** A leave of the month as its statement lines need it. */
export interface PayLeave {
  id: number;
  type: string;
  /** The request's cost lines of this month (LEAVE-7 offsets too), with part of day and rate on LEAVE-8 lines. */
  lines: Array<LeaveCostLineForPay & { kind?: string | undefined }>;
}

/** One employee's statement with the facts it was made from (for the chat statement). */
export interface PayStatementRow extends PayReportRow {
  role: RoleKey;
  locale: string;
  slackId: string | null;
  /** The last date counted when month to date, else null. */
  through: string | null;
  orders: number;
  lateness: MonthLateness | null;
  /** By source id `leave:<id>`. */
  leaves: Map<string, PayLeave>;
}

type Deps = { prisma: PrismaClient; policy: Policy; clock: Clock };

interface StoredCostLine {
  ruleId: string;
  date: string;
  kind?: string;
  amountFen: number;
}

/** `report pay --month`: every active employee's statement of the month. */
export async function payReport(deps: Deps, month: string): Promise<PayReportRow[]> {
  return payStatements(deps, month);
}

/**
 * The statements of `month` ("YYYY-MM"): of every active employee employed in
 * it, or of `employeeIds`; month to date when `through` (a date of the month)
 * is given: facts after it are not read.
 */
export async function payStatements(deps: Deps, month: string, options: { employeeIds?: string[]; through?: string } = {}): Promise<PayStatementRow[]> {
  const { policy } = deps;
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: policy.center.timeZone });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) {
    throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  }
  const from = first.toISODate()!;
  const end = first.endOf('month').toISODate()!;
  const through = options.through ?? null;
  if (through !== null && (through < from || through > end)) throw new RangeError(`through ${through} is not a date of ${month}`);
  const to = through ?? end;

  return deps.prisma.$transaction(async (tx) => {
    // Everyone employed in the month: the agents decide PAY-6 together.
    const employed = await tx.employee.findMany({ where: { active: true, hireDate: { lte: dateColumn(end) } }, orderBy: { id: 'asc' } });
    const wanted = options.employeeIds ? employed.filter((e) => options.employeeIds!.includes(e.id)) : employed;
    const agents = employed.filter((e) => e.role === 'outbound_agent');
    const summaryIds = [...new Set([...wanted, ...agents].map((e) => e.id))];
    const [summaries, leaves] = await Promise.all([
      tx.dailySummary.groupBy({ by: ['employeeId'], where: { employeeId: { in: summaryIds }, date: { gte: dateColumn(from), lte: dateColumn(to) } }, _sum: { orders: true } }),
      tx.leaveRequest.findMany({
        where: { employeeId: { in: wanted.map((e) => e.id) }, status: 'approved', startDate: { lte: dateColumn(to) }, endDate: { gte: dateColumn(from) } },
        orderBy: { id: 'asc' },
      }),
    ]);
    const ordersOf = new Map(summaries.map((s) => [s.employeeId, s._sum.orders ?? 0]));
    // INC-3 → PAY-1: a provincial-system outage recorded (resolved) in the month, up to `to`, made the quota impossible (docs/incidents.md).
    const outage = outageMadeQuotaImpossible((await outagesOfMonth(tx, month, policy.center.timeZone)).filter((o) => o.occurredAt.setZone(policy.center.timeZone).toISODate()! <= to));
    const baseInput = (e: (typeof employed)[number]): MonthlyPayInput => ({
      employeeId: e.id,
      role: e.role as RoleKey,
      month,
      hireDate: isoDateOf(e.hireDate),
      probationEnd: isoDateOf(e.probationEnd),
      orders: ordersOf.get(e.id) ?? 0,
      outageMadeQuotaImpossible: outage,
      lateness: null,
      leaveCosts: [],
      isTopCommission: false,
      basePayFen: e.basePayFen,
    });

    // PAY-6 among all agents of the month (commission depends on the orders only).
    const top = new Set(
      topCommission(
        agents.map((e) => {
          const s = monthlyPay(baseInput(e), policy);
          return { employeeId: e.id, commissionFen: s.commissionFen, quotaMet: s.quotaMet === true, outage };
        }),
      ),
    );

    const wantedById = new Map(wanted.map((e) => [e.id, e]));
    const leavesOf = new Map<string, typeof leaves>();
    for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
    if (wanted.length === 0) return [];
    // Derived a chunk of employees at a time (deriveEach): a center of 10,000 never holds every derived day at once.
    return deriveEach(tx, policy, { from, to, now: deps.clock.now(), employeeIds: wanted.map((e) => e.id) }, (p): PayStatementRow => {
      const e = wantedById.get(p.person.id)!;
      const input = baseInput(e);
      const myLeaves = new Map<string, PayLeave>();
      for (const l of leavesOf.get(e.id) ?? []) {
        const lastDay = isoDateOf(l.effectiveEndDate ?? l.endDate);
        const stored = (l.costLines as StoredCostLine[] | null) ?? [];
        const dayFraction = l.part === 'full' ? 1 : 0.5;
        const lines = stored
          .filter((line) => line.date >= from && line.date <= to && line.date <= lastDay)
          .map((line) => {
            const rate = line.kind === 'personal-day' ? 100 : line.kind === 'sick-day' ? sickRatePercent(input.hireDate, isoDateOf(l.startDate), policy) : undefined;
            const split = stored.filter((o) => o.date === line.date).length > 1;
            return {
              ruleId: line.ruleId,
              date: line.date,
              kind: line.kind,
              amountFen: line.amountFen,
              ...(line.ruleId === 'LEAVE-8' && rate !== undefined ? { fraction: split ? 0.5 : dayFraction, ratePercent: rate } : {}),
            };
          });
        myLeaves.set(`leave:${l.id}`, { id: l.id, type: l.type, lines });
      }
      const leaveCosts: LeaveCostForPay[] = [...myLeaves.entries()].map(([requestId, l]) => ({
        requestId,
        lines: l.lines,
        losesFullAttendance: l.lines.some((x) => x.ruleId === 'LEAVE-8' && x.kind === 'personal-day'),
      }));
      const lateness = monthLateness({
        employeeId: e.id,
        month,
        days: p.days.filter((d) => d.date.startsWith(month) && d.date >= input.hireDate),
        policy,
        monthlyBaseFen: e.basePayFen ?? policy.pay.basePayQuotaMetFen,
        through: through ?? undefined,
      });
      const statement = monthlyPay({ ...input, leaveCosts, lateness, isTopCommission: top.has(e.id) }, policy);
      return {
        employeeId: e.id,
        name: e.name,
        statement,
        role: input.role,
        locale: e.locale,
        slackId: p.person.slackId,
        through,
        orders: input.orders,
        lateness,
        leaves: myLeaves,
      };
    });
  }, LONG_TRANSACTION);
}

const sumOf = (s: PayStatement, rule: string) => s.lines.filter((l) => l.ruleId === rule).reduce((a, l) => a + l.amountFen, 0);

export const PAY_COLUMNS: ReportColumn<PayReportRow>[] = [
  { header: 'employee_id', value: (r) => r.employeeId },
  { header: 'name', value: (r) => r.name },
  { header: 'base_fen', value: (r) => sumOf(r.statement, 'PAY-1') },
  { header: 'full_attendance_fen', value: (r) => sumOf(r.statement, 'PAY-3') },
  { header: 'seniority_fen', value: (r) => sumOf(r.statement, 'PAY-4') },
  { header: 'commission_fen', value: (r) => sumOf(r.statement, 'PAY-5') },
  { header: 'top_commission_fen', value: (r) => sumOf(r.statement, 'PAY-6') },
  { header: 'earnings_fen', value: (r) => r.statement.earningsFen },
  { header: 'deductions_fen', value: (r) => r.statement.deductionsFen },
  { header: 'net_effect_fen', value: (r) => r.statement.netEffectFen },
  { header: 'net_effect', value: (r) => formatFen(r.statement.netEffectFen) },
  { header: 'insurance', value: (r) => (r.statement.insuranceApplies ? 'yes' : 'no') },
  { header: 'lines', value: (r) => r.statement.lines.filter((l) => l.amountFen !== 0).map((l) => `${l.ruleId}${l.source ? `@${l.source}` : ''} ${l.amountFen}`).join('; ') },
];
