import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dayLateness, type DayLateness } from '../../src/policy/lateness/day.ts';
import type { ClockEventInput, ExcuseInput, ExplanationInput, LeaveOnDay } from '../../src/policy/lateness/types.ts';
import { daySchedule, type RoleKey, type RosterEntry } from '../../src/policy/working-time.ts';
import { policyFrom, preset, utc } from './helpers.ts';

let basic: Policy;
let mobile: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  mobile = await preset('mobile-outbound-center');
});

const SUMMER = '2026-07-01'; // Wednesday: morning 08:00–12:00 (window 07:50), afternoon 15:00–18:00 (window 14:50)
const WINTER = '2026-01-07'; // Wednesday: morning 08:00–12:00, afternoon 14:30–17:30 (window 14:20)

/** A wall-clock time of the date in the zone (Asia/Shanghai unless told), seconds allowed. */
const at = (date: string, time: string, zone = 'Asia/Shanghai') => DateTime.fromISO(`${date}T${time}`, { zone });
const clockIn = (date: string, time: string, zone?: string): ClockEventInput => ({ id: `in ${time}`, at: at(date, time, zone), direction: 'in' });
const clockOut = (date: string, time: string, zone?: string): ClockEventInput => ({ id: `out ${time}`, at: at(date, time, zone), direction: 'out' });

interface Day {
  date: string;
  policy?: Policy;
  role?: RoleKey;
  employeeId?: string;
  roster?: { kind: 'rest' } | { kind: 'segments'; segments: string[] };
  events?: ClockEventInput[];
  leave?: LeaveOnDay[];
  excuses?: ExcuseInput[];
  explanations?: ExplanationInput[];
  /** Default: 23:59 of the date in the policy's zone (the day is over). */
  now?: DateTime;
}
function day(d: Day): DayLateness {
  const policy = d.policy ?? basic;
  const employeeId = d.employeeId ?? 'a1';
  const schedule = daySchedule({
    employee: { id: employeeId, role: d.role ?? 'outbound_agent' },
    date: d.date,
    policy,
    ...(d.roster ? { roster: { ...d.roster, employeeId, date: d.date } as RosterEntry } : {}),
  });
  return dayLateness({
    schedule,
    events: d.events ?? [],
    leave: d.leave ?? [],
    excuses: d.excuses ?? [],
    explanations: d.explanations ?? [],
    policy,
    now: d.now ?? at(d.date, '23:59', policy.center.timeZone),
  });
}
/** The segments as "name late/early" minutes, e.g. { morning: [1, 0], afternoon: [0, 5] }. */
const minutes = (d: DayLateness) => Object.fromEntries(d.segments.map((s) => [s.segment, [s.lateMinutes, s.earlyMinutes]]));
const seg = (d: DayLateness, name: string) => {
  const s = d.segments.find((x) => x.segment === name);
  if (!s) throw new Error(`no segment ${name}`);
  return s;
};
const unmatched = (d: DayLateness) => d.unmatchedEvents.map((e) => `${e.id} ${e.reason}`);
/** A normal day: in on time for both segments, out at the end. */
const onTime = (date: string, afternoonIn = '14:55', out = '18:00') => [clockIn(date, '07:55'), clockIn(date, afternoonIn), clockOut(date, out)];

