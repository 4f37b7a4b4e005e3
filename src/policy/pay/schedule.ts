/**
 * When each employee gets the month's statement (PAY-8): on the first working
 * day of the next month (TIME-6 calendar, the default profile's weekdays:
 * working-time.ts `isWorkingDay`). **Reading**: the month's facts (clock
 * events to the last evening, the last day's summaries, decisions taken on
 * the last day) are complete by then, and the statement is final; any change
 * later shows in `report pay`, not in a second message.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import { isWorkingDay } from '../working-time.ts';

/** The date ("YYYY-MM-DD") the statements of `month` ("YYYY-MM") are sent. */
export function payStatementDate(month: string, policy: Policy, isWorking: (date: string) => boolean = (date) => isWorkingDay(date, policy)): string {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !first.isValid) throw new RangeError(`not a month "YYYY-MM": ${month}`);
  const next = first.plus({ months: 1 });
  for (let d = next; d.month === next.month; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    if (isWorking(date)) return date;
  }
  return next.toISODate()!;
}
