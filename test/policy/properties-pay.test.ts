/**
 * Property-based tests (fast-check) of the month's pay effects: generated
 * orders, hire and probation dates, leave costs and a generated month of
 * lateness through the real `monthlyPay` (PAY-1..PAY-8).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dayLateness } from '../../src/policy/lateness/day.ts';
import { monthLateness } from '../../src/policy/lateness/month.ts';
import { monthlyPay, type LeaveCostForPay } from '../../src/policy/pay/statement.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { preset } from './helpers.ts';

let policy: Policy;
beforeAll(async () => {
  policy = await preset('outbound-basic');
});

const MONTH = '2026-03';
const WEEKDAYS = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, '0')}`).filter((d) => DateTime.fromISO(d).weekday <= 5);
const at = (date: string, minute: number) => DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).startOf('day').plus({ minutes: minute });

/** Per date: morning clock-in minutes late (0..90, so some are LATE-5) and clock-out minutes early (0..40), or absent (LATE-6). */
const dayGen = fc.oneof(fc.record({ late: fc.integer({ min: 0, max: 90 }), early: fc.integer({ min: 0, max: 40 }) }), fc.constant('absent' as const));

const latenessOf = (gen: Record<string, { late: number; early: number } | 'absent'>, baseFen: number) =>
  monthLateness({
    employeeId: 'a1',
    month: MONTH,
    policy,
    monthlyBaseFen: baseFen,
    days: Object.entries(gen).map(([date, g]) =>
      dayLateness({
        schedule: daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy }),
        events:
          g === 'absent'
            ? []
            : [
                { id: 'in', at: at(date, 8 * 60 + g.late), direction: 'in' },
                { id: 'in2', at: at(date, 14 * 60 + 25), direction: 'in' },
                { id: 'out', at: at(date, 17 * 60 + 30 - g.early), direction: 'out' },
              ],
        leave: [],
        excuses: [],
        explanations: [],
        policy,
        now: at(date, 1439),
      }),
    ),
  });

const leaveArb: fc.Arbitrary<LeaveCostForPay> = fc.record({
  requestId: fc.integer({ min: 1, max: 999 }).map(String),
  losesFullAttendance: fc.boolean(),
  lines: fc.array(
    fc.oneof(
      fc.record({ ruleId: fc.constant('LEAVE-8'), date: fc.constantFrom(...WEEKDAYS), amountFen: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({
        ruleId: fc.constant('LEAVE-8'),
        date: fc.constantFrom(...WEEKDAYS),
        amountFen: fc.integer({ min: 0, max: 10_000 }),
        fraction: fc.constantFrom(0.5, 1),
        ratePercent: fc.constantFrom(20, 40, 100),
      }),
    ),
    { maxLength: 3 },
  ),
});

const inputArb = fc.record({
  role: fc.constantFrom('outbound_agent', 'team_leader', 'complaint_handler' as const),
  orders: fc.integer({ min: 0, max: 1500 }),
  hireDate: fc.integer({ min: 0, max: 3000 }).map((d) => DateTime.fromISO('2018-01-01').plus({ days: d }).toISODate()!).filter((d) => d <= '2026-03-31'),
  probationEnd: fc.option(fc.integer({ min: 0, max: 3300 }).map((d) => DateTime.fromISO('2018-01-01').plus({ days: d }).toISODate()!), { nil: null }),
  outage: fc.boolean(),
  top: fc.boolean(),
  lateness: fc.option(fc.dictionary(fc.constantFrom(...WEEKDAYS), dayGen, { maxKeys: 8 }), { nil: null }),
  leaveCosts: fc.array(leaveArb, { maxLength: 3 }),
});

describe('properties of a pay statement (PAY-8)', () => {
  it('PAY-8: the lines sum to the net effect; earnings − deductions = net; the lateness and leave deductions are all there', () => {
    fc.assert(
      fc.property(inputArb, (g) => {
        const isAgent = g.role === 'outbound_agent';
        const base = isAgent ? (g.orders >= policy.pay.monthlyQuotaOrders ? policy.pay.basePayQuotaMetFen : policy.pay.basePayQuotaNotMetFen) : policy.pay.basePayQuotaMetFen;
        const lateness = g.lateness === null ? null : latenessOf(g.lateness, base);
        const s = monthlyPay(
          {
            employeeId: 'a1',
            role: g.role as 'outbound_agent',
            month: MONTH,
            hireDate: g.hireDate,
            probationEnd: g.probationEnd,
            orders: g.orders,
            outageMadeQuotaImpossible: g.outage,
            lateness,
            leaveCosts: g.leaveCosts,
            isTopCommission: g.top,
          },
          policy,
        );
        const sum = s.lines.reduce((n, l) => n + l.amountFen, 0);
        expect(s.netEffectFen).toBe(sum);
        expect(s.earningsFen - s.deductionsFen).toBe(s.netEffectFen);
        expect(s.earningsFen).toBe(s.lines.filter((l) => l.amountFen > 0).reduce((n, l) => n + l.amountFen, 0));
        expect(s.deductionsFen).toBeGreaterThanOrEqual(0);
        for (const l of s.lines) {
          expect(Number.isInteger(l.amountFen)).toBe(true);
          if (l.kind === 'deduction') expect(l.amountFen).toBeLessThanOrEqual(0);
          else expect(l.amountFen).toBeGreaterThanOrEqual(0);
        }
        // PAY-8: the lateness lines come over whole (LATE-3/4/5/6), and every LEAVE-8 line of every leave.
        const lateLines = s.lines.filter((l) => l.ruleId.startsWith('LATE-'));
        expect(0 - lateLines.reduce((n, l) => n + l.amountFen, 0)).toBe(lateness?.totalFen ?? 0);
        expect(lateLines).toHaveLength(lateness?.lines.length ?? 0);
        expect(s.lines.filter((l) => l.ruleId === 'LEAVE-8')).toHaveLength(g.leaveCosts.reduce((n, c) => n + c.lines.length, 0));
        // PAY-3: the bonus is paid exactly when nothing took it away.
        const bonus = s.lines.find((l) => l.ruleId === 'PAY-3')!;
        const lost = g.leaveCosts.some((c) => c.losesFullAttendance) || (lateness?.losesFullAttendance ?? false);
        expect(bonus.amountFen).toBe(lost ? 0 : policy.pay.fullAttendanceBonusFen);
      }),
      { numRuns: 300 },
    );
  });

  it('PAY-8/LATE-4: more late minutes never raise the net pay effect', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 29 }), { minKeys: 1, maxKeys: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 20 }),
        (minutes, pick, extra) => {
          const dates = Object.keys(minutes);
          const date = dates[pick % dates.length]!;
          const gen = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([d, late]) => [d, { late, early: 0 }]));
          const pay = (m: Record<string, number>) =>
            monthlyPay(
              { employeeId: 'a1', role: 'outbound_agent', month: MONTH, hireDate: '2024-01-01', probationEnd: null, orders: 500, outageMadeQuotaImpossible: false, lateness: latenessOf(gen(m), 120_000), leaveCosts: [], isTopCommission: false },
              policy,
            ).netEffectFen;
          expect(pay({ ...minutes, [date]: Math.min(29, minutes[date]! + extra) })).toBeLessThanOrEqual(pay(minutes));
        },
      ),
      { numRuns: 150 },
    );
  });
});
