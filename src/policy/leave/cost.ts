/**
 * LEAVE-8 cost of leave, with LEAVE-7 (leave offsets rest days), PAY-1
 * (default base pay), PAY-2 (daily base pay) and PAY-3 (full-attendance bonus).
 *
 * Money is integer fen. Daily base pay = monthly base pay / `pay.dailyBaseDivisor`
 * (21.75) is kept exact (as a fraction, never rounded by itself); each line's
 * amount (one date's charge: daily base × fraction of the day × rate) is
 * rounded half-up to the fen once, and the total is the sum of the rounded
 * lines. So 1200 yuan / 21.75 = 5517.24… fen → 5517; a half day 2758.62… →
 * 2759; 20% of a day 1103.44… → 1103; 10% 551.72… → 552.
 *
 * Monthly base pay: `person.basePayFen`, or when it is null the PAY-1 base of a
 * month whose quota is met (`pay.basePayQuotaMetFen`, 1200 yuan): the
 * "expected" base, the natural one for a cost preview before the month's
 * orders are known. Payroll (PAY-8) recomputes with the month's actual base.
 *
 * Reading of LEAVE-7 and the full-attendance bonus: the source says
 * "假期抵當月公休" (leave is set against the month's rest days) in the mobile
 * center's rules, and "事假扣除對應底薪和當月全勤獎" (personal leave deducts the
 * day's base pay and the month's full-attendance bonus) in the outbound rules.
 * A personal-leave day set against a rest day becomes that rest day (公休),
 * and rest days cost nothing (LEAVE-8), so an offset day is charged nothing:
 * neither the day's base pay nor the bonus. The bonus of a month is lost only
 * when at least part of a personal-leave day of that month is charged.
 *
 * Offsets: the leave's days are taken in date order; each day (or half day)
 * uses that much of its month's unused rest days (a half day uses half a rest
 * day, as rest days too are taken in halves, LEAVE-1); a day only partly
 * covered gives a LEAVE-7 line for the covered part and a LEAVE-8 line for the
 * rest.
 */
import type { Policy } from '../config/schema.ts';
import type { DaySchedule } from '../working-time.ts';
import { addYears, datesBetween, isRealDate } from './dates.ts';
import type { DayPart, LeaveDay, LeaveType, OrgPerson } from './types.ts';

export interface ChargeableDaysInput {
  startDate: string;
  endDate: string;
  part: DayPart;
  /** The person's day (working-time.ts `daySchedule`, with the roster); only `kind` is read. */
  schedule: (date: string) => Pick<DaySchedule, 'kind'>;
}

/**
 * The days of a leave that count (LEAVE-1, LEAVE-8): the person's working
 * days from start to end (rest days, holidays and off days are dropped), each
 * a whole day, or half a day for a `morning`/`afternoon` leave. Lenient on
 * bad input, so that validation can report it: not-real dates or an end
 * before the start give no days; a half-day part on several days gives half
 * of each day (validateLeaveRequest refuses that request).
 */
export function chargeableDays({ startDate, endDate, part, schedule }: ChargeableDaysInput): LeaveDay[] {
  if (!isRealDate(startDate) || !isRealDate(endDate)) return [];
  const fraction = part === 'full' ? 1 : 0.5;
  return datesBetween(startDate, endDate)
    .filter((date) => schedule(date).kind === 'working')
    .map((date) => ({ date, fraction }));
}

export interface LeaveCostLine {
  ruleId: 'LEAVE-8' | 'LEAVE-7';
  date: string;
  kind: 'personal-day' | 'sick-day' | 'rest-offset';
  /** The part of the day this line covers. */
  fraction: 1 | 0.5;
  amountFen: number;
  /** How the amount was found, in English words (for logs and audit; renderers use kind and amount). */
  note: string;
}