describe('LATE-2 whole clock minutes', () => {
  it('LATE-2: 08:00:59 is on time, 08:01:00 is one minute late', () => {
    const ok = day({ date: SUMMER, events: onTime(SUMMER).map((e) => (e.id === 'in 07:55' ? clockIn(SUMMER, '08:00:59') : e)) });
    expect(seg(ok, 'morning')).toMatchObject({ lateMinutes: 0, late: null, clockIn: { id: 'in 08:00:59' } });
    const late = day({ date: SUMMER, events: [clockIn(SUMMER, '08:01:00'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')] });
    expect(seg(late, 'morning').lateMinutes).toBe(1);
    expect(seg(late, 'morning').late).toEqual({
      kind: 'late',
      minutes: 1,
      missingClockIn: false,
      needsExplanation: false,
      explanation: 'none',
      excused: null,
      outcome: 'ordinary',
    });
  });

  it('LATE-2: early leave = segment end − truncated clock-out: 17:55:59 is 5 minutes early, 17:59:59 is 1, 18:00:00 is 0', () => {
    const early = (out: string) => seg(day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, out)] }), 'afternoon').earlyMinutes;
    expect(early('17:55:59')).toBe(5);
    expect(early('17:59:59')).toBe(1);
    expect(early('18:00:00')).toBe(0);
    expect(early('18:40:00')).toBe(0);
  });

  it('LATE-2: a 14:45 clock-in is 15 minutes late for the winter afternoon (14:30) and on time for the summer one (15:00, before its 14:50 window)', () => {
    const winter = day({ date: WINTER, events: [clockIn(WINTER, '07:55'), clockIn(WINTER, '14:45'), clockOut(WINTER, '17:30')] });
    expect(minutes(winter)).toEqual({ morning: [0, 0], afternoon: [15, 0] });
    expect(utc(seg(winter, 'afternoon').start)).toBe('2026-01-07T06:30:00Z');
    const summer = day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '14:45'), clockOut(SUMMER, '18:00')] });
    expect(minutes(summer)).toEqual({ morning: [0, 0], afternoon: [0, 0] });
    expect(seg(summer, 'afternoon').clockIn?.id).toBe('in 14:45');
    expect(summer.unmatchedEvents).toEqual([]);
  });
});

describe('LATE-1 which clock events count', () => {
  it('LATE-1: an in at 07:30, before the 07:50 window, is an early clock-in: on time, not outside', () => {
    const d = day({ date: SUMMER, events: onTime(SUMMER).map((e) => (e.id === 'in 07:55' ? clockIn(SUMMER, '07:30') : e)) });
    expect(seg(d, 'morning')).toMatchObject({ clockIn: { id: 'in 07:30' }, lateMinutes: 0 });
    expect(d.unmatchedEvents).toEqual([]);
    expect(d.absentDay).toBe(false);
  });

  it('LATE-1: the first in of a segment counts; a second in is superseded, listed once and counted nowhere', () => {
    const d = day({ date: SUMMER, events: [clockIn(SUMMER, '08:20'), clockIn(SUMMER, '07:58'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')] });
    expect(seg(d, 'morning')).toMatchObject({ clockIn: { id: 'in 07:58' }, lateMinutes: 0 });
    expect(unmatched(d)).toEqual(['in 08:20 superseded']);
  });

  it('LATE-1: the last out counts: out at 17:00, back, out at 18:00 is no early leave', () => {
    const d = day({ date: SUMMER, events: [...onTime(SUMMER), clockOut(SUMMER, '17:00')] });
    expect(seg(d, 'afternoon')).toMatchObject({ clockOut: { id: 'out 18:00' }, earlyMinutes: 0, early: null });
    expect(unmatched(d)).toEqual(['out 17:00 superseded']);
  });

  it('LATE-1: between the segments an in belongs to the next one: 11:59:59 is 239 minutes late for the morning, 12:00 is early for the afternoon', () => {
    const morning = day({ date: SUMMER, events: [clockIn(SUMMER, '11:59:59'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')] });
    expect(minutes(morning)).toEqual({ morning: [239, 0], afternoon: [0, 0] });
    const afternoon = day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '12:00'), clockOut(SUMMER, '18:00')] });
    expect(seg(afternoon, 'afternoon').clockIn?.id).toBe('in 12:00');
    expect(minutes(afternoon)).toEqual({ morning: [0, 0], afternoon: [0, 0] });
  });

  it('LATE-1: an in at or after the last segment ends and an out before the first starts are outside: recorded, counted nowhere', () => {
    const d = day({ date: SUMMER, events: [clockOut(SUMMER, '07:40'), ...onTime(SUMMER), clockIn(SUMMER, '18:00'), clockIn(SUMMER, '19:30')] });
    expect(minutes(d)).toEqual({ morning: [0, 0], afternoon: [0, 0] });
    expect(unmatched(d)).toEqual(['out 07:40 outside', 'in 18:00 outside', 'in 19:30 outside']);
    // Each event is in exactly one place.
    const placed = [...d.segments.flatMap((s) => [s.clockIn?.id, s.clockOut?.id]), ...d.unmatchedEvents.map((e) => e.id)].filter(Boolean);
    expect(placed.sort()).toEqual(['in 07:55', 'in 14:55', 'in 18:00', 'in 19:30', 'out 07:40', 'out 18:00']);
  });

  it('LATE-1: events of another date are outside', () => {
    const d = day({ date: SUMMER, events: [...onTime(SUMMER), clockIn('2026-07-02', '07:55')] });
    expect(unmatched(d)).toEqual(['in 07:55 outside']);
  });

  it('LATE-1: only the last segment needs a clock-out; leaving the morning at 11:00 costs nothing unless clock.requireClockOutEachSegment', () => {
    const events = [clockIn(SUMMER, '07:55'), clockOut(SUMMER, '11:00'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')];
    const d = day({ date: SUMMER, events });
    expect(seg(d, 'morning')).toMatchObject({ clockOut: { id: 'out 11:00' }, clockOutCounts: false, earlyMinutes: 0, early: null });
    expect(seg(d, 'afternoon').clockOutCounts).toBe(true);
    const each = policyFrom({ clock: { requireClockOutEachSegment: true } });
    const strict = day({ date: SUMMER, policy: each, events });
    expect(minutes(strict)).toEqual({ morning: [0, 60], afternoon: [0, 0] });
    expect(seg(strict, 'morning').early).toMatchObject({ minutes: 60, needsExplanation: true, outcome: 'absenteeism' });
  });

  it('LATE-1: a missing clock-out of the last segment is flagged and charged nothing', () => {
    const d = day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '14:55')] });
    expect(seg(d, 'afternoon')).toMatchObject({ clockOut: null, missingClockOut: true, earlyMinutes: 0, early: null });
    const during = day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '14:55')], now: at(SUMMER, '17:00') });
    expect(seg(during, 'afternoon').missingClockOut).toBe(false);
  });

  it('LATE-1: overlapping rotating shifts: an out at 14:30:30 closes the early shift, an in at 14:25 opens the late one', () => {
    const d = day({
      policy: mobile,
      role: 'complaint_handler',
      date: '2026-03-02',
      roster: { kind: 'segments', segments: ['early', 'late'] },
      events: [clockIn('2026-03-02', '07:58'), clockIn('2026-03-02', '14:25'), clockOut('2026-03-02', '14:30:30'), clockOut('2026-03-02', '20:00')],
    });
    expect(seg(d, 'early')).toMatchObject({ clockIn: { id: 'in 07:58' }, clockOut: { id: 'out 14:30:30' } });
    expect(seg(d, 'late')).toMatchObject({ clockIn: { id: 'in 14:25' }, clockOut: { id: 'out 20:00' } });
    expect(minutes(d)).toEqual({ early: [0, 0], late: [0, 0] });
    expect(d.unmatchedEvents).toEqual([]);
  });
});

