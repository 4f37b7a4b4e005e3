/**
 * PAY-1..PAY-8: one employee's pay effects for one month (a statement for
 * payroll; the bot does not run payroll). Pure: no I/O, no clock. Money is
 * integer fen; every amount is rounded (half-up, to the fen) at most once,
 * where it is computed (PAY-2 via leave/cost.ts `dayAmountFen`).
 *
 * Readings (policy.md §5 leaves these open):
 * - PAY-1 roles: `outbound_agent` follows PAY-1 (quota met → `pay.basePayQuotaMetFen`,
 *   else `pay.basePayQuotaNotMetFen`; an outage that made the quota impossible
 *   (INC-3) → not-met base + `pay.outageSubsidyFen`). If the quota is met anyway
 *   despite an outage, the met base applies and no subsidy is paid. An agent's
 *   `basePayFen` is ignored. Other roles have no quota: base = `basePayFen`, or
 *   when absent/null `pay.basePayQuotaMetFen` (the same default as leave/cost.ts);
 *   they get no commission (PAY-5) and no top-commission reward (PAY-6).
 * - PAY-2: the statement carries `dailyBaseFen` = base / `pay.dailyBaseDivisor`
 *   rounded once. LEAVE-8 lines are costed when the leave is filed on the
 *   preview base (leave/cost.ts: 1200 yuan for an agent); a line that gives its
 *   `fraction` and `ratePercent` is charged again here on the month's actual
 *   base (monthly base × fraction × rate / divisor, half-up once, as cost.ts
 *   rounds), so a month whose quota is missed (800, or 800 + subsidy: the
 *   subsidy is not base pay) charges less for the same day. A line without
 *   them is carried as given. LATE-5/6 amounts come in computed by their
 *   producer (the month's lateness) and are carried as they are.
 * - PAY-3: lost when any leave cost says `losesFullAttendance` (a charged
 *   personal-leave day, LEAVE-8) or the month's lateness does (absenteeism,
 *   LATE-5/6). A lost bonus is one line of 0 whose source is the first cause.
 * - PAY-4 "full half-year": the n-th period is complete on hireDate + n ×
 *   `pay.seniorityPeriodMonths` calendar months (luxon: a day missing in the
 *   target month clamps to its last day, so hire 08-31 → 02-28/29; always
 *   counted from the hire date, never chained), and it counts when that date is
 *   on or before the last day of the statement month. Hire 2025-11-30 → first
 *   period complete 2026-05-30 → paid for May 2026; hire 2025-12-01 → complete
 *   2026-06-01 → first paid for June. Capped at `pay.seniorityBonusMaxFen`.
 * - PAY-4/PAY-7 "after probation": `probationEnd` is the last day of probation
 *   (null: no probation). A month counts as after probation when probationEnd
 *   is before the month's last day (so the month in which probation ends
 *   mid-month counts; a probation ending on the month's last day does not).
 * - PAY-5: agents only; quota met → on orders above the quota; not met (also
 *   with an outage) → on all orders.
 * - PAY-6: whether this agent is top comes in (`isTopCommission`, from
 *   `topCommission` in top.ts over all agents of the month).
 * - PAY-8: every LATE-3/4/5/6 line of the month's lateness (the LATE-4 month
 *   line even at 0, so the statement says why nothing is charged) and every
 *   LEAVE-8 line of the leave costs (LEAVE-7 offset lines cost nothing and are
 *   left out); amounts negative, each with its rule id and source.
 * - Totals: `earningsFen` = sum of positive lines, `deductionsFen` = sum of the
 *   deduction amounts as a positive number, `netEffectFen` = earnings − deductions.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../config/schema.ts';
import { isRealDate } from '../config/schema.ts';
import { dayAmountFen } from '../leave/cost.ts';
import type { MonthLateness } from '../lateness/month.ts';

export type PayRuleId =
  | 'PAY-1'
  | 'PAY-2'
  | 'PAY-3'
  | 'PAY-4'
  | 'PAY-5'
  | 'PAY-6'
  | 'PAY-7'
  | 'PAY-8'
  | 'LATE-3'
  | 'LATE-4'
  | 'LATE-5'
  | 'LATE-6'
  | 'LEAVE-8';

export type PayLineKind = 'base' | 'subsidy' | 'bonus' | 'commission' | 'deduction' | 'flag';

export interface PayLine {
  ruleId: PayRuleId;
  kind: PayLineKind;
  /** Positive for earnings, negative for deductions, 0 for flags and lost bonuses. */
  amountFen: number;
  /** The event or request id (a leave request id, or "lateness:<employee>:<month>[:<date>]"). */
  source?: string;
  /** How the amount was found, in English words. */
  note: string;
}

