/**
 * The program's clock. `BANZHANG_CLOCK` starts it at a given instant and lets it
 * run on in real time (demos, acceptance tests). Policy code never reads a clock:
 * use cases take `now` from here and pass it down.
 */
import { DateTime } from 'luxon';

export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock that reads `start` at the moment of creation and then runs on. */
export function offsetClock(start: string, realNow: () => number = Date.now): Clock {
  const startMs = DateTime.fromISO(start, { setZone: true }).toMillis();
  const createdAt = realNow();
  return { now: () => DateTime.fromMillis(startMs + (realNow() - createdAt), { zone: 'utc' }) };
}

/** A clock that runs on in real time from an instant that can be set again (the playground's demo clock). */
export interface SettableClock extends Clock {
  set(instant: DateTime): void;
}

export function settableClock(start: DateTime, realNow: () => number = Date.now): SettableClock {
  let startMs = start.toMillis();
  let setAt = realNow();
  return {
    now: () => DateTime.fromMillis(startMs + (realNow() - setAt), { zone: 'utc' }),
    set(instant) {
      startMs = instant.toMillis();
      setAt = realNow();
    },
  };
}

export function clockFromSetting(value: string | undefined): Clock {
  return value ? offsetClock(value) : systemClock;
}
