import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { compileCron, CronError, toSlot } from '../../src/jobs/cron.ts';
import { registerJobs } from '../../src/jobs/job.ts';

const iso = (d: DateTime | null) => d?.toUTC().toISO() ?? null;

describe('cron on the program clock', () => {
  it('reads the fields in the job time zone, whatever the OS zone (TZ=UTC here)', () => {
    const cron = compileCron('0 20 * * *', 'Asia/Shanghai');
    expect(cron.matches(DateTime.fromISO('2026-11-24T20:00:00+08:00'))).toBe(true);
    expect(cron.matches(DateTime.fromISO('2026-11-24T20:00:59.999+08:00'))).toBe(true);
    expect(cron.matches(DateTime.fromISO('2026-11-24T20:01:00+08:00'))).toBe(false);
    expect(cron.matches(DateTime.fromISO('2026-11-24T20:00:00Z'))).toBe(false);
    expect(iso(cron.nextAfter(DateTime.fromISO('2026-11-24T19:59:58+08:00')))).toBe('2026-11-24T12:00:00.000Z');
    // At 20:00:30 the 20:00 slot is under way: the next run is tomorrow's.
    expect(iso(cron.nextAfter(DateTime.fromISO('2026-11-24T20:00:30+08:00')))).toBe('2026-11-25T12:00:00.000Z');
  });

  it('ranges, steps, lists and names; day-of-month and day-of-week must both match when both are restricted', () => {
    const weekdays = compileCron('*/15 8-9 * * MON-FRI', 'Asia/Shanghai');
    const slots = weekdays.slotsBetween(DateTime.fromISO('2026-11-27T00:00:00+08:00'), DateTime.fromISO('2026-11-30T09:01:00+08:00'));
    expect(slots.map((s) => s.setZone('Asia/Shanghai').toFormat('ccc HH:mm'))).toEqual([
      'Fri 08:00', 'Fri 08:15', 'Fri 08:30', 'Fri 08:45', 'Fri 09:00', 'Fri 09:15', 'Fri 09:30', 'Fri 09:45',
      'Mon 08:00', 'Mon 08:15', 'Mon 08:30', 'Mon 08:45', 'Mon 09:00',
    ]);
    const firstMonday = compileCron('0 9 1-7 * 1', 'Asia/Shanghai');
    expect(iso(firstMonday.nextAfter(DateTime.fromISO('2026-11-24T00:00:00+08:00')))).toBe('2026-12-07T01:00:00.000Z');
    expect(iso(compileCron('@daily', 'Asia/Shanghai').nextAfter(DateTime.fromISO('2026-11-24T12:00:00+08:00')))).toBe('2026-11-24T16:00:00.000Z');
  });

  it('slotsBetween is [from, to) and starts at the first whole minute at or after from', () => {
    const everyMinute = compileCron('* * * * *', 'UTC');
    const slots = everyMinute.slotsBetween(DateTime.fromISO('2026-11-24T10:00:30Z'), DateTime.fromISO('2026-11-24T10:03:00Z'));
    expect(slots.map(iso)).toEqual(['2026-11-24T10:01:00.000Z', '2026-11-24T10:02:00.000Z']);
    expect(iso(toSlot(DateTime.fromISO('2026-11-24T18:00:59.999+08:00')))).toBe('2026-11-24T10:00:00.000Z');
  });

  it('DST (America/New_York): a local time that does not exist never fires; one that happens twice fires twice', () => {
    const cron = compileCron('30 2 * * *', 'America/New_York');
    // 2026-03-08: clocks jump from 02:00 to 03:00; 02:30 does not exist that day.
    expect(iso(cron.nextAfter(DateTime.fromISO('2026-03-08T00:00:00', { zone: 'America/New_York' })))).toBe('2026-03-09T06:30:00.000Z');
    const fallBack = compileCron('30 1 * * *', 'America/New_York');
    // 2026-11-01: 01:30 happens at -04:00 and again at -05:00.
    const day = fallBack.slotsBetween(DateTime.fromISO('2026-11-01T00:00:00', { zone: 'America/New_York' }), DateTime.fromISO('2026-11-02T00:00:00', { zone: 'America/New_York' }));
    expect(day.map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
  });

  it('refuses what it does not support, naming the expression', () => {
    expect(() => compileCron('0 20 L * *', 'Asia/Shanghai')).toThrow(CronError);
    expect(() => compileCron('0 20 * * 1#2', 'Asia/Shanghai')).toThrow(/not supported/);
    expect(() => compileCron('30 0 20 * * *', 'Asia/Shanghai')).toThrow(/seconds field must be 0/);
    expect(() => compileCron('0 25 * * *', 'Asia/Shanghai')).toThrow(/cron "0 25 \* \* \*"/);
    expect(() => compileCron('0 20 * * *', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => compileCron('0 0 20 * * *', 'Asia/Shanghai').matches(DateTime.fromISO('2026-11-24T20:00:00+08:00'))).not.toThrow();
  });

  it('the registry refuses a duplicate name or a name that is not kebab-case', () => {
    const job = { name: 'a-job', cron: '0 20 * * *', timeZone: 'Asia/Shanghai', description: 'jobs.list.never' as const, run: async () => undefined };
    expect(() => registerJobs([job, job])).toThrow(/registered twice/);
    expect(() => registerJobs([{ ...job, name: 'A Job' }])).toThrow(/kebab-case/);
  });
});