/** One cost line of a leave in the month (leave/cost.ts `LeaveCostLine`, as stored on the request). */
export interface LeaveCostLineForPay {
  ruleId: string;
  date: string;
  /** The amount costed when the leave was filed (on the preview base, leave/cost.ts). */
  amountFen: number;
  /** The part of the day the line charges (1 or 0.5). With `ratePercent`: the statement recomputes the amount on the month's base. */
  fraction?: number | undefined;
  /** Percent of the daily base pay per day: 100 for personal leave, the LEAVE-8 sick rate for sick leave. */
  ratePercent?: number | undefined;
}

export interface LeaveCostForPay {
  requestId: string;
  lines: ReadonlyArray<LeaveCostLineForPay>;
  losesFullAttendance: boolean;
}

export interface MonthlyPayInput {
  employeeId: string;
  role: RoleKey;
  /** "YYYY-MM" */
  month: string;
  /** "YYYY-MM-DD" */
  hireDate: string;
  /** "YYYY-MM-DD", the last day of probation; null: no probation. */
  probationEnd: string | null;
  /** Orders of the month (PAY-1, PAY-5); read for agents only. */
  orders: number;
  /** INC-3: a recorded outage made the month's quota impossible. */
  outageMadeQuotaImpossible: boolean;
  lateness: MonthLateness | null;
  leaveCosts: readonly LeaveCostForPay[];
  /** PAY-6: this agent is (one of) the month's top commission (see top.ts). */
  isTopCommission: boolean;
  /** Monthly base pay of a non-agent role in fen; null/absent: `pay.basePayQuotaMetFen`. */
  basePayFen?: number | null | undefined;
}

