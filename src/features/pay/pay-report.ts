/**
 * PAY-8: the month's pay effects of every employee, from the stored facts:
 * orders from the daily summaries (PERF-1), lateness derived from clock events
 * (LATE-3..6), approved leave's cost lines (LEAVE-8, as costed when filed), and
 * the top commission among agents (PAY-6). `banzhang report pay --month`.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { monthlyPay, topCommission, type LeaveCostForPay, type PayStatement } from '../../policy/pay/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { formatFen } from '../../shared/format.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { deriveDays, monthOf } from '../lateness/lateness-inputs.ts';

export interface PayReportRow {
  employeeId: string;
  name: string;
  statement: PayStatement;
}

export async function payReport(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<PayReportRow[]> {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: deps.policy.center.timeZone });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) {
    throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  }
  const from = first.toISODate()!;
  const to = first.endOf('month').toISODate()!;
  return deps.prisma.$transaction(async (tx) => {
    const people = await deriveDays(tx, deps.policy, { from, to, now: deps.clock.now() });
    const ids = people.map((p) => p.person.id);
    const [employees, summaries, leaves] = await Promise.all([
      tx.employee.findMany({ where: { id: { in: ids } } }),
      tx.dailySummary.groupBy({ by: ['employeeId'], where: { employeeId: { in: ids }, date: { gte: dateColumn(from), lte: dateColumn(to) } }, _sum: { orders: true } }),
      tx.leaveRequest.findMany({ where: { employeeId: { in: ids }, status: 'approved', startDate: { lte: dateColumn(to) }, endDate: { gte: dateColumn(from) } } }),
    ]);
    const ordersOf = new Map(summaries.map((s) => [s.employeeId, s._sum.orders ?? 0]));
    const inputs = people.map((p) => {
      const e = employees.find((x) => x.id === p.person.id)!;
      const leaveCosts: LeaveCostForPay[] = leaves
        .filter((l) => l.employeeId === e.id)
        .map((l) => ({
          requestId: `leave:${l.id}`,
          lines: ((l.costLines as Array<{ ruleId: string; date: string; amountFen: number }> | null) ?? []).filter((line) => line.date >= from && line.date <= to),
          losesFullAttendance: l.losesFullAttendance && isoDateOf(l.startDate) <= to && isoDateOf(l.endDate) >= from,
        }));
      return {
        name: e.name,
        input: {
          employeeId: e.id,
          role: e.role as RoleKey,
          month,
          hireDate: isoDateOf(e.hireDate),
          probationEnd: isoDateOf(e.probationEnd),
          orders: ordersOf.get(e.id) ?? 0,
          // INC-3 outages come with the incidents feature; until then none is recorded.
          outageMadeQuotaImpossible: false,
          lateness: monthOf(deps.policy, month, p),
          leaveCosts,
          isTopCommission: false,
          basePayFen: e.basePayFen,
        },
      };
    });
    const draft = inputs.map((x) => monthlyPay(x.input, deps.policy));
    const top = new Set(
      topCommission(draft.filter((s) => s.quotaMet !== null).map((s) => ({ employeeId: s.employeeId, commissionFen: s.commissionFen, quotaMet: s.quotaMet === true, outage: false }))),
    );
    return inputs.map((x, i) => ({
      employeeId: x.input.employeeId,
      name: x.name,
      statement: top.has(x.input.employeeId) ? monthlyPay({ ...x.input, isTopCommission: true }, deps.policy) : draft[i]!,
    }));
  });
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
