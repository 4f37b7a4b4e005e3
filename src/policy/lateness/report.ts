/**
 * When the lateness is announced: the daily tally (LATE-8) and the monthly
 * report (LATE-9). Pure: the schedules and the working-day test are arguments.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import { isWorkingDay, type DaySchedule } from '../working-time.ts';

/**
 * LATE-9: the date of the monthly lateness report of `month` ("YYYY-MM", the
 * month reported): the first working day of the next month on or after its
 * day `lateness.monthlyReportDay` (≤ 10, so the report comes before the 10th
 * unless holidays fill the days up to it). `isWorking` defaults to the
 * calendar and the default profile (working-time.ts `isWorkingDay`).
 * When the next month has no working day from that day on, the report date
 * is that day itself.
 */
export function monthlyReportDate(
  month: string,
  policy: Policy,
  isWorking: (date: string) => boolean = (date) => isWorkingDay(date, policy),
): string {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) throw new RangeError(`not a month "YYYY-MM": ${month}`);
  const next = first.plus({ months: 1 });
  const from = next.set({ day: policy.lateness.monthlyReportDay });
  for (let d = from; d.month === next.month; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    if (isWorking(date)) return date;
  }
  return from.toISODate()!;
}

/**
 * LATE-8: when a team's daily tally is due: the end of the team's last
 * segment of the day (the latest segment end among its members' working
 * schedules of that date); null when nobody works that day. Leave is not
 * looked at: a member on leave still works their schedule's hours for this.
 */
export function dailyTallyTime(schedules: readonly Pick<DaySchedule, 'date' | 'kind' | 'segments'>[]): DateTime | null {
  const dates = new Set(schedules.map((s) => s.date));
  if (dates.size > 1) throw new RangeError(`schedules of several dates: ${[...dates].sort().join(', ')}`);
  let latest: DateTime | null = null;
  for (const schedule of schedules) {
    if (schedule.kind !== 'working') continue;
    for (const s of schedule.segments) if (latest === null || s.end > latest) latest = s.end;
  }
  return latest;
}