describe('TIME-3/TIME-5 through the schedule', () => {
  it('LATE-2: a complaint handler on the rostered early shift (08:00–14:30): in 08:02:10 is 2 minutes late, out 14:20 is 10 minutes early', () => {
    const d = day({
      policy: mobile,
      role: 'complaint_handler',
      date: '2026-03-02',
      roster: { kind: 'segments', segments: ['early'] },
      events: [clockIn('2026-03-02', '08:02:10'), clockOut('2026-03-02', '14:20')],
    });
    expect(d.segments.map((s) => [s.segment, utc(s.start), utc(s.end)])).toEqual([['early', '2026-03-02T00:00:00Z', '2026-03-02T06:30:00Z']]);
    expect(minutes(d)).toEqual({ early: [2, 10] });
    expect(seg(d, 'early').early).toMatchObject({ minutes: 10, outcome: 'ordinary' });
  });

  it('LATE-6: a complaint handler with no roster entry has no segments: nothing counts, no absence', () => {
    const d = day({ policy: mobile, role: 'complaint_handler', date: '2026-03-02', events: [clockIn('2026-03-02', '08:00')] });
    expect(d).toMatchObject({ kind: 'working', segments: [], absentDay: false, workdayEnd: null, dayOver: false });
    expect(unmatched(d)).toEqual(['in 08:00 outside']);
    // A day without segments is over at the next local midnight.
    const next = day({ policy: mobile, role: 'complaint_handler', date: '2026-03-02', now: at('2026-03-03', '00:00') });
    expect(next).toMatchObject({ dayOver: true, absentDay: false });
  });

  it('LATE-6: on a public holiday nothing counts and nobody is absent; its events are outside', () => {
    const policy = policyFrom({ calendar: { holidays: [{ date: '2026-10-01', name: 'National Day' }] } });
    const d = day({ policy, date: '2026-10-01', events: [clockIn('2026-10-01', '09:40')] });
    expect(d).toMatchObject({ kind: 'holiday', segments: [], absentDay: false });
    expect(unmatched(d)).toEqual(['in 09:40 outside']);
    const none = day({ policy, date: '2026-10-01' });
    expect(none.absentDay).toBe(false);
  });

  it('LATE-6: a rest day from the roster is no absence', () => {
    const d = day({ policy: mobile, date: '2026-03-02', roster: { kind: 'rest' } });
    expect(d).toMatchObject({ kind: 'rest', absentDay: false, segments: [] });
  });
});