export interface LeaveCost {
  /** One line per charged or offset day (two when a day is only partly offset), in date order. */
  lines: LeaveCostLine[];
  /** Sum of the lines' amounts; the full-attendance bonus is not in it (see fullAttendanceFen). */
  totalFen: number;
  /** PAY-3: the leave loses the full-attendance bonus of at least one month. */
  losesFullAttendance: boolean;
  /** The bonus this leave loses: `pay.fullAttendanceBonusFen` per month in fullAttendanceMonths; 0 when kept. */
  fullAttendanceFen: number;
  /** The months ("YYYY-MM") whose bonus the leave loses. */
  fullAttendanceMonths: string[];
  /** Rest days (公休) the leave uses up: LEAVE-7 offsets of a personal leave, or the days of a rest leave. */
  restDaysUsed: number;
  /** The monthly base pay used, in fen, and where it came from. */
  monthlyBaseFen: number;
  monthlyBaseSource: 'person' | 'policy-default';
  /** Sick leave only: the rate applied (percent of the daily base pay) and the tenure rule. */
  sickRatePercent?: number;
}

export interface LeaveCostInput {
  type: LeaveType;
  /** The working days of the leave (see chargeableDays); other days must not be given. */
  days: readonly LeaveDay[];
  person: OrgPerson;
  policy: Policy;
  /**
   * LEAVE-7: the month's rest days still unused before this leave (halves
   * allowed). A number is the count of the month of the leave's first day;
   * the other months of a leave that spans months then have none (the cost is
   * not understated). A record by month ("YYYY-MM" → days) gives each month
   * its own count (a missing month has none).
   */
  unusedRestDaysInMonth: number | Readonly<Record<string, number>>;
  /** First day of the leave, for the sick-leave tenure; default the earliest of `days`. */
  startDate?: string;
}

