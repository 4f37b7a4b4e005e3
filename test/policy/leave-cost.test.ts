import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { chargeableDays, dayAmountFen, leaveCost, type LeaveCostInput } from '../../src/policy/leave/cost.ts';
import type { LeaveDay } from '../../src/policy/leave/types.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset } from './helpers.ts';
import { person } from './leave-helpers.ts';

let basic: Policy;
let mobile: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  mobile = await preset('mobile-outbound-center');
});

const agent = person('a1', 'outbound_agent', 'om'); // hired 2024-11-24, base pay: the policy default
const full = (...dates: string[]): LeaveDay[] => dates.map((date) => ({ date, fraction: 1 }));
const cost = (input: Partial<LeaveCostInput> & Pick<LeaveCostInput, 'type' | 'days'>) =>
  leaveCost({ person: agent, policy: basic, unusedRestDaysInMonth: 0, ...input });

describe('PAY-2 daily base pay', () => {
  it('PAY-2: daily base pay is monthly base / 21.75, rounded half-up to the fen once per amount', () => {
    expect(basic.pay.dailyBaseDivisor).toBe(21.75);
    expect(dayAmountFen(120000, 21.75, 1, 100)).toBe(5517); // 5517.24…
    expect(dayAmountFen(120000, 21.75, 0.5, 100)).toBe(2759); // 2758.62…
    expect(dayAmountFen(80000, 21.75, 1, 100)).toBe(3678); // 3678.16…
  });

  it('PAY-2: exact halves round up (not to even), with no floating-point drift', () => {
    expect(dayAmountFen(10, 20, 1, 100)).toBe(1); // 0.5
    expect(dayAmountFen(50, 20, 1, 100)).toBe(3); // 2.5
    expect(dayAmountFen(49, 20, 1, 100)).toBe(2); // 2.45
    expect(dayAmountFen(2175, 21.75, 1, 100)).toBe(100); // exactly 1 yuan
  });
});

describe('LEAVE-8 personal leave', () => {
  it('LEAVE-8: one personal day at the default 1200-yuan base costs 120000/21.75 = 5517 fen and the 100-yuan bonus', () => {
    expect(cost({ type: 'personal', days: full('2026-03-02') })).toEqual({
      lines: [
        {
          ruleId: 'LEAVE-8',
          date: '2026-03-02',
          kind: 'personal-day',
          fraction: 1,
          amountFen: 5517,
          note: 'personal leave, full day: 1200.00 / 21.75',
        },
      ],
      totalFen: 5517,
      losesFullAttendance: true,
      fullAttendanceFen: 10000,
      fullAttendanceMonths: ['2026-03'],
      restDaysUsed: 0,
      monthlyBaseFen: 120000,
      monthlyBaseSource: 'policy-default',
    });
  });

  it('LEAVE-8: a half personal day costs half a daily base, rounded once: 2759 fen', () => {
    const c = cost({ type: 'personal', days: [{ date: '2026-03-02', fraction: 0.5 }] });
    expect(c.lines.map((l) => [l.fraction, l.amountFen])).toEqual([[0.5, 2759]]);
    expect([c.totalFen, c.losesFullAttendance, c.fullAttendanceFen]).toEqual([2759, true, 10000]);
  });

  it('LEAVE-8: three personal days cost three rounded daily bases; the person’s own base pay is used', () => {
    expect(cost({ type: 'personal', days: full('2026-03-02', '2026-03-03', '2026-03-04') }).totalFen).toBe(16551);
    const low = cost({ type: 'personal', days: full('2026-03-02'), person: { ...agent, basePayFen: 80000 } });
    expect([low.totalFen, low.monthlyBaseSource, low.fullAttendanceFen]).toEqual([3678, 'person', 10000]);
  });

  it('LEAVE-8: a personal leave across two months loses both months’ bonuses', () => {
    const c = cost({ type: 'personal', days: full('2026-03-31', '2026-04-01') });
    expect([c.totalFen, c.fullAttendanceMonths, c.fullAttendanceFen]).toEqual([11034, ['2026-03', '2026-04'], 20000]);
  });
});