describe('LEAVE-1 leave on the day', () => {
  it('LATE-2: a half-day leave for the morning: no lateness for it; the afternoon still counts (in 15:05 is 5 late)', () => {
    const d = day({ date: SUMMER, leave: [{ part: 'morning' }], events: [clockIn(SUMMER, '15:05'), clockOut(SUMMER, '18:00')] });
    expect(seg(d, 'morning')).toMatchObject({ onLeave: true, lateMinutes: 0, late: null, missingClockIn: false });
    expect(seg(d, 'afternoon')).toMatchObject({ onLeave: false, lateMinutes: 5, late: { outcome: 'ordinary' } });
    expect(d.absentDay).toBe(false);
  });

  it('LATE-1: on a morning leave, coming in at 11:00 is an early clock-in for the afternoon', () => {
    const d = day({ date: SUMMER, leave: [{ part: 'morning' }], events: [clockIn(SUMMER, '11:00'), clockOut(SUMMER, '18:00')] });
    expect(seg(d, 'afternoon')).toMatchObject({ clockIn: { id: 'in 11:00' }, lateMinutes: 0 });
    expect(seg(d, 'morning').clockIn).toBeNull();
  });

  it('LATE-1: on an afternoon leave the morning is the last worked segment: leaving at 11:50 is 10 minutes early', () => {
    const d = day({ date: SUMMER, leave: [{ part: 'afternoon' }], events: [clockIn(SUMMER, '07:55'), clockOut(SUMMER, '11:50')] });
    expect(minutes(d)).toEqual({ morning: [0, 10], afternoon: [0, 0] });
    expect(seg(d, 'afternoon').onLeave).toBe(true);
  });

  it('LATE-6: a full day of leave: nothing counts, no absence, its events are outside', () => {
    const d = day({ date: SUMMER, leave: [{ part: 'full' }], events: [clockIn(SUMMER, '09:00')] });
    expect(d.segments.every((s) => s.onLeave && s.late === null)).toBe(true);
    expect(d.absentDay).toBe(false);
    expect(unmatched(d)).toEqual(['in 09:00 outside']);
  });
});

