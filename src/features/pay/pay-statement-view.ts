/**
 * PAY-8 for chat: one employee's statement as a view-model the channels render
 * (Slack: blocks/pay-blocks.ts). Every line keeps its rule id and amount and
 * says its source event as data (dates, segments, minutes, the leave request),
 * never as text: the renderer words it in the reader's locale.
 */
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import type { LatenessLine } from '../../policy/lateness/index.ts';
import type { PayRuleId } from '../../policy/pay/index.ts';
import type { PayStatementRow } from './pay-report.ts';

export type PayEvent =
  | { type: 'quota'; orders: number; quota: number; met: boolean; outage: boolean }
  | { type: 'role-base'; role: RoleKey }
  | { type: 'subsidy' }
  | { type: 'full-attendance' }
  | { type: 'full-attendance-lost-leave'; leaveId: number; leaveType: string }
  | { type: 'full-attendance-lost-absenteeism' }
  | { type: 'seniority'; periods: number; periodMonths: number; onProbation: boolean; capped: boolean }
  | { type: 'commission'; orders: number; perOrderFen: number; aboveQuota: boolean }
  | { type: 'top-commission' }
  | { type: 'insurance'; applies: boolean }
  | { type: 'early-leave'; date: string; segment: string; minutes: number }
  | { type: 'late-month'; month: string; minutes: number; allowance: number; events: Array<{ date: string; segment: string; minutes: number }> }
  | { type: 'absenteeism'; date: string; segment: string | null; minutes: number }
  | { type: 'absent-day'; date: string }
  | { type: 'leave'; leaveId: number; leaveType: string; date: string; fraction: number | null; ratePercent: number | null; dailyBaseFen: number };

export interface PayLineView {
  ruleId: PayRuleId;
  amountFen: number;
  event: PayEvent;
}

export interface PayStatementView {
  employeeId: string;
  name: string;
  month: string;
  /** Month to date: the last date counted (the statement is not final); null for a whole month. */
  through: string | null;
  lines: PayLineView[];
  earningsFen: number;
  deductionsFen: number;
  netEffectFen: number;
  /** PAY-7 */
  insuranceApplies: boolean;
  /** LATE-5 events waiting for a decision on their explanation: not charged yet. */
  pendingEvents: number;
}

/**
 * The view of a statement row. The statement lists its PAY-8 lines in the
 * order of its inputs (the month's lateness lines, then each leave's LEAVE-8
 * lines); each is matched to the fact it came from in that order, and a
 * mismatch is a programming error (thrown).
 */
export function payStatementView(row: PayStatementRow, policy: Policy): PayStatementView {
  const { statement: s } = row;
  const lateness = [...(row.lateness?.lines ?? [])];
  const leaveLines = new Map([...row.leaves.entries()].map(([source, l]) => [source, l.lines.filter((x) => x.ruleId === 'LEAVE-8')]));
  const hasSubsidy = s.lines.some((l) => l.ruleId === 'PAY-1' && l.kind === 'subsidy');
  const lines: PayLineView[] = s.lines.map((line) => {
    const view = (event: PayEvent): PayLineView => ({ ruleId: line.ruleId, amountFen: line.amountFen, event });
    switch (line.ruleId) {
      case 'PAY-1':
        if (line.kind === 'subsidy') return view({ type: 'subsidy' });
        return view(
          s.quotaMet === null
            ? { type: 'role-base', role: row.role }
            : { type: 'quota', orders: row.orders, quota: policy.pay.monthlyQuotaOrders, met: s.quotaMet, outage: hasSubsidy },
        );
      case 'PAY-3': {
        if (line.amountFen > 0 || !line.source) return view({ type: 'full-attendance' });
        const leave = row.leaves.get(line.source);
        return view(leave ? { type: 'full-attendance-lost-leave', leaveId: leave.id, leaveType: leave.type } : { type: 'full-attendance-lost-absenteeism' });
      }
      case 'PAY-4':
        return view({
          type: 'seniority',
          periods: s.seniorityPeriods,
          periodMonths: policy.pay.seniorityPeriodMonths,
          onProbation: !s.afterProbation,
          capped: s.seniorityPeriods * policy.pay.seniorityBonusPerPeriodFen > policy.pay.seniorityBonusMaxFen,
        });
      case 'PAY-5':
        return view({
          type: 'commission',
          orders: s.quotaMet ? row.orders - policy.pay.monthlyQuotaOrders : row.orders,
          perOrderFen: policy.pay.commissionPerOrderFen,
          aboveQuota: s.quotaMet === true,
        });
      case 'PAY-6':
        return view({ type: 'top-commission' });
      case 'PAY-7':
        return view({ type: 'insurance', applies: s.insuranceApplies });
      case 'LATE-3':
      case 'LATE-4':
      case 'LATE-5':
      case 'LATE-6':
        return view(latenessEvent(line.ruleId, lateness.shift(), row));
      case 'LEAVE-8': {
        const leave = line.source ? row.leaves.get(line.source) : undefined;
        const fact = line.source ? leaveLines.get(line.source)?.shift() : undefined;
        if (!leave || !fact) throw new Error(`statement line LEAVE-8 ${line.source} has no leave line behind it`);
        return view({
          type: 'leave',
          leaveId: leave.id,
          leaveType: leave.type,
          date: fact.date,
          fraction: fact.fraction ?? null,
          ratePercent: fact.ratePercent ?? null,
          dailyBaseFen: s.dailyBaseFen,
        });
      }
      case 'PAY-2':
      case 'PAY-8':
        throw new Error(`a statement has no ${line.ruleId} line of its own`);
    }
  });
  return {
    employeeId: row.employeeId,
    name: row.name,
    month: s.month,
    through: row.through,
    lines,
    earningsFen: s.earningsFen,
    deductionsFen: s.deductionsFen,
    netEffectFen: s.netEffectFen,
    insuranceApplies: s.insuranceApplies,
    pendingEvents: row.lateness?.pending.length ?? 0,
  };
}

function latenessEvent(ruleId: 'LATE-3' | 'LATE-4' | 'LATE-5' | 'LATE-6', fact: LatenessLine | undefined, row: PayStatementRow): PayEvent {
  if (!fact || fact.ruleId !== ruleId) throw new Error(`statement line ${ruleId} does not match the lateness line ${fact?.ruleId ?? '(none)'}`);
  switch (ruleId) {
    case 'LATE-3':
      return { type: 'early-leave', date: fact.date!, segment: fact.segment ?? '', minutes: fact.minutes ?? 0 };
    case 'LATE-4':
      return {
        type: 'late-month',
        month: row.statement.month,
        minutes: fact.minutes ?? 0,
        allowance: row.lateness!.allowanceMinutes,
        events: row.lateness!.late.map((e) => ({ date: e.date, segment: e.segment, minutes: e.minutes })),
      };
    case 'LATE-5':
      return { type: 'absenteeism', date: fact.date!, segment: fact.segment ?? null, minutes: fact.minutes ?? 0 };
    case 'LATE-6':
      return { type: 'absent-day', date: fact.date! };
  }
}