describe('LEAVE-8 sick leave', () => {
  it('LEAVE-8: under 2 years of service (hired 2024-11-24, leave on 2026-11-23): 20% of the daily base, bonus kept', () => {
    expect(cost({ type: 'sick', days: full('2026-11-23') })).toEqual({
      lines: [
        {
          ruleId: 'LEAVE-8',
          date: '2026-11-23',
          kind: 'sick-day',
          fraction: 1,
          amountFen: 1103, // 1103.44…
          note: 'sick leave, full day: 20% of 1200.00 / 21.75 (under 2 years of service on 2026-11-23)',
        },
      ],
      totalFen: 1103,
      losesFullAttendance: false,
      fullAttendanceFen: 0,
      fullAttendanceMonths: [],
      restDaysUsed: 0,
      monthlyBaseFen: 120000,
      monthlyBaseSource: 'policy-default',
      sickRatePercent: 20,
    });
  });

  it('LEAVE-8: exactly 2 years on the first day (2026-11-24): 10%, 552 fen a day', () => {
    const c = cost({ type: 'sick', days: full('2026-11-24', '2026-11-25') });
    expect([c.sickRatePercent, c.lines.map((l) => l.amountFen), c.totalFen, c.losesFullAttendance]).toEqual([
      10,
      [552, 552], // 551.72…
      1104,
      false,
    ]);
  });

  it('LEAVE-8: tenure is taken on the first day: a sick leave across the anniversary is 20% throughout', () => {
    expect(cost({ type: 'sick', days: full('2026-11-23', '2026-11-24') }).totalFen).toBe(2206);
    // A leave starting on the weekend before the anniversary: the first day of the leave, not the first working day.
    expect(cost({ type: 'sick', days: full('2026-11-24'), startDate: '2026-11-22' }).sickRatePercent).toBe(20);
  });

  it('LEAVE-8: a half sick day at 10% costs 276 fen (275.86…)', () => {
    expect(cost({ type: 'sick', days: [{ date: '2027-01-04', fraction: 0.5 }] }).totalFen).toBe(276);
  });
});

describe('LEAVE-8 rest days and meeting leave', () => {
  it('LEAVE-8: rest days cost nothing and use rest days', () => {
    expect(cost({ type: 'rest', days: [...full('2026-03-02'), { date: '2026-03-03', fraction: 0.5 }] })).toEqual({
      lines: [],
      totalFen: 0,
      losesFullAttendance: false,
      fullAttendanceFen: 0,
      fullAttendanceMonths: [],
      restDaysUsed: 1.5,
      monthlyBaseFen: 120000,
      monthlyBaseSource: 'policy-default',
    });
  });

  it('LEAVE-8: meeting leave costs nothing', () => {
    const c = cost({ type: 'meeting', days: full('2026-03-02') });
    expect([c.lines, c.totalFen, c.losesFullAttendance, c.restDaysUsed]).toEqual([[], 0, false, 0]);
  });
});

