/**
 * Property-based tests (fast-check) of the lateness rules: generated clock
 * events, explanations and leave for days of March 2026 (winter: morning
 * 08:00–12:00, afternoon 14:30–17:30, Monday to Friday) through the real
 * `dayLateness` and `monthLateness`.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dayLateness, type DayLateness } from '../../src/policy/lateness/day.ts';
import { monthLateness } from '../../src/policy/lateness/month.ts';
import { EXPLANATION_STATUSES, type ClockEventInput, type ExplanationInput, type LeaveOnDay } from '../../src/policy/lateness/types.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset } from './helpers.ts';

let all: Policy;
let excess: Policy;
beforeAll(async () => {
  all = await preset('outbound-basic');
  excess = policyFrom({ lateness: { allowanceMode: 'excess' } });
});

const MONTH = '2026-03';
const DATES = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, '0')}`);
const at = (date: string, minuteOfDay: number, second = 0) =>
  DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).startOf('day').plus({ minutes: minuteOfDay, seconds: second });

const eventArb = fc.record({ direction: fc.constantFrom<'in' | 'out'>('in', 'out'), minute: fc.integer({ min: 0, max: 1439 }), second: fc.integer({ min: 0, max: 59 }) });
const explanationArb = fc.record({
  segment: fc.constantFrom('morning', 'afternoon'),
  kind: fc.constantFrom<'late' | 'early'>('late', 'early'),
  status: fc.constantFrom(...EXPLANATION_STATUSES),
});
const dayArb = fc.record({
  events: fc.array(eventArb, { maxLength: 6 }),
  explanations: fc.array(explanationArb, { maxLength: 3 }),
  leave: fc.option(fc.constantFrom<LeaveOnDay['part']>('full', 'morning', 'afternoon'), { nil: undefined }),
  /** Minute of the day of `now` (past the end of the day when 1440). */
  now: fc.integer({ min: 0, max: 1440 }),
});
type DayGen = typeof dayArb extends fc.Arbitrary<infer T> ? T : never;

function makeDay(date: string, g: DayGen, policy: Policy): DayLateness {
  const events: ClockEventInput[] = g.events.map((e, i) => ({ id: `${date}#${i}`, at: at(date, e.minute, e.second), direction: e.direction }));
  const explanations: ExplanationInput[] = g.explanations.map((x) => ({ date, ...x }));
  const leave: LeaveOnDay[] = g.leave ? [{ part: g.leave } as LeaveOnDay] : [];
  return dayLateness({
    schedule: daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy }),
    events,
    leave,
    excuses: [],
    explanations,
    policy,
    now: at(date, g.now),
  });
}

const monthArb = fc.dictionary(fc.constantFrom(...DATES), dayArb, { maxKeys: 12 });
const baseArb = fc.integer({ min: 0, max: 2_000_000 });

describe('properties of a day (LATE-2)', () => {
  it('LATE-2: late and early minutes are never negative, whole, and an event exists exactly when its minutes are positive', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATES), dayArb, (date, g) => {
        const d = makeDay(date, g, all);
        for (const s of d.segments) {
          expect(Number.isInteger(s.lateMinutes) && s.lateMinutes >= 0).toBe(true);
          expect(Number.isInteger(s.earlyMinutes) && s.earlyMinutes >= 0).toBe(true);
          expect(s.late !== null).toBe(s.lateMinutes > 0);
          expect(s.early !== null).toBe(s.earlyMinutes > 0);
          if (s.late) expect(s.late.minutes).toBe(s.lateMinutes);
          if (s.onLeave) expect([s.lateMinutes, s.earlyMinutes, s.clockIn, s.clockOut]).toEqual([0, 0, null, null]);
        }
        // Every event lands in exactly one place (a segment's clock-in/out or the unmatched list).
        const placed = [
          ...d.segments.flatMap((s) => [s.clockIn?.id, s.clockOut?.id].filter((x): x is string => x !== undefined)),
          ...d.unmatchedEvents.map((e) => e.id),
        ].sort();
        expect(placed).toEqual(g.events.map((_, i) => `${date}#${i}`).sort());
      }),
      { numRuns: 400 },
    );
  });
});

