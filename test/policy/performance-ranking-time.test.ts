import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { rankingPostTime } from '../../src/policy/performance/ranking-time.ts';
import { summaryReminderDue } from '../../src/policy/performance/summary.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset, utc } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const agentDay = (date: string, policy: Policy) => [daySchedule({ employee: { id: 'a', role: 'outbound_agent' }, date, policy })];

describe('PERF-7 when the month-end ranking is posted', () => {
  it('PERF-7: last-working-day: after the last segment of the month\'s last working day (a month ending on a weekend)', () => {
    // October 2026 ends on a Saturday: Friday the 30th, winter afternoon until 17:30 Shanghai.
    expect(utc(rankingPostTime('2026-10', basic, (d) => agentDay(d, basic))!)).toBe('2026-10-30T09:30:00Z');
    // September 2026 ends on a Wednesday in summer: until 18:00.
    expect(utc(rankingPostTime('2026-09', basic, (d) => agentDay(d, basic))!)).toBe('2026-09-30T10:00:00Z');
  });

  it('PERF-7: a holiday on the last weekday moves the post to the working day before', () => {
    const withHoliday = policyFrom({ calendar: { holidays: [{ date: '2026-10-30', name: 'test' }] } });
    expect(utc(rankingPostTime('2026-10', withHoliday, (d) => agentDay(d, withHoliday))!)).toBe('2026-10-29T09:30:00Z');
  });

  it('PERF-7: the latest segment end among the ranked employees of that day counts', () => {
    const late = DateTime.fromISO('2026-10-30T20:00', { zone: 'Asia/Shanghai' });
    const at = rankingPostTime('2026-10', basic, (d) => [...agentDay(d, basic), ...(d === '2026-10-30' ? [{ kind: 'working' as const, segments: [{ end: late }] as never }] : [])]);
    expect(utc(at!)).toBe('2026-10-30T12:00:00Z');
  });

  it('PERF-7: first-day-next-month: 09:00 center time on the 1st', () => {
    const first = policyFrom({ perf: { rankingPostOn: 'first-day-next-month' } });
    expect(utc(rankingPostTime('2026-12', first, () => [])!)).toBe('2027-01-01T01:00:00Z');
  });

  it('PERF-7: a month without any working day has no post time', () => {
    expect(rankingPostTime('2026-10', basic, () => [])).toBeNull();
  });
});

describe('PERF-1 reminder window', () => {
  const day = (date: string) => daySchedule({ employee: { id: 'a', role: 'outbound_agent' }, date, policy: basic });
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Shanghai' });

  it('PERF-1: due from 30 minutes before the last segment ends until 30 minutes after', () => {
    // Wednesday 25 November 2026 (winter): the afternoon ends at 17:30.
    const wed = day('2026-11-25');
    expect(summaryReminderDue(wed, at('2026-11-25T16:55'), basic)).toBe(false);
    expect(summaryReminderDue(wed, at('2026-11-25T17:00'), basic)).toBe(true);
    expect(summaryReminderDue(wed, at('2026-11-25T17:30'), basic)).toBe(true);
    expect(summaryReminderDue(wed, at('2026-11-25T18:00'), basic)).toBe(true);
    expect(summaryReminderDue(wed, at('2026-11-25T18:05'), basic)).toBe(false);
    // The morning's end (12:00) is not the day's last.
    expect(summaryReminderDue(wed, at('2026-11-25T11:50'), basic)).toBe(false);
  });

  it('PERF-1: never on a day off; the window follows perf.summaryReminderMinutesBeforeEnd', () => {
    expect(summaryReminderDue(day('2026-11-22'), at('2026-11-22T17:15'), basic)).toBe(false); // Sunday
    const wide = policyFrom({ perf: { summaryReminderMinutesBeforeEnd: 60 } });
    expect(summaryReminderDue(daySchedule({ employee: { id: 'a', role: 'outbound_agent' }, date: '2026-11-25', policy: wide }), at('2026-11-25T16:30'), wide)).toBe(true);
  });
});
