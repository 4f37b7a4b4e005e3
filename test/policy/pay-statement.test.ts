import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import type { MonthLateness } from '../../src/policy/lateness/month.ts';
import {
  dailyBasePayFen,
  fullServicePeriods,
  isAfterProbation,
  monthlyPay,
  type MonthlyPayInput,
  type PayLine,
} from '../../src/policy/pay/statement.ts';
import { topCommission } from '../../src/policy/pay/top.ts';
import { preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const agentInput = (over: Partial<MonthlyPayInput> = {}): MonthlyPayInput => ({
  employeeId: 'a1',
  role: 'outbound_agent',
  month: '2026-03',
  hireDate: '2025-12-15',
  probationEnd: '2026-02-14',
  orders: 450,
  outageMadeQuotaImpossible: false,
  lateness: null,
  leaveCosts: [],
  isTopCommission: false,
  ...over,
});
const pay = (over: Partial<MonthlyPayInput> = {}) => monthlyPay(agentInput(over), basic);
const rule = (lines: PayLine[], id: string) => lines.filter((l) => l.ruleId === id);

const lateness = (over: Partial<MonthLateness> = {}): MonthLateness => ({
  employeeId: 'a1',
  month: '2026-03',
  through: null,
  lateMinutes: 0,
  earlyMinutes: 0,
  allowanceMinutes: 10,
  overAllowance: false,
  absenteeismDays: 0,
  absenteeismDates: [],
  absentDays: [],
  late: [],
  early: [],
  excused: [],
  pending: [],
  lines: [],
  totalFen: 0,
  losesFullAttendance: false,
  ...over,
});

describe('PAY-1 base pay', () => {
  it('PAY-1: quota met (orders ≥ 400) → 1200 yuan', () => {
    const s = pay({ orders: 400 });
    expect(s.quotaMet).toBe(true);
    expect(s.monthlyBaseFen).toBe(120000);
    expect(rule(s.lines, 'PAY-1')).toEqual([{ ruleId: 'PAY-1', kind: 'base', amountFen: 120000, note: 'quota met: 400 ≥ 400 orders' }]);
  });

  it('PAY-1: quota not met (399 orders) → 800 yuan, no subsidy', () => {
    const s = pay({ orders: 399 });
    expect(s.quotaMet).toBe(false);
    expect(rule(s.lines, 'PAY-1').map((l) => [l.kind, l.amountFen])).toEqual([['base', 80000]]);
  });

  it('PAY-1: outage made the quota impossible → 800 base + 50 subsidy', () => {
    const s = pay({ orders: 300, outageMadeQuotaImpossible: true });
    expect(s.monthlyBaseFen).toBe(80000);
    expect(rule(s.lines, 'PAY-1').map((l) => [l.kind, l.amountFen])).toEqual([
      ['base', 80000],
      ['subsidy', 5000],
    ]);
  });

  it('PAY-1: quota met despite an outage → 1200, no subsidy', () => {
    const s = pay({ orders: 410, outageMadeQuotaImpossible: true });
    expect(rule(s.lines, 'PAY-1').map((l) => [l.kind, l.amountFen])).toEqual([['base', 120000]]);
  });

  it('PAY-1: other roles take their own basePayFen, else the quota-met base; no commission', () => {
    const tl = pay({ role: 'team_leader', basePayFen: 300000 });
    expect(tl.monthlyBaseFen).toBe(300000);
    expect(tl.quotaMet).toBeNull();
    expect(rule(tl.lines, 'PAY-5')).toEqual([]);
    expect(pay({ role: 'hr', basePayFen: null }).monthlyBaseFen).toBe(120000);
  });
});

describe('PAY-2 daily base pay', () => {
  it('PAY-2: one day = monthly base / 21.75, half-up once', () => {
    expect(dailyBasePayFen(120000, basic)).toBe(5517); // 5517.24…
    expect(dailyBasePayFen(80000, basic)).toBe(3678); // 3678.16…
    expect(pay({ orders: 450 }).dailyBaseFen).toBe(5517);
    expect(pay({ orders: 10 }).dailyBaseFen).toBe(3678);
  });
});

describe('PAY-3 full-attendance bonus', () => {
  it('PAY-3: kept → +100 yuan', () => {
    expect(rule(pay().lines, 'PAY-3')).toEqual([{ ruleId: 'PAY-3', kind: 'bonus', amountFen: 10000, note: 'full attendance' }]);
  });

  it('PAY-3: lost by a charged personal-leave day (LEAVE-8) → 0, source the request', () => {
    const s = pay({
      leaveCosts: [{ requestId: 'lr-7', lines: [{ ruleId: 'LEAVE-8', date: '2026-03-02', amountFen: 5517 }], losesFullAttendance: true }],
    });
    expect(rule(s.lines, 'PAY-3')).toEqual([
      { ruleId: 'PAY-3', kind: 'bonus', amountFen: 0, source: 'lr-7', note: 'full-attendance bonus lost: personal leave' },
    ]);
  });

  it('PAY-3: lost by absenteeism (lateness.losesFullAttendance)', () => {
    const s = pay({ lateness: lateness({ losesFullAttendance: true }) });
    expect(rule(s.lines, 'PAY-3')[0]).toMatchObject({ amountFen: 0, source: 'lateness:a1:2026-03' });
  });
});

describe('PAY-4 seniority bonus', () => {
  it('PAY-4: a full half-year is complete on the same day 6 months later', () => {
    expect(fullServicePeriods('2025-11-30', '2026-05-29', 6)).toBe(0);
    expect(fullServicePeriods('2025-11-30', '2026-05-30', 6)).toBe(1);
    expect(fullServicePeriods('2025-08-31', '2026-02-28', 6)).toBe(1); // month end clamps
    expect(fullServicePeriods('2025-08-31', '2026-08-30', 6)).toBe(1); // counted from the hire date, not chained
    expect(fullServicePeriods('2025-08-31', '2026-08-31', 6)).toBe(2);
  });

  it('PAY-4: 5.9 months at the month end → 0; 6.0 months → 50 yuan', () => {
    const at59 = pay({ month: '2026-05', hireDate: '2025-12-04', probationEnd: '2026-02-03' }); // 5.9 months on 05-31
    expect(at59.seniorityPeriods).toBe(0);
    expect(rule(at59.lines, 'PAY-4')).toEqual([]);
    const at60 = pay({ month: '2026-05', hireDate: '2025-11-30', probationEnd: '2026-01-29' });
    expect(rule(at60.lines, 'PAY-4')).toEqual([
      { ruleId: 'PAY-4', kind: 'bonus', amountFen: 5000, note: '1 full period(s) of 6 months by 2026-05-31' },
    ]);
  });

  it('PAY-4: capped at 200 yuan (3 years = 6 periods)', () => {
    const s = pay({ month: '2026-03', hireDate: '2023-03-01', probationEnd: '2023-05-31' });
    expect(s.seniorityPeriods).toBe(6);
    expect(rule(s.lines, 'PAY-4')[0]?.amountFen).toBe(20000);
  });

  it('PAY-4: paid only after probation', () => {
    const s = pay({ month: '2026-05', hireDate: '2025-11-30', probationEnd: '2026-05-31' });
    expect(s.afterProbation).toBe(false);
    expect(rule(s.lines, 'PAY-4')[0]?.amountFen).toBe(0);
    expect(isAfterProbation('2026-05-30', '2026-05')).toBe(true);
    expect(isAfterProbation('2026-05-31', '2026-05')).toBe(false);
    expect(isAfterProbation(null, '2026-05')).toBe(true);
  });
});

describe('PAY-5 commission', () => {
  it('PAY-5: quota met → on the orders above the quota', () => {
    const s = pay({ orders: 450 });
    expect(s.commissionFen).toBe(5000);
    expect(rule(s.lines, 'PAY-5')).toEqual([
      { ruleId: 'PAY-5', kind: 'commission', amountFen: 5000, note: '50 orders above the quota × 1.00' },
    ]);
  });

  it('PAY-5: quota not met → on all orders', () => {
    expect(pay({ orders: 350 }).commissionFen).toBe(35000);
    expect(pay({ orders: 350, outageMadeQuotaImpossible: true }).commissionFen).toBe(35000);
  });
});

describe('PAY-6 top commission', () => {
  it('PAY-6: the highest commission among quota met or outage; ties share the top', () => {
    expect(
      topCommission([
        { employeeId: 'a', commissionFen: 9000, quotaMet: false, outage: false }, // not eligible
        { employeeId: 'c', commissionFen: 6000, quotaMet: true, outage: false },
        { employeeId: 'b', commissionFen: 6000, quotaMet: false, outage: true },
        { employeeId: 'd', commissionFen: 5000, quotaMet: true, outage: false },
      ]),
    ).toEqual(['b', 'c']);
    expect(topCommission([{ employeeId: 'a', commissionFen: 9000, quotaMet: false, outage: false }])).toEqual([]);
    expect(topCommission([{ employeeId: 'a', commissionFen: 0, quotaMet: true, outage: false }])).toEqual([]);
  });

  it('PAY-6: a top agent gets +50 yuan', () => {
    expect(rule(pay({ isTopCommission: true }).lines, 'PAY-6')).toEqual([
      { ruleId: 'PAY-6', kind: 'bonus', amountFen: 5000, note: 'top commission of the month' },
    ]);
  });
});

describe('PAY-7 insurance', () => {
  it('PAY-7: a flag after probation, no amount', () => {
    expect(pay().insuranceApplies).toBe(true);
    expect(pay({ hireDate: '2026-02-01', probationEnd: '2026-04-30' }).insuranceApplies).toBe(false);
    expect(rule(pay().lines, 'PAY-7')[0]).toMatchObject({ kind: 'flag', amountFen: 0 });
  });
});

describe('PAY-8 deductions', () => {
  it('PAY-8: lateness and leave lines keep their rule id and source, negative; LEAVE-7 offsets left out', () => {
    const s = pay({
      lateness: lateness({
        lines: [
          { ruleId: 'LATE-3', date: '2026-03-03', segment: 'morning', minutes: 5, amountFen: 1000, note: 'early' },
          { ruleId: 'LATE-6', date: '2026-03-09', amountFen: 5517, note: 'absent' },
          { ruleId: 'LATE-4', minutes: 4, amountFen: 0, note: 'within the allowance' },
        ],
        losesFullAttendance: true,
      }),
      leaveCosts: [
        {
          requestId: 'lr-1',
          lines: [
            { ruleId: 'LEAVE-7', date: '2026-03-16', amountFen: 0 },
            { ruleId: 'LEAVE-8', date: '2026-03-17', amountFen: 552 },
          ],
          losesFullAttendance: false,
        },
      ],
    });
    expect(s.lines.filter((l) => l.kind === 'deduction')).toEqual([
      { ruleId: 'LATE-3', kind: 'deduction', amountFen: -1000, source: 'lateness:a1:2026-03-03', note: 'early' },
      { ruleId: 'LATE-6', kind: 'deduction', amountFen: -5517, source: 'lateness:a1:2026-03-09', note: 'absent' },
      { ruleId: 'LATE-4', kind: 'deduction', amountFen: 0, source: 'lateness:a1:2026-03', note: 'within the allowance' },
      { ruleId: 'LEAVE-8', kind: 'deduction', amountFen: -552, source: 'lr-1', note: 'leave on 2026-03-17' },
    ]);
    expect(s.deductionsFen).toBe(7069);
  });

  it('PAY-8: lateness of another employee or month is refused', () => {
    expect(() => pay({ lateness: lateness({ employeeId: 'b2' }) })).toThrow(RangeError);
    expect(() => pay({ lateness: lateness({ month: '2026-04' }) })).toThrow(RangeError);
  });

  it('PAY-8: one full statement — 12 late minutes, a sick day at 3 years, 450 orders, seniority 200', () => {
    const s = pay({
      hireDate: '2023-03-01',
      probationEnd: '2023-05-31',
      orders: 450,
      lateness: lateness({
        lateMinutes: 12,
        overAllowance: true,
        lines: [{ ruleId: 'LATE-4', minutes: 12, amountFen: 1200, note: '12 late minutes over the 10-minute allowance: all 12 × 1.00' }],
        totalFen: 1200,
      }),
      leaveCosts: [
        // 10% of 120000 / 21.75 = 551.72… → 552
        { requestId: 'sick-1', lines: [{ ruleId: 'LEAVE-8', date: '2026-03-10', amountFen: 552 }], losesFullAttendance: false },
      ],
    });
    const base = 120000;
    const bonus = 10000;
    const seniority = 20000;
    const commission = 50 * 100;
    const late4 = 1200;
    const sick = 552;
    expect(s.lines.map((l) => [l.ruleId, l.kind, l.amountFen, l.source])).toEqual([
      ['PAY-1', 'base', base, undefined],
      ['PAY-3', 'bonus', bonus, undefined],
      ['PAY-4', 'bonus', seniority, undefined],
      ['PAY-5', 'commission', commission, undefined],
      ['PAY-7', 'flag', 0, undefined],
      ['LATE-4', 'deduction', -late4, 'lateness:a1:2026-03'],
      ['LEAVE-8', 'deduction', -sick, 'sick-1'],
    ]);
    expect(s.earningsFen).toBe(155000);
    expect(s.deductionsFen).toBe(1752);
    expect(s.netEffectFen).toBe(base + bonus + seniority + commission - late4 - sick);
    expect(s.netEffectFen).toBe(153248);
    expect(s.insuranceApplies).toBe(true);
  });
});