describe('properties of a month (LATE-3, LATE-4, LATE-5, LATE-6)', () => {
  it('LATE-3/LATE-4/LATE-5/LATE-6: every line is ≥ 0 fen and the lines sum to the total, in both allowance modes', () => {
    fc.assert(
      fc.property(monthArb, baseArb, fc.boolean(), (gen, base, useExcess) => {
        const policy = useExcess ? excess : all;
        const days = Object.entries(gen).map(([date, g]) => makeDay(date, g, policy));
        const m = monthLateness({ employeeId: 'a1', month: MONTH, days, policy, monthlyBaseFen: base });
        for (const l of m.lines) expect(Number.isInteger(l.amountFen) && l.amountFen >= 0).toBe(true);
        expect(m.totalFen).toBe(m.lines.reduce((n, l) => n + l.amountFen, 0));
        expect(m.lateMinutes).toBe(m.late.reduce((n, e) => n + e.minutes, 0));
        expect(m.earlyMinutes).toBe(m.early.reduce((n, e) => n + e.minutes, 0));
        // LATE-3: one line per ordinary early leave, at the per-minute rate.
        const late3 = m.lines.filter((l) => l.ruleId === 'LATE-3');
        expect(late3.reduce((n, l) => n + l.amountFen, 0)).toBe(m.earlyMinutes * policy.lateness.earlyLeavePerMinuteFen);
        // LATE-5/6: one day's pay per absenteeism date, never twice a date.
        const dayLines = m.lines.filter((l) => l.ruleId === 'LATE-5' || l.ruleId === 'LATE-6');
        expect(dayLines.map((l) => l.date).sort()).toEqual([...m.absenteeismDates].sort());
        expect(new Set(m.absenteeismDates).size).toBe(m.absenteeismDates.length);
        expect(m.losesFullAttendance).toBe(m.absenteeismDates.length > 0);
      }),
      { numRuns: 200 },
    );
  });

  /** A month of ordinary late arrivals: minutes per date for the morning (< the absenteeism threshold). */
  const lateMonth = (minutes: Record<string, number>, policy: Policy) =>
    monthLateness({
      employeeId: 'a1',
      month: MONTH,
      policy,
      monthlyBaseFen: 120_000,
      days: Object.entries(minutes).map(([date, m]) =>
        dayLateness({
          schedule: daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy }),
          events: [
            { id: 'in', at: at(date, 8 * 60 + m, 30), direction: 'in' },
            { id: 'in2', at: at(date, 14 * 60 + 25), direction: 'in' },
            { id: 'out', at: at(date, 17 * 60 + 30), direction: 'out' },
          ],
          leave: [],
          excuses: [],
          explanations: [],
          policy,
          now: at(date, 1439),
        }),
      ),
    });
  const WEEKDAYS = DATES.filter((d) => DateTime.fromISO(d).weekday <= 5);

  it('LATE-4: more late minutes never cost less (allowance monotonic, modes all and excess)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 29 }), { minKeys: 1, maxKeys: 10 }),
        fc.nat(),
        fc.integer({ min: 1, max: 29 }),
        fc.boolean(),
        (minutes, pick, extra, useExcess) => {
          const policy = useExcess ? excess : all;
          const dates = Object.keys(minutes);
          const date = dates[pick % dates.length]!;
          const more = { ...minutes, [date]: Math.min(29, minutes[date]! + extra) };
          const before = lateMonth(minutes, policy);
          const after = lateMonth(more, policy);
          expect(before.lateMinutes).toBe(Object.values(minutes).reduce((a, b) => a + b, 0));
          expect(after.lateMinutes).toBeGreaterThanOrEqual(before.lateMinutes);
          expect(after.totalFen).toBeGreaterThanOrEqual(before.totalFen);
          // Within the allowance nothing is charged; above it something is.
          expect(before.totalFen === 0).toBe(before.lateMinutes <= policy.lateness.allowanceMinutes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('LATE-4/LATE-5: a day of absenteeism never costs less than the same day counted by the minute', () => {
    // Going from 29 to 30+ minutes late (no explanation) turns per-minute lateness into a day's base pay.
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 29 }), { minKeys: 1, maxKeys: 10 }), fc.nat(), (minutes, pick) => {
        const dates = Object.keys(minutes);
        const date = dates[pick % dates.length]!;
        const before = lateMonth({ ...minutes, [date]: 29 }, all);
        const after = lateMonth({ ...minutes, [date]: 30 }, all);
        expect(after.absenteeismDates).toEqual([date]);
        expect(after.totalFen).toBeGreaterThanOrEqual(before.totalFen);
      }),
      { numRuns: 100 },
    );
  });
});
