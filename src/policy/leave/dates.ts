/** Calendar-date helpers for the leave rules: "YYYY-MM-DD" strings, no time zone involved. */
import { DateTime } from 'luxon';
import { isRealDate } from '../config/schema.ts';

export { isRealDate };

function parse(date: string): DateTime {
  if (!isRealDate(date)) throw new RangeError(`not a date "YYYY-MM-DD": ${date}`);
  return DateTime.fromISO(date, { zone: 'utc' });
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return parse(date).plus({ days }).toISODate()!;
}

/** Every date from `start` to `end`, both included; empty when end < start. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = parse(start), last = parse(end); d <= last; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** The date `years` years after `date` (Feb 29 + 1 year → Feb 28, as luxon does). */
export function addYears(date: string, years: number): string {
  return parse(date).plus({ years }).toISODate()!;
}
