/**
 * PERF-7: when the month-end ranking of a month is posted (`perf.rankingPostOn`).
 *
 * - 'last-working-day': when the last segment of the center's last working day
 *   of the month ends. The center's last working day is the last date of the
 *   month on which some ranked employee has a segment (profile or roster, TIME
 *   rules); its end is the latest segment end that day (as the LATE-8 tally).
 * - 'first-day-next-month': 09:00 center time on the 1st of the next month.
 * Null when the month has no working day with a segment ('last-working-day').
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import type { DaySchedule } from '../working-time.ts';

export function rankingPostTime(
  month: string,
  policy: Policy,
  /** The ranked employees' schedules of a date of the month. */
  schedulesOf: (date: string) => ReadonlyArray<Pick<DaySchedule, 'kind' | 'segments'>>,
): DateTime | null {
  const zone = policy.center.timeZone;
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  if (!first.isValid || !/^\d{4}-\d{2}$/.test(month)) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  if (policy.perf.rankingPostOn === 'first-day-next-month') return first.plus({ months: 1 }).set({ hour: 9 });
  for (let day = first.endOf('month').startOf('day'); day >= first; day = day.minus({ days: 1 })) {
    let latest: DateTime | null = null;
    for (const s of schedulesOf(day.toISODate()!)) {
      if (s.kind !== 'working') continue;
      for (const segment of s.segments) if (latest === null || segment.end > latest) latest = segment.end;
    }
    if (latest) return latest.setZone(zone);
  }
  return null;
}