export interface PayStatement {
  employeeId: string;
  month: string;
  /** PAY-1 base of the month (without the outage subsidy). */
  monthlyBaseFen: number;
  /** PAY-2: monthlyBaseFen / divisor, rounded half-up once. */
  dailyBaseFen: number;
  /** Agents: orders ≥ quota; other roles: null. */
  quotaMet: boolean | null;
  /** PAY-5 commission (0 for non-agents), as given to `topCommission`. */
  commissionFen: number;
  /** PAY-4 full periods of service at the month's end (before the cap). */
  seniorityPeriods: number;
  afterProbation: boolean;
  /** PAY-7 */
  insuranceApplies: boolean;
  lines: PayLine[];
  earningsFen: number;
  deductionsFen: number;
  netEffectFen: number;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** PAY-2: the daily base pay in fen (monthly base / `pay.dailyBaseDivisor`, half-up once). */
export function dailyBasePayFen(monthlyBaseFen: number, policy: Policy): number {
  return dayAmountFen(monthlyBaseFen, policy.pay.dailyBaseDivisor, 1, 100);
}

/** The last date of a "YYYY-MM" month. */
export function monthEnd(month: string): string {
  if (!MONTH_RE.test(month)) throw new RangeError(`not a month "YYYY-MM": ${month}`);
  return DateTime.fromISO(`${month}-01`, { zone: 'utc' }).endOf('month').toISODate()!;
}

/** PAY-4: full periods of `periodMonths` months from hireDate completed on or before `onDate` (see the reading above). */
export function fullServicePeriods(hireDate: string, onDate: string, periodMonths: number): number {
  if (!isRealDate(hireDate)) throw new RangeError(`not a date "YYYY-MM-DD": ${hireDate}`);
  if (!isRealDate(onDate)) throw new RangeError(`not a date "YYYY-MM-DD": ${onDate}`);
  if (!Number.isInteger(periodMonths) || periodMonths <= 0) throw new RangeError(`period must be whole months > 0: ${periodMonths}`);
  const hire = DateTime.fromISO(hireDate, { zone: 'utc' });
  let n = 0;
  while (hire.plus({ months: (n + 1) * periodMonths }).toISODate()! <= onDate) n++;
  return n;
}

/** PAY-4/PAY-7: the month counts as after probation (see the reading above). */
export function isAfterProbation(probationEnd: string | null, month: string): boolean {
  if (probationEnd === null) return true;
  if (!isRealDate(probationEnd)) throw new RangeError(`not a date "YYYY-MM-DD": ${probationEnd}`);
  return probationEnd < monthEnd(month);
}

/** PAY-1..PAY-8: the month's pay statement of one employee. */
export function monthlyPay(input: MonthlyPayInput, policy: Policy): PayStatement {
  const { employeeId, role, month, orders, lateness } = input;
  const { pay } = policy;
  const last = monthEnd(month);
  if (!Number.isInteger(orders) || orders < 0) throw new RangeError(`orders must be a whole number ≥ 0: ${orders}`);
  if (lateness !== null && (lateness.employeeId !== employeeId || lateness.month !== month))
    throw new RangeError(`lateness of ${lateness.employeeId} ${lateness.month} given for ${employeeId} ${month}`);
  if (input.hireDate > last) throw new RangeError(`hired ${input.hireDate}, after ${month}`);

  const lines: PayLine[] = [];
  const isAgent = role === 'outbound_agent';

  // PAY-1
  let monthlyBaseFen: number;
  let quotaMet: boolean | null = null;
  if (isAgent) {
    quotaMet = orders >= pay.monthlyQuotaOrders;
    const outage = !quotaMet && input.outageMadeQuotaImpossible;
    monthlyBaseFen = quotaMet ? pay.basePayQuotaMetFen : pay.basePayQuotaNotMetFen;
    lines.push({
      ruleId: 'PAY-1',
      kind: 'base',
      amountFen: monthlyBaseFen,
      note: quotaMet
        ? `quota met: ${orders} ≥ ${pay.monthlyQuotaOrders} orders`
        : outage
          ? `quota not met (${orders} < ${pay.monthlyQuotaOrders} orders): an outage made it impossible`
          : `quota not met: ${orders} < ${pay.monthlyQuotaOrders} orders`,
    });
    if (outage)
      lines.push({
        ruleId: 'PAY-1',
        kind: 'subsidy',
        amountFen: pay.outageSubsidyFen,
        note: 'outage subsidy: a recorded outage made the quota impossible',
      });
  } else {
    const own = input.basePayFen ?? null;
    if (own !== null && (!Number.isInteger(own) || own < 0)) throw new RangeError(`base pay must be whole fen ≥ 0: ${own}`);
    monthlyBaseFen = own ?? pay.basePayQuotaMetFen;
    lines.push({
      ruleId: 'PAY-1',
      kind: 'base',
      amountFen: monthlyBaseFen,
      note: own !== null ? `${role}: the person's base pay` : `${role}: the default base pay (quota-met base)`,
    });
  }
  const dailyBaseFen = dailyBasePayFen(monthlyBaseFen, policy);

  // PAY-3
  const lostBy =
    input.leaveCosts.find((c) => c.losesFullAttendance)?.requestId ??
    (lateness?.losesFullAttendance ? `lateness:${employeeId}:${month}` : null);
  lines.push(
    lostBy === null
      ? { ruleId: 'PAY-3', kind: 'bonus', amountFen: pay.fullAttendanceBonusFen, note: 'full attendance' }
      : {
          ruleId: 'PAY-3',
          kind: 'bonus',
          amountFen: 0,
          source: lostBy,
          note: lostBy.startsWith('lateness:')
            ? 'full-attendance bonus lost: absenteeism'
            : 'full-attendance bonus lost: personal leave',
        },
  );

  // PAY-4
  const afterProbation = isAfterProbation(input.probationEnd, month);
  const seniorityPeriods = fullServicePeriods(input.hireDate, last, pay.seniorityPeriodMonths);
  const seniorityFen = Math.min(seniorityPeriods * pay.seniorityBonusPerPeriodFen, pay.seniorityBonusMaxFen);
  if (seniorityPeriods > 0)
    lines.push({
      ruleId: 'PAY-4',
      kind: 'bonus',
      amountFen: afterProbation ? seniorityFen : 0,
      note: afterProbation
        ? `${seniorityPeriods} full period(s) of ${pay.seniorityPeriodMonths} months by ${last}` +
          (seniorityFen < seniorityPeriods * pay.seniorityBonusPerPeriodFen ? ', capped' : '')
        : `${seniorityPeriods} full period(s) of service, but still on probation`,
    });

  // PAY-5
  let commissionFen = 0;
  if (isAgent) {
    const counted = quotaMet ? orders - pay.monthlyQuotaOrders : orders;
    commissionFen = counted * pay.commissionPerOrderFen;
    lines.push({
      ruleId: 'PAY-5',
      kind: 'commission',
      amountFen: commissionFen,
      note: quotaMet
        ? `${counted} orders above the quota × ${yuan(pay.commissionPerOrderFen)}`
        : `quota not met: all ${counted} orders × ${yuan(pay.commissionPerOrderFen)}`,
    });
  }

  // PAY-6
  if (isAgent && input.isTopCommission)
    lines.push({ ruleId: 'PAY-6', kind: 'bonus', amountFen: pay.topCommissionRewardFen, note: 'top commission of the month' });

  // PAY-7
  lines.push({
    ruleId: 'PAY-7',
    kind: 'flag',
    amountFen: 0,
    note: afterProbation ? 'social and medical insurance apply' : 'on probation: no social and medical insurance',
  });

  // PAY-8
  for (const l of lateness?.lines ?? [])
    lines.push({
      ruleId: l.ruleId,
      kind: 'deduction',
      amountFen: negative(l.amountFen),
      source: l.date === undefined ? `lateness:${employeeId}:${month}` : `lateness:${employeeId}:${l.date}`,
      note: l.note,
    });
  for (const c of input.leaveCosts)
    for (const l of c.lines) {
      if (l.ruleId !== 'LEAVE-8') continue;
      // PAY-2 with LEAVE-8: a line that says its part of the day and rate is charged on this month's base.
      const rebased = l.fraction !== undefined && l.ratePercent !== undefined;
      lines.push({
        ruleId: 'LEAVE-8',
        kind: 'deduction',
        amountFen: negative(rebased ? dayAmountFen(monthlyBaseFen, pay.dailyBaseDivisor, l.fraction!, l.ratePercent!) : l.amountFen),
        source: c.requestId,
        note: rebased
          ? `leave on ${l.date}: ${l.ratePercent}% of ${l.fraction === 1 ? 'a day' : 'half a day'} at ${yuan(monthlyBaseFen)} / ${pay.dailyBaseDivisor}`
          : `leave on ${l.date}`,
      });
    }

  let earningsFen = 0;
  let deductionsFen = 0;
  for (const l of lines) {
    if (!Number.isInteger(l.amountFen)) throw new RangeError(`amount must be whole fen: ${l.ruleId} ${l.amountFen}`);
    if (l.amountFen > 0) earningsFen += l.amountFen;
    else deductionsFen -= l.amountFen;
  }
  return {
    employeeId,
    month,
    monthlyBaseFen,
    dailyBaseFen,
    quotaMet,
    commissionFen,
    seniorityPeriods,
    afterProbation,
    insuranceApplies: afterProbation,
    lines,
    earningsFen,
    deductionsFen,
    netEffectFen: earningsFen - deductionsFen,
  };
}

function negative(fen: number): number {
  return fen === 0 ? 0 : -Math.abs(fen);
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