export function leaveCost(input: LeaveCostInput): LeaveCost {
  const { type, person, policy } = input;
  const days = [...input.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const monthlyBaseFen = person.basePayFen ?? policy.pay.basePayQuotaMetFen;
  const monthlyBaseSource = person.basePayFen === null ? 'policy-default' : 'person';
  const divisor = policy.pay.dailyBaseDivisor;
  const base = { monthlyBaseFen, monthlyBaseSource, restDaysUsed: 0 } as const;
  const none = { lines: [], totalFen: 0, losesFullAttendance: false, fullAttendanceFen: 0, fullAttendanceMonths: [] };

  if (type === 'meeting') return { ...none, ...base };
  if (type === 'rest') return { ...none, ...base, restDaysUsed: days.reduce((n, d) => n + d.fraction, 0) };

  const lines: LeaveCostLine[] = [];
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const daily = `${yuan(monthlyBaseFen)} / ${divisor}`;

  if (type === 'sick') {
    const firstDay = input.startDate ?? days[0]?.date;
    const sick = policy.leave.sick;
    const senior = firstDay !== undefined && firstDay >= addYears(person.hireDate, sick.tenureYears);
    const rate = firstDay === undefined ? sick.rateBelowTenurePercent : sickRatePercent(person.hireDate, firstDay, policy);
    const tenure = `${senior ? 'at least' : 'under'} ${sick.tenureYears} years of service on ${firstDay ?? '-'}`;
    for (const d of days)
      lines.push({
        ruleId: 'LEAVE-8',
        date: d.date,
        kind: 'sick-day',
        fraction: d.fraction,
        amountFen: dayAmountFen(monthlyBaseFen, divisor, d.fraction, rate),
        note: `sick leave, ${part(d.fraction)}: ${rate}% of ${daily} (${tenure})`,
      });
    return { ...none, ...base, lines, totalFen: sum(lines), sickRatePercent: rate };
  }

  // Personal leave.
  const unused = unusedByMonth(input.unusedRestDaysInMonth, days);
  const offset = policy.leave.offsetAgainstRestDays;
  const lostMonths = new Set<string>();
  let restDaysUsed = 0;
  for (const d of days) {
    const month = d.date.slice(0, 7);
    let left: number = d.fraction;
    if (offset) {
      const covered = Math.min(left, halfDays(unused.get(month) ?? 0));
      if (covered > 0) {
        unused.set(month, (unused.get(month) ?? 0) - covered);
        restDaysUsed += covered;
        left -= covered;
        lines.push({
          ruleId: 'LEAVE-7',
          date: d.date,
          kind: 'rest-offset',
          fraction: covered as 1 | 0.5,
          amountFen: 0,
          note: `personal leave, ${part(covered)}: set against an unused rest day of ${month}, not charged`,
        });
      }
    }
    if (left > 0) {
      lostMonths.add(month);
      lines.push({
        ruleId: 'LEAVE-8',
        date: d.date,
        kind: 'personal-day',
        fraction: left as 1 | 0.5,
        amountFen: dayAmountFen(monthlyBaseFen, divisor, left, 100),
        note: `personal leave, ${part(left)}: ${daily}`,
      });
    }
  }
  const fullAttendanceMonths = [...lostMonths].sort();
  return {
    ...base,
    lines,
    totalFen: sum(lines),
    losesFullAttendance: fullAttendanceMonths.length > 0,
    fullAttendanceFen: policy.pay.fullAttendanceBonusFen * fullAttendanceMonths.length,
    fullAttendanceMonths,
    restDaysUsed,
  };
}

/**
 * LEAVE-8: the percent of the daily base pay a sick day costs, by the tenure on
 * the first day of the leave (`leave.sick.tenureYears`): below it
 * `rateBelowTenurePercent` (20), from it on `rateFromTenurePercent` (10).
 */
export function sickRatePercent(hireDate: string, firstDay: string, policy: Policy): number {
  const sick = policy.leave.sick;
  return firstDay >= addYears(hireDate, sick.tenureYears) ? sick.rateFromTenurePercent : sick.rateBelowTenurePercent;
}

/**
 * PAY-2 with LEAVE-8: monthly base × fraction of the day × percent / 100 / divisor,
 * computed exactly in integers and rounded half-up to the fen once.
 */
export function dayAmountFen(monthlyBaseFen: number, divisor: number, fraction: number, percent: number): number {
  if (!Number.isInteger(monthlyBaseFen) || monthlyBaseFen < 0) throw new RangeError(`base pay must be whole fen ≥ 0: ${monthlyBaseFen}`);
  const d = rational(divisor);
  const f = rational(fraction);
  const p = rational(percent);
  const numerator = monthlyBaseFen * f.num * p.num * d.den;
  const denominator = f.den * p.den * 100 * d.num;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(2 * numerator + denominator))
    throw new RangeError('amount too large to compute exactly');
  return Math.floor((2 * numerator + denominator) / (2 * denominator)); // half-up
}

// ------------------------------------------------------------------ helpers

/** A finite non-negative number with at most 6 decimals as num/den. */
function rational(x: number): { num: number; den: number } {
  for (let den = 1; den <= 1_000_000; den *= 10) {
    const num = Math.round(x * den);
    if (Math.abs(num - x * den) < 1e-6) return { num, den };
  }
  throw new RangeError(`not a decimal with at most 6 places: ${x}`);
}

/** Rest days can be used by halves: round a count down to the half day. */
function halfDays(n: number): number {
  return Math.max(0, Math.floor(n * 2) / 2);
}

function unusedByMonth(value: LeaveCostInput['unusedRestDaysInMonth'], days: readonly LeaveDay[]): Map<string, number> {
  if (typeof value !== 'number') return new Map(Object.entries(value));
  const first = days[0]?.date.slice(0, 7);
  return new Map(first === undefined ? [] : [[first, value]]);
}

function part(fraction: number): string {
  return fraction === 1 ? 'full day' : 'half day';
}

function sum(lines: readonly LeaveCostLine[]): number {
  return lines.reduce((n, l) => n + l.amountFen, 0);
}