describe('LATE-5 thirty minutes or more', () => {
  const late = (time: string, more: Partial<Day> = {}) =>
    day({ date: SUMMER, events: [clockIn(SUMMER, time), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')], ...more });
  const explained = (status: ExplanationInput['status'], submittedAt?: DateTime): ExplanationInput[] => [
    { date: SUMMER, segment: 'morning', kind: 'late', status, ...(submittedAt ? { submittedAt } : {}) },
  ];

  it('LATE-5: 29 minutes late is ordinary lateness; 30 needs an explanation', () => {
    expect(seg(late('08:29:59'), 'morning').late).toMatchObject({ minutes: 29, needsExplanation: false, outcome: 'ordinary' });
    expect(seg(late('08:30:00'), 'morning').late).toMatchObject({ minutes: 30, needsExplanation: true });
  });

  it('LATE-5: 30 minutes late is pending while the day lasts (none or requested), absenteeism when the day ends without an explanation', () => {
    const noon = at(SUMMER, '12:00');
    expect(seg(late('08:30', { now: noon }), 'morning').late).toMatchObject({ explanation: 'none', outcome: 'pending' });
    expect(seg(late('08:30', { now: noon, explanations: explained('requested') }), 'morning').late).toMatchObject({
      explanation: 'requested',
      outcome: 'pending',
    });
    const end = at(SUMMER, '18:00'); // the end of the working day
    expect(late('08:30', { now: end }).dayOver).toBe(true);
    expect(seg(late('08:30', { now: at(SUMMER, '17:59:59') }), 'morning').late?.outcome).toBe('pending');
    expect(seg(late('08:30', { now: end }), 'morning').late?.outcome).toBe('absenteeism');
    expect(seg(late('08:30', { now: end, explanations: explained('requested') }), 'morning').late?.outcome).toBe('absenteeism');
  });

  it('LATE-5: accepted → ordinary 30 minutes; rejected → absenteeism at once; submitted in time → pending until decided', () => {
    expect(seg(late('08:30', { explanations: explained('accepted') }), 'morning').late).toMatchObject({
      minutes: 30,
      explanation: 'accepted',
      needsExplanation: true,
      outcome: 'ordinary',
    });
    expect(seg(late('08:30', { now: at(SUMMER, '09:00'), explanations: explained('rejected') }), 'morning').late?.outcome).toBe('absenteeism');
    expect(seg(late('08:30', { explanations: explained('submitted', at(SUMMER, '17:00')) }), 'morning').late?.outcome).toBe('pending');
    expect(seg(late('08:30', { explanations: explained('submitted', at(SUMMER, '18:00:01')) }), 'morning').late?.outcome).toBe('absenteeism');
  });

  it('LATE-5: the last explanation given counts; an explanation of another segment or kind does not', () => {
    const both: ExplanationInput[] = [...explained('rejected'), ...explained('accepted')];
    expect(seg(late('08:30', { explanations: both }), 'morning').late?.outcome).toBe('ordinary');
    const other: ExplanationInput[] = [
      { date: SUMMER, segment: 'afternoon', kind: 'late', status: 'accepted' },
      { date: SUMMER, segment: 'morning', kind: 'early', status: 'accepted' },
      { date: '2026-07-02', segment: 'morning', kind: 'late', status: 'accepted' },
    ];
    expect(seg(late('08:30', { explanations: other }), 'morning').late?.outcome).toBe('absenteeism');
  });

  it('LATE-5: leaving 30 minutes early needs an explanation; 29 does not', () => {
    const early = (out: string) => seg(day({ date: SUMMER, events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, out)] }), 'afternoon').early;
    expect(early('17:31')).toMatchObject({ kind: 'early', minutes: 29, needsExplanation: false, outcome: 'ordinary' });
    expect(early('17:30')).toMatchObject({ kind: 'early', minutes: 30, needsExplanation: true, outcome: 'absenteeism' });
  });

  it('LATE-5: a segment that ends without a clock-in (after a morning clock-in) is late by the whole segment', () => {
    const events = [clockIn(SUMMER, '07:55'), clockOut(SUMMER, '12:00')];
    const before = day({ date: SUMMER, events, now: at(SUMMER, '17:59') });
    expect(seg(before, 'afternoon')).toMatchObject({ missingClockIn: false, lateMinutes: 0, late: null });
    const after = day({ date: SUMMER, events, now: at(SUMMER, '18:00') });
    expect(seg(after, 'afternoon')).toMatchObject({ missingClockIn: true, lateMinutes: 180 });
    expect(seg(after, 'afternoon').late).toMatchObject({ minutes: 180, missingClockIn: true, needsExplanation: true, outcome: 'absenteeism' });
    expect(after.absentDay).toBe(false);
  });
});

describe('LATE-6 no clock-in', () => {
  it('LATE-6: a working day with no clock-in is an absent day once the day is over', () => {
    const d = day({ date: SUMMER });
    expect(d.absentDay).toBe(true);
    expect(d.segments.map((s) => [s.segment, s.missingClockIn, s.late?.minutes, s.late?.outcome, s.late?.needsExplanation])).toEqual([
      ['morning', true, 240, 'absent-day', false],
      ['afternoon', true, 180, 'absent-day', false],
    ]);
  });

  it('LATE-6: before the day is over there is no absent day yet; the missed morning is a pending LATE-5 event', () => {
    const d = day({ date: SUMMER, now: at(SUMMER, '13:00') });
    expect(d).toMatchObject({ absentDay: false, dayOver: false });
    expect(seg(d, 'morning').late).toMatchObject({ minutes: 240, outcome: 'pending', needsExplanation: true });
    expect(seg(d, 'afternoon').late).toBeNull();
  });

  it('LATE-6: a clock-out alone is no clock-in', () => {
    expect(day({ date: SUMMER, events: [clockOut(SUMMER, '18:00')] }).absentDay).toBe(true);
  });

  it('LATE-6: a morning leave and no clock-in in the afternoon is an absent day', () => {
    const d = day({ date: SUMMER, leave: [{ part: 'morning' }] });
    expect(d.absentDay).toBe(true);
    expect(seg(d, 'morning').late).toBeNull();
    expect(seg(d, 'afternoon').late?.outcome).toBe('absent-day');
  });
});

describe('LATE-7 excuses', () => {
  const outage: ExcuseInput = {
    id: 'x1',
    reason: 'clock system down (INC-7)',
    window: { from: at(SUMMER, '07:30'), to: at(SUMMER, '08:30') },
  };

  it('LATE-7: one excuse by window excuses every employee late for a segment starting in it, and nothing else', () => {
    for (const [employeeId, time, minutesLate] of [['a1', '08:10', 10], ['a2', '08:45', 45], ['a3', '08:01', 1]] as const) {
      const d = day({
        employeeId,
        date: SUMMER,
        excuses: [outage],
        events: [clockIn(SUMMER, time), clockIn(SUMMER, '15:07'), clockOut(SUMMER, '17:50')],
      });
      expect(seg(d, 'morning').late).toEqual({
        kind: 'late',
        minutes: minutesLate,
        missingClockIn: false,
        needsExplanation: false,
        explanation: 'none',
        excused: { id: 'x1', reason: 'clock system down (INC-7)' },
        outcome: 'excused',
      });
      // The afternoon starts at 15:00, outside the window; the day ends at 18:00, outside too.
      expect(seg(d, 'afternoon').late).toMatchObject({ minutes: 7, excused: null, outcome: 'ordinary' });
      expect(seg(d, 'afternoon').early).toMatchObject({ minutes: 10, excused: null, outcome: 'ordinary' });
    }
  });

  it('LATE-7: an excuse narrows by employee, date, segment and kind', () => {
    const events = [clockIn(SUMMER, '08:10'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '17:50')];
    const outcome = (x: Omit<ExcuseInput, 'id' | 'reason'>) => {
      const d = day({ date: SUMMER, events, excuses: [{ id: 'x', reason: 'project', ...x }] });
      return [seg(d, 'morning').late?.outcome, seg(d, 'afternoon').early?.outcome];
    };
    expect(outcome({ date: SUMMER })).toEqual(['excused', 'excused']);
    expect(outcome({ date: SUMMER, kind: 'early' })).toEqual(['ordinary', 'excused']);
    expect(outcome({ date: SUMMER, segment: 'morning' })).toEqual(['excused', 'ordinary']);
    expect(outcome({ date: SUMMER, employeeId: 'a2' })).toEqual(['ordinary', 'ordinary']);
    expect(outcome({ date: '2026-07-02' })).toEqual(['ordinary', 'ordinary']);
  });

  it('LATE-7: a window excuses an early leave by the segment END and a late arrival by the segment START', () => {
    const evening: ExcuseInput = { id: 'x3', reason: 'network down from 17:00', window: { from: at(SUMMER, '17:00'), to: at(SUMMER, '18:30') } };
    const d = day({ date: SUMMER, excuses: [evening], events: [clockIn(SUMMER, '07:55'), clockIn(SUMMER, '15:04'), clockOut(SUMMER, '17:10')] });
    expect(seg(d, 'afternoon').early).toMatchObject({ minutes: 50, needsExplanation: false, outcome: 'excused', excused: { id: 'x3' } });
    expect(seg(d, 'afternoon').late).toMatchObject({ minutes: 4, outcome: 'ordinary', excused: null });
  });

  it('LATE-7: an excused event of 30+ minutes needs no explanation and is never absenteeism', () => {
    const d = day({ date: SUMMER, excuses: [outage], events: [clockIn(SUMMER, '09:30'), clockIn(SUMMER, '14:55'), clockOut(SUMMER, '18:00')] });
    expect(seg(d, 'morning').late).toMatchObject({ minutes: 90, needsExplanation: false, outcome: 'excused' });
  });

  it('LATE-7: an outage covering the whole day excuses the missing clock-ins: no absent day', () => {
    const allDay: ExcuseInput = { id: 'x2', reason: 'system outage', window: { from: at(SUMMER, '00:00'), to: at(SUMMER, '23:59') }, kind: 'late' };
    const d = day({ date: SUMMER, excuses: [allDay] });
    expect(d.absentDay).toBe(false);
    expect(d.segments.map((s) => s.late?.outcome)).toEqual(['excused', 'excused']);
    // Only the morning excused: the day is still absent.
    const morningOnly = day({ date: SUMMER, excuses: [{ ...allDay, segment: 'morning' }] });
    expect(morningOnly.absentDay).toBe(true);
    expect(morningOnly.segments.map((s) => s.late?.outcome)).toEqual(['excused', 'absent-day']);
  });

  it('LATE-7: an excuse with neither a date nor a window is refused', () => {
    expect(() => day({ date: SUMMER, excuses: [{ id: 'bad', reason: 'everything', employeeId: 'a1' }] })).toThrow(RangeError);
  });
});

describe('LATE-2 in a DST zone', () => {
  const NY = 'America/New_York';
  const DST = '2026-03-08'; // Sunday: clocks go from 02:00 EST to 03:00 EDT

  it('LATE-2: on the spring-forward date an 08:05 EDT clock-in is 5 minutes late and a 17:20 clock-out 10 minutes early', () => {
    const policy = policyFrom({ center: { timeZone: NY }, calendar: { swappedWorkdays: [{ date: DST, as: 'monday' }] } });
    const d = day({
      policy,
      date: DST,
      events: [
        { id: 'in', at: DateTime.fromISO('2026-03-08T12:05:00Z'), direction: 'in' },
        { id: 'in2', at: DateTime.fromISO('2026-03-08T18:25:00Z'), direction: 'in' },
        { id: 'out', at: DateTime.fromISO('2026-03-08T21:20:00Z'), direction: 'out' },
      ],
    });
    expect(d.segments.map((s) => [s.segment, utc(s.start), utc(s.end)])).toEqual([
      ['morning', '2026-03-08T12:00:00Z', '2026-03-08T16:00:00Z'],
      ['afternoon', '2026-03-08T18:30:00Z', '2026-03-08T21:30:00Z'],
    ]);
    expect(minutes(d)).toEqual({ morning: [5, 0], afternoon: [0, 10] });
    expect(seg(d, 'morning').clockIn?.at.toFormat('HH:mm ZZZZ')).toBe('08:05 EDT');
  });

  it('LATE-2: minutes across the jump are real minutes: a 01:00–05:00 segment lasts 180; in at 03:10 EDT is 70 late; out at 01:50 EST is 130 early', () => {
    const policy = policyFrom({
      center: { timeZone: NY },
      schedule: { profiles: { standard: { days: [{ segments: [{ name: 'night', start: '01:00', end: '05:00' }] }] } } },
    });
    const lateIn = day({ policy, date: DST, events: [{ id: 'in', at: at(DST, '03:10', NY), direction: 'in' }] });
    expect(seg(lateIn, 'night').lateMinutes).toBe(70);
    const earlyOut = day({
      policy,
      date: DST,
      events: [
        { id: 'in', at: at(DST, '00:55', NY), direction: 'in' },
        { id: 'out', at: DateTime.fromISO('2026-03-08T06:50:00Z'), direction: 'out' }, // 01:50 EST
      ],
    });
    expect(seg(earlyOut, 'night').earlyMinutes).toBe(130);
    expect(seg(day({ policy, date: DST }), 'night').late?.minutes).toBe(180);
    expect(seg(day({ policy, date: '2026-03-09' }), 'night').late?.minutes).toBe(240);
  });
});
