/**
 * One employee's month of lateness: the money of LATE-3, LATE-4, LATE-5 and
 * LATE-6 (PAY-8 deduction lines) and the figures of the daily tally (LATE-8)
 * and the monthly report (LATE-9). Pure: the days come from `dayLateness`.
 *
 * - LATE-4: the month's ordinary late minutes (not excused, not pending, not
 *   absenteeism, not on leave) against `lateness.allowanceMinutes`: within it,
 *   nothing; above it, mode `all` charges every late minute, mode `excess`
 *   only the minutes above the allowance, at `lateness.latePerMinuteFen`.
 *   One month line (amount 0 while within the allowance, so the statement
 *   says why nothing is charged); the events are listed in `late`.
 * - LATE-3: each ordinary early leave × `lateness.earlyLeavePerMinuteFen`,
 *   one line per event.
 * - LATE-5 / LATE-6: one day's base pay (PAY-2: monthly base / divisor,
 *   rounded half-up to the fen, leave/cost.ts `dayAmountFen`) per absenteeism;
 *   that event's minutes are not also charged by the minute.
 *   **reading**: absenteeism (曠工) is a day's absence, so it is charged at
 *   most once per date: a late arrival and an early leave of 30+ minutes on
 *   the same day are one LATE-5 line (listing both), not two days' pay —
 *   otherwise coming late and leaving early would cost more than not coming
 *   at all (LATE-6, one day). Other ordinary lateness of that date still
 *   counts by the minute.
 * - PAY-3: any absenteeism loses the month's full-attendance bonus
 *   (`losesFullAttendance`); the bonus is not in `totalFen`.
 * - Pending events (LATE-5 explanations not decided yet) are charged nothing
 *   and listed in `pending`, so a statement can say it is not final.
 *
 * Month to date (LATE-8's tally: minutes so far against the allowance): pass
 * `through` (a date of the month, inclusive) and the days after it are left out.
 */
import type { Policy } from '../config/schema.ts';
import { isRealDate } from '../config/schema.ts';
import { dayAmountFen } from '../leave/cost.ts';
import type { DayLateness } from './day.ts';
import type { LatenessEvent, LatenessKind } from './types.ts';

export interface MonthLatenessInput {
  employeeId: string;
  /** "YYYY-MM", local to the center. */
  month: string;
  /** The employee's days of that month (any order, each date at most once; days of other months are refused). */
  days: readonly DayLateness[];
  policy: Policy;
  /** The monthly base pay of the month in fen (PAY-1), for LATE-5/6. */
  monthlyBaseFen: number;
  /** Month to date: only days up to and including this date count. */
  through?: string | undefined;
}

export interface MonthLatenessItem {
  date: string;
  segment: string;
  kind: LatenessKind;
  minutes: number;
}

export interface MonthExcusedItem extends MonthLatenessItem {
  excuseId: string;
  reason: string;
}

export type LatenessRuleId = 'LATE-3' | 'LATE-4' | 'LATE-5' | 'LATE-6';

export interface LatenessLine {
  ruleId: LatenessRuleId;
  /** Absent on the month line of LATE-4. */
  date?: string;
  /** The segment of a LATE-3 line, or of a LATE-5 line with one event. */
  segment?: string;
  minutes?: number;
  amountFen: number;
  /** How the amount was found, in English words (for logs and audit; renderers use the fields). */
  note: string;
}

