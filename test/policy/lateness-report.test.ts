import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dailyTallyTime, monthlyReportDate } from '../../src/policy/lateness/report.ts';
import { daySchedule, type RoleKey, type RosterEntry } from '../../src/policy/working-time.ts';
import { policyFrom, preset, utc } from './helpers.ts';

let basic: Policy;
let mobile: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  mobile = await preset('mobile-outbound-center');
});

describe('LATE-9 monthly report date', () => {
  it('LATE-9: the report of March 2026 is on the first working day of April: Wednesday 04-01', () => {
    expect(monthlyReportDate('2026-03', basic)).toBe('2026-04-01');
  });

  it('LATE-9: February 1 2026 is a Sunday, so January’s report is on Monday 02-02; December’s is in the next year', () => {
    expect(monthlyReportDate('2026-01', basic)).toBe('2026-02-02');
    expect(monthlyReportDate('2025-12', basic)).toBe('2026-01-01');
  });

  it('LATE-9: holidays push the report: National Day October 1–7 → Thursday 10-08', () => {
    const holidays = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}` }));
    expect(monthlyReportDate('2026-09', policyFrom({ calendar: { holidays } }))).toBe('2026-10-08');
  });

  it('LATE-9: lateness.monthlyReportDay moves the first day looked at: day 5 → Friday 06-05, day 6 → Monday 06-08', () => {
    expect(monthlyReportDate('2026-05', policyFrom({ lateness: { monthlyReportDay: 5 } }))).toBe('2026-06-05');
    expect(monthlyReportDate('2026-05', policyFrom({ lateness: { monthlyReportDay: 6 } }))).toBe('2026-06-08');
  });

  it('LATE-9: the working-day test can be given (e.g. the team leader’s own schedule)', () => {
    expect(monthlyReportDate('2026-03', basic, (d) => d >= '2026-04-03')).toBe('2026-04-03');
    expect(monthlyReportDate('2026-03', basic, () => false)).toBe('2026-04-01');
    expect(() => monthlyReportDate('2026-13', basic)).toThrow(RangeError);
  });
});

describe('LATE-8 daily tally time', () => {
  const schedule = (policy: Policy, id: string, role: RoleKey, date: string, roster?: string[]) =>
    daySchedule({
      employee: { id, role },
      date,
      policy,
      ...(roster ? { roster: { employeeId: id, date, kind: 'segments', segments: roster } as RosterEntry } : {}),
    });

  it('LATE-8: the tally is due when the team’s last segment ends: summer agents at 18:00, winter at 17:30 (Asia/Shanghai)', () => {
    expect(utc(dailyTallyTime([schedule(basic, 'a1', 'outbound_agent', '2026-07-01'), schedule(basic, 'a2', 'outbound_agent', '2026-07-01')])!)).toBe(
      '2026-07-01T10:00:00Z',
    );
    expect(utc(dailyTallyTime([schedule(basic, 'a1', 'outbound_agent', '2026-01-07')])!)).toBe('2026-01-07T09:30:00Z');
  });

  it('LATE-8: the latest end among the members counts: a complaint handler on the late shift (20:00) keeps the tally until then', () => {
    const date = '2026-03-02';
    const team = [schedule(mobile, 'cm1', 'complaint_manager', date), schedule(mobile, 'ch1', 'complaint_handler', date, ['early'])];
    expect(utc(dailyTallyTime(team)!)).toBe('2026-03-02T09:30:00Z'); // 17:30, the manager
    const late = [...team, schedule(mobile, 'ch2', 'complaint_handler', date, ['late'])];
    expect(utc(dailyTallyTime(late)!)).toBe('2026-03-02T12:00:00Z'); // 20:00
  });

  it('LATE-8: no tally when nobody works: a weekend, or no schedules', () => {
    expect(dailyTallyTime([schedule(basic, 'a1', 'outbound_agent', '2026-07-04')])).toBeNull();
    expect(dailyTallyTime([])).toBeNull();
  });

  it('LATE-8: schedules of several dates are refused', () => {
    expect(() => dailyTallyTime([schedule(basic, 'a1', 'outbound_agent', '2026-07-01'), schedule(basic, 'a1', 'outbound_agent', '2026-07-02')])).toThrow(
      RangeError,
    );
  });
});