describe('LEAVE-7 leave offsets rest days', () => {
  it('LEAVE-7: with the mobile preset, personal days within the unused rest days cost nothing and keep the bonus', () => {
    const c = cost({ type: 'personal', days: full('2026-03-02', '2026-03-03'), policy: mobile, unusedRestDaysInMonth: 3 });
    expect(c.lines).toEqual([
      {
        ruleId: 'LEAVE-7',
        date: '2026-03-02',
        kind: 'rest-offset',
        fraction: 1,
        amountFen: 0,
        note: 'personal leave, full day: set against an unused rest day of 2026-03, not charged',
      },
      {
        ruleId: 'LEAVE-7',
        date: '2026-03-03',
        kind: 'rest-offset',
        fraction: 1,
        amountFen: 0,
        note: 'personal leave, full day: set against an unused rest day of 2026-03, not charged',
      },
    ]);
    expect([c.totalFen, c.losesFullAttendance, c.fullAttendanceFen, c.restDaysUsed]).toEqual([0, false, 0, 2]);
  });

  it('LEAVE-7: beyond the unused rest days, the next days are charged and the bonus is lost', () => {
    const c = cost({ type: 'personal', days: full('2026-03-03', '2026-03-02'), policy: mobile, unusedRestDaysInMonth: 1 });
    expect(c.lines.map((l) => [l.ruleId, l.date, l.amountFen])).toEqual([
      ['LEAVE-7', '2026-03-02', 0],
      ['LEAVE-8', '2026-03-03', 5517],
    ]);
    expect([c.totalFen, c.losesFullAttendance, c.fullAttendanceFen, c.restDaysUsed]).toEqual([5517, true, 10000, 1]);
  });

  it('LEAVE-7: half a rest day left covers half of a personal day; the other half is charged', () => {
    const c = cost({ type: 'personal', days: full('2026-03-02'), policy: mobile, unusedRestDaysInMonth: 0.5 });
    expect(c.lines.map((l) => [l.ruleId, l.fraction, l.amountFen])).toEqual([
      ['LEAVE-7', 0.5, 0],
      ['LEAVE-8', 0.5, 2759],
    ]);
    expect([c.totalFen, c.restDaysUsed, c.losesFullAttendance]).toEqual([2759, 0.5, true]);
  });

  it('LEAVE-7: outbound-basic does not offset: the same days are charged', () => {
    const c = cost({ type: 'personal', days: full('2026-03-02', '2026-03-03'), unusedRestDaysInMonth: 3 });
    expect([c.lines.map((l) => l.ruleId), c.totalFen, c.restDaysUsed, c.losesFullAttendance]).toEqual([
      ['LEAVE-8', 'LEAVE-8'],
      11034,
      0,
      true,
    ]);
  });

  it('LEAVE-7: each month uses its own rest days; a plain number is the first month’s', () => {
    const days = full('2026-03-31', '2026-04-01');
    const byMonth = cost({ type: 'personal', days, policy: mobile, unusedRestDaysInMonth: { '2026-03': 1, '2026-04': 0 } });
    expect([byMonth.lines.map((l) => l.ruleId), byMonth.fullAttendanceMonths, byMonth.totalFen]).toEqual([
      ['LEAVE-7', 'LEAVE-8'],
      ['2026-04'],
      5517,
    ]);
    const number = cost({ type: 'personal', days, policy: mobile, unusedRestDaysInMonth: 3 });
    expect([number.restDaysUsed, number.fullAttendanceMonths]).toEqual([1, ['2026-04']]);
  });

  it('LEAVE-7: sick leave is never offset', () => {
    const c = cost({ type: 'sick', days: full('2026-03-02'), policy: mobile, unusedRestDaysInMonth: 3 });
    expect([c.lines.map((l) => l.ruleId), c.totalFen, c.restDaysUsed]).toEqual([['LEAVE-8'], 1103, 0]);
  });
});

describe('LEAVE-8 chargeable days', () => {
  const scheduleOf = (policy: Policy) => (date: string) =>
    daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy });

  it('LEAVE-8: only working days count: Friday to Monday is two days in outbound-basic', () => {
    expect(chargeableDays({ startDate: '2026-03-06', endDate: '2026-03-09', part: 'full', schedule: scheduleOf(basic) })).toEqual(
      full('2026-03-06', '2026-03-09'),
    );
  });

  it('LEAVE-8: a public holiday is not charged; a half day is half', () => {
    const policy = policyFrom({ calendar: { holidays: [{ date: '2026-10-01', name: 'National Day' }] } });
    expect(chargeableDays({ startDate: '2026-09-30', endDate: '2026-10-02', part: 'full', schedule: scheduleOf(policy) })).toEqual(
      full('2026-09-30', '2026-10-02'),
    );
    expect(chargeableDays({ startDate: '2026-03-02', endDate: '2026-03-02', part: 'morning', schedule: scheduleOf(basic) })).toEqual([
      { date: '2026-03-02', fraction: 0.5 },
    ]);
  });

  it('LEAVE-8: a roster rest day is not charged; bad dates give no days', () => {
    const schedule = (date: string) =>
      daySchedule({
        employee: { id: 'a1', role: 'outbound_agent' },
        date,
        policy: mobile,
        ...(date === '2026-03-03' ? { roster: { employeeId: 'a1', date, kind: 'rest' as const } } : {}),
      });
    expect(chargeableDays({ startDate: '2026-03-02', endDate: '2026-03-04', part: 'full', schedule }).map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-04',
    ]);
    expect(chargeableDays({ startDate: '2026-03-04', endDate: '2026-03-02', part: 'full', schedule })).toEqual([]);
    expect(chargeableDays({ startDate: '2026-02-30', endDate: '2026-03-02', part: 'full', schedule })).toEqual([]);
  });
});
