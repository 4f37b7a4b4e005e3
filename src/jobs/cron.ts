/**
 * Cron expressions on the program's clock. node-cron parses and validates the
 * expression (`parse`); matching a minute and finding the next run are done
 * here, with luxon, because node-cron's own timer and `getNextRun` read the OS
 * clock, and `BANZHANG_CLOCK` moves the program's clock away from it.
 *
 * The subset: five fields (minute hour day-of-month month day-of-week), or a
 * six-field expression whose seconds field is 0; numbers, ranges, lists,
 * steps, month and day names, `@daily`-style nicknames. Not supported (refused
 * at registration): `L`, `W` and `#` day tokens, seconds other than 0.
 *
 * Readings:
 * - Fields are read in the job's time zone: `0 20 * * *` in Asia/Shanghai is
 *   20:00 Beijing time whatever the OS zone.
 * - When both day-of-month and day-of-week are restricted, BOTH must match
 *   (node-cron's reading; Vixie cron would take either).
 * - DST: a local time that does not exist (spring forward) never fires; a
 *   local time that happens twice (fall back) fires twice, as two slots (two
 *   different instants).
 */
import { DateTime, IANAZone } from 'luxon';
import { validateDetailed } from 'node-cron';

export interface CronSchedule {
  readonly expression: string;
  readonly timeZone: string;
  /** True when the cron fires at this minute (the instant is truncated to its minute). */
  matches(instant: DateTime): boolean;
  /** The first minute strictly after `instant` at which the cron fires, or null if none within 8 years. */
  nextAfter(instant: DateTime): DateTime | null;
  /** Every firing minute in [from, to), oldest first (UTC DateTimes). */
  slotsBetween(from: DateTime, to: DateTime): DateTime[];
}

export class CronError extends Error {
  constructor(readonly expression: string, problem: string) {
    super(`cron "${expression}": ${problem}`);
    this.name = 'CronError';
  }
}

const MINUTE_MS = 60_000;
const MAX_DAYS = 366 * 8;

/** The minute an instant falls in, as a UTC DateTime (the slot of design.md). */
export function toSlot(instant: DateTime): DateTime {
  return DateTime.fromMillis(Math.floor(instant.toMillis() / MINUTE_MS) * MINUTE_MS, { zone: 'utc' });
}

function asSet(values: Array<number | string>, field: string, expression: string): ReadonlySet<number> {
  const out = new Set<number>();
  for (const v of values) {
    if (typeof v !== 'number') throw new CronError(expression, `the ${field} token "${v}" is not supported (no L, W or #)`);
    out.add(v);
  }
  return out;
}

export function compileCron(expression: string, timeZone: string): CronSchedule {
  if (!IANAZone.isValidZone(timeZone)) throw new CronError(expression, `unknown time zone "${timeZone}"`);
  const checked = validateDetailed(expression);
  if (!checked.valid || !checked.fields) {
    throw new CronError(expression, checked.errors.map((e) => e.message).join('; ') || 'invalid');
  }
  const f = checked.fields;
  if (f.second.length !== 1 || f.second[0] !== 0) throw new CronError(expression, 'slots are minutes: the seconds field must be 0');
  const minutes = asSet(f.minute, 'minute', expression);
  const hours = asSet(f.hour, 'hour', expression);
  const days = asSet(f.dayOfMonth, 'day-of-month', expression);
  const months = asSet(f.month, 'month', expression);
  const weekdays = asSet(f.dayOfWeek, 'day-of-week', expression); // 0 = Sunday (7 is folded to 0 by node-cron)

  const dayMatches = (local: DateTime) => months.has(local.month) && days.has(local.day) && weekdays.has(local.weekday % 7);
  const matches = (instant: DateTime) => {
    const local = toSlot(instant).setZone(timeZone);
    return minutes.has(local.minute) && hours.has(local.hour) && dayMatches(local);
  };

  function* minutesFrom(start: DateTime, end: DateTime | null): Generator<DateTime> {
    // Walks day by day in the zone; inside a matching day, minute by minute in
    // UTC (so DST days have their true 23 or 25 hours).
    let t = start.toMillis();
    const endMs = end?.toMillis() ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < MAX_DAYS && t < endMs; i++) {
      const local = DateTime.fromMillis(t, { zone: timeZone });
      const nextDay = local.startOf('day').plus({ days: 1 }).toMillis();
      if (dayMatches(local)) {
        for (let m = t; m < nextDay && m < endMs; m += MINUTE_MS) {
          const at = DateTime.fromMillis(m, { zone: 'utc' });
          if (matches(at)) yield at;
        }
      }
      t = nextDay;
    }
  }

  return {
    expression,
    timeZone,
    matches,
    nextAfter(instant) {
      const first = toSlot(instant).plus({ minutes: 1 });
      for (const at of minutesFrom(first, null)) return at;
      return null;
    },
    slotsBetween(from, to) {
      const start = toSlot(from);
      const first = start < from ? start.plus({ minutes: 1 }) : start;
      return [...minutesFrom(first, to)];
    },
  };
}
