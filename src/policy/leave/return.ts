/**
 * LEAVE-6: reporting back from leave (销假).
 *
 * Readings:
 * - The return day is worked. Returning early on day R ends the leave on the
 *   day before R (effectiveEndDate = R − 1); the working days from R to the
 *   planned end are unused and not charged (the caller recomputes the cost
 *   with chargeableDays up to effectiveEndDate).
 * - A return on or before the first day cancels the whole leave
 *   (`cancelsLeave`; effectiveEndDate is then before startDate).
 * - A morning half-day leave ends at noon: reporting back that same day is the
 *   normal return, not an early one, and that day is when the report is due.
 *   Reporting on the date of an afternoon half-day leave cancels it.
 * - The report is due on the first working day (of the person's schedule)
 *   after the leave ends. It is overdue when not made by the end of that day:
 *   `returnOverdue` is true once `today` is after the due day and there is no
 *   report, or when the report came after the due day.
 */
import type { DaySchedule } from '../working-time.ts';
import { addDays, datesBetween } from './dates.ts';
import type { LeaveSpan } from './types.ts';

export type ScheduleOf = (date: string) => Pick<DaySchedule, 'kind'>;

/** How far returnDueDate looks for a working day after the leave. */
const MAX_LOOKAHEAD_DAYS = 366;

export interface ReturnFromLeaveInput {
  leave: LeaveSpan;
  /** The day the person reports back, center-local "YYYY-MM-DD". */
  returnDate: string;
  schedule: ScheduleOf;
}

export interface ReturnFromLeaveResult {
  endsEarly: boolean;
  /** The leave's last day as taken. */
  effectiveEndDate: string;
  /** The leave's working days not taken (not charged), in order. */
  unusedDays: string[];
  /** The return is on or before the leave's first day: nothing of it was taken. */
  cancelsLeave: boolean;
}

export function returnFromLeave({ leave, returnDate, schedule }: ReturnFromLeaveInput): ReturnFromLeaveResult {
  const normalSameDay = leave.part === 'morning' && returnDate === leave.endDate;
  if (returnDate > leave.endDate || normalSameDay)
    return { endsEarly: false, effectiveEndDate: leave.endDate, unusedDays: [], cancelsLeave: false };
  const from = returnDate > leave.startDate ? returnDate : leave.startDate;
  return {
    endsEarly: true,
    effectiveEndDate: addDays(returnDate, -1),
    unusedDays: datesBetween(from, leave.endDate).filter((d) => schedule(d).kind === 'working'),
    cancelsLeave: returnDate <= leave.startDate,
  };
}

/**
 * The day the report back is due: the first working day after the leave's end
 * (the leave's own day for a morning half day); null when there is none
 * within a year.
 */
export function returnDueDate({ leave, schedule }: { leave: LeaveSpan; schedule: ScheduleOf }): string | null {
  if (leave.part === 'morning' && leave.startDate === leave.endDate) return leave.endDate;
  for (let i = 1; i <= MAX_LOOKAHEAD_DAYS; i++) {
    const date = addDays(leave.endDate, i);
    if (schedule(date).kind === 'working') return date;
  }
  return null;
}

export interface ReturnOverdueInput {
  leave: LeaveSpan;
  /** The center-local date the person reported back, if they did. */
  reportedAt?: string | null | undefined;
  /** Today, center-local "YYYY-MM-DD". */
  today: string;
  schedule: ScheduleOf;
}

/** LEAVE-6: no report by the end of the due day (flag it to the approver). */
export function returnOverdue({ leave, reportedAt, today, schedule }: ReturnOverdueInput): boolean {
  const due = returnDueDate({ leave, schedule });
  if (due === null) return false;
  return reportedAt ? reportedAt > due : today > due;
}