export interface MonthLateness {
  employeeId: string;
  month: string;
  /** The last date counted when month to date, else null. */
  through: string | null;
  /** LATE-4: ordinary late minutes of the month. */
  lateMinutes: number;
  /** LATE-3: ordinary early-leave minutes of the month. */
  earlyMinutes: number;
  allowanceMinutes: number;
  /** lateMinutes > allowanceMinutes */
  overAllowance: boolean;
  /** Dates charged a day's base pay for absenteeism (LATE-5 or LATE-6), one per date. */
  absenteeismDays: number;
  absenteeismDates: string[];
  /** LATE-6 absent days (a subset of absenteeismDates). */
  absentDays: string[];
  /** The ordinary events, in date order. */
  late: MonthLatenessItem[];
  early: MonthLatenessItem[];
  /** LATE-7: excused events (cost nothing). */
  excused: MonthExcusedItem[];
  /** LATE-5: events waiting for a decision on the explanation (cost nothing yet). */
  pending: MonthLatenessItem[];
  /** Dated lines in date order (LATE-3 before LATE-5/6 on a date), then the LATE-4 month line. */
  lines: LatenessLine[];
  /** Sum of the lines (fen); the full-attendance bonus is not in it. */
  totalFen: number;
  /** PAY-3: any absenteeism in the month. */
  losesFullAttendance: boolean;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthLateness(input: MonthLatenessInput): MonthLateness {
  const { employeeId, month, policy, monthlyBaseFen } = input;
  if (!MONTH_RE.test(month)) throw new RangeError(`not a month "YYYY-MM": ${month}`);
  const through = input.through ?? null;
  if (through !== null && (!isRealDate(through) || !through.startsWith(`${month}-`)))
    throw new RangeError(`through ${through} is not a date of ${month}`);
  const seen = new Set<string>();
  for (const d of input.days) {
    if (d.employeeId !== employeeId) throw new RangeError(`a day of ${d.employeeId} given for ${employeeId}`);
    if (!d.date.startsWith(`${month}-`)) throw new RangeError(`day ${d.date} is not in ${month}`);
    if (seen.has(d.date)) throw new RangeError(`day ${d.date} given twice`);
    seen.add(d.date);
  }
  const days = input.days
    .filter((d) => through === null || d.date <= through)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const { lateness, pay } = policy;
  const dailyFen = dayAmountFen(monthlyBaseFen, pay.dailyBaseDivisor, 1, 100);
  const daily = `${yuan(monthlyBaseFen)} / ${pay.dailyBaseDivisor}`;
  const late: MonthLatenessItem[] = [];
  const early: MonthLatenessItem[] = [];
  const excused: MonthExcusedItem[] = [];
  const pending: MonthLatenessItem[] = [];
  const lines: LatenessLine[] = [];
  const absenteeismDates: string[] = [];
  const absentDays: string[] = [];

  for (const day of days) {
    const absenteeism: MonthLatenessItem[] = [];
    for (const s of day.segments) {
      for (const e of [s.late, s.early]) {
        if (!e) continue;
        const item = { date: day.date, segment: s.segment, kind: e.kind, minutes: e.minutes };
        switch (e.outcome) {
          case 'ordinary':
            (e.kind === 'late' ? late : early).push(item);
            if (e.kind === 'early')
              lines.push({
                ruleId: 'LATE-3',
                date: day.date,
                segment: s.segment,
                minutes: e.minutes,
                amountFen: e.minutes * lateness.earlyLeavePerMinuteFen,
                note: `left ${s.segment} ${e.minutes} min early${accepted(e)}: ${e.minutes} × ${yuan(lateness.earlyLeavePerMinuteFen)}`,
              });
            break;
          case 'excused':
            excused.push({ ...item, excuseId: e.excused!.id, reason: e.excused!.reason });
            break;
          case 'pending':
            pending.push(item);
            break;
          case 'absenteeism':
            absenteeism.push(item);
            break;
          case 'absent-day':
            break; // charged once below, as the LATE-6 day
        }
      }
    }
    if (day.absentDay) {
      absentDays.push(day.date);
      absenteeismDates.push(day.date);
      lines.push({
        ruleId: 'LATE-6',
        date: day.date,
        amountFen: dailyFen,
        note: `working day without a clock-in or approved leave: one day's base pay, ${daily}`,
      });
    } else if (absenteeism.length > 0) {
      absenteeismDates.push(day.date);
      const what = absenteeism.map((a) => `${a.kind === 'late' ? 'late for' : 'left early from'} ${a.segment} ${a.minutes} min`);
      lines.push({
        ruleId: 'LATE-5',
        date: day.date,
        ...(absenteeism.length === 1 ? { segment: absenteeism[0]!.segment } : {}),
        minutes: absenteeism.reduce((n, a) => n + a.minutes, 0),
        amountFen: dailyFen,
        note: `absenteeism (${what.join('; ')}; ≥ ${lateness.absenteeismMinutes} min without an accepted explanation): one day's base pay, ${daily}`,
      });
    }
  }

  const lateMinutes = late.reduce((n, e) => n + e.minutes, 0);
  const earlyMinutes = early.reduce((n, e) => n + e.minutes, 0);
  const allowance = lateness.allowanceMinutes;
  const overAllowance = lateMinutes > allowance;
  if (lateMinutes > 0) {
    const charged = !overAllowance ? 0 : lateness.allowanceMode === 'all' ? lateMinutes : lateMinutes - allowance;
    lines.push({
      ruleId: 'LATE-4',
      minutes: lateMinutes,
      amountFen: charged * lateness.latePerMinuteFen,
      note: overAllowance
        ? `${lateMinutes} late min in ${month}, over the ${allowance}-min allowance (mode ${lateness.allowanceMode}): ${charged} × ${yuan(lateness.latePerMinuteFen)}`
        : `${lateMinutes} late min in ${month}, within the ${allowance}-min allowance: nothing`,
    });
  }

  return {
    employeeId,
    month,
    through,
    lateMinutes,
    earlyMinutes,
    allowanceMinutes: allowance,
    overAllowance,
    absenteeismDays: absenteeismDates.length,
    absenteeismDates,
    absentDays,
    late,
    early,
    excused,
    pending,
    lines,
    totalFen: lines.reduce((n, l) => n + l.amountFen, 0),
    losesFullAttendance: absenteeismDates.length > 0,
  };
}

function accepted(e: LatenessEvent): string {
  return e.explanation === 'accepted' && e.needsExplanation ? ' (explanation accepted)' : '';
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
