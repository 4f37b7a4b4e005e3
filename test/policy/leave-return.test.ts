import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { returnDueDate, returnFromLeave, returnOverdue } from '../../src/policy/leave/return.ts';
import type { LeaveSpan } from '../../src/policy/leave/types.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
let schedule: (date: string) => ReturnType<typeof daySchedule>;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  schedule = (date) => daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy: basic });
});

// Monday 2026-03-02 to Friday 2026-03-06, then the weekend; Monday 03-09 is the return day.
const week: LeaveSpan = { startDate: '2026-03-02', endDate: '2026-03-06', part: 'full' };

describe('LEAVE-6 returning early', () => {
  it('LEAVE-6: returning on Wednesday ends the leave on Tuesday; Wednesday to Friday are unused', () => {
    expect(returnFromLeave({ leave: week, returnDate: '2026-03-04', schedule })).toEqual({
      endsEarly: true,
      effectiveEndDate: '2026-03-03',
      unusedDays: ['2026-03-04', '2026-03-05', '2026-03-06'],
      cancelsLeave: false,
    });
  });

  it('LEAVE-6: unused days are working days only', () => {
    const twoWeeks: LeaveSpan = { startDate: '2026-03-02', endDate: '2026-03-10', part: 'full' };
    expect(returnFromLeave({ leave: twoWeeks, returnDate: '2026-03-06', schedule }).unusedDays).toEqual([
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
    ]);
  });

  it('LEAVE-6: returning on the planned day (or later) is not early', () => {
    for (const returnDate of ['2026-03-09', '2026-03-10'])
      expect(returnFromLeave({ leave: week, returnDate, schedule })).toEqual({
        endsEarly: false,
        effectiveEndDate: '2026-03-06',
        unusedDays: [],
        cancelsLeave: false,
      });
  });

  it('LEAVE-6: returning on the last day leaves only that day unused', () => {
    expect(returnFromLeave({ leave: week, returnDate: '2026-03-06', schedule })).toMatchObject({
      endsEarly: true,
      effectiveEndDate: '2026-03-05',
      unusedDays: ['2026-03-06'],
    });
  });

  it('LEAVE-6: returning on the first day cancels the leave', () => {
    expect(returnFromLeave({ leave: week, returnDate: '2026-03-02', schedule })).toEqual({
      endsEarly: true,
      effectiveEndDate: '2026-03-01',
      unusedDays: ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'],
      cancelsLeave: true,
    });
  });

  it('LEAVE-6: a morning half day: coming back that afternoon is the normal return', () => {
    const morning: LeaveSpan = { startDate: '2026-03-04', endDate: '2026-03-04', part: 'morning' };
    expect(returnFromLeave({ leave: morning, returnDate: '2026-03-04', schedule })).toEqual({
      endsEarly: false,
      effectiveEndDate: '2026-03-04',
      unusedDays: [],
      cancelsLeave: false,
    });
  });
});

describe('LEAVE-6 overdue report', () => {
  it('LEAVE-6: the report is due on the first working day after the leave (Friday’s leave → Monday)', () => {
    expect(returnDueDate({ leave: week, schedule })).toBe('2026-03-09');
    const holiday = policyFrom({ calendar: { holidays: [{ date: '2026-03-09' }] } });
    const withHoliday = (date: string) => daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy: holiday });
    expect(returnDueDate({ leave: week, schedule: withHoliday })).toBe('2026-03-10');
  });

  it('LEAVE-6: not reported by the end of the due day: overdue only once that day is over', () => {
    const overdue = (today: string, reportedAt: string | null = null) => returnOverdue({ leave: week, reportedAt, today, schedule });
    expect(overdue('2026-03-07')).toBe(false);
    expect(overdue('2026-03-09')).toBe(false);
    expect(overdue('2026-03-10')).toBe(true);
    expect(overdue('2026-03-10', '2026-03-09')).toBe(false);
    expect(overdue('2026-03-10', '2026-03-04')).toBe(false); // came back early
    expect(overdue('2026-03-11', '2026-03-10')).toBe(true); // reported a day late
  });

  it('LEAVE-6: a morning half day is due back that afternoon', () => {
    const morning: LeaveSpan = { startDate: '2026-03-04', endDate: '2026-03-04', part: 'morning' };
    expect(returnDueDate({ leave: morning, schedule })).toBe('2026-03-04');
    expect(returnOverdue({ leave: morning, reportedAt: null, today: '2026-03-05', schedule })).toBe(true);
    const afternoon: LeaveSpan = { ...morning, part: 'afternoon' };
    expect(returnDueDate({ leave: afternoon, schedule })).toBe('2026-03-05');
  });

  it('LEAVE-6: no working day within a year after the leave: never overdue', () => {
    const never = () => ({ kind: 'off' as const });
    expect(returnDueDate({ leave: week, schedule: never })).toBeNull();
    expect(returnOverdue({ leave: week, today: '2027-06-01', schedule: never })).toBe(false);
  });
});
