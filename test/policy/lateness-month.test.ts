import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dayLateness, type DayLateness } from '../../src/policy/lateness/day.ts';
import { monthLateness, type MonthLatenessInput } from '../../src/policy/lateness/month.ts';
import type { ClockEventInput, ExcuseInput, ExplanationInput, LeaveOnDay } from '../../src/policy/lateness/types.ts';
import { daySchedule } from '../../src/policy/working-time.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
let excess: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  excess = policyFrom({ lateness: { allowanceMode: 'excess' } });
});

// March 2026 is winter: morning 08:00–12:00, afternoon 14:30–17:30, Monday to Friday.
const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: 'Asia/Shanghai' });
const ev = (direction: 'in' | 'out', date: string, time: string): ClockEventInput => ({ id: `${date} ${direction} ${time}`, at: at(date, time), direction });

interface DayOpts {
  /** Morning clock-in (default 07:55); null: none. */
  morningIn?: string | null;
  afternoonIn?: string | null;
  /** Last clock-out (default 17:30); null: none. */
  out?: string | null;
  leave?: LeaveOnDay[];
  excuses?: ExcuseInput[];
  explanations?: ExplanationInput[];
  now?: DateTime;
  policy?: Policy;
}
function day(date: string, o: DayOpts = {}): DayLateness {
  const policy = o.policy ?? basic;
  const events: ClockEventInput[] = [];
  if (o.morningIn !== null) events.push(ev('in', date, o.morningIn ?? '07:55'));
  if (o.afternoonIn !== null) events.push(ev('in', date, o.afternoonIn ?? '14:25'));
  if (o.out !== null) events.push(ev('out', date, o.out ?? '17:30'));
  return dayLateness({
    schedule: daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date, policy }),
    events,
    leave: o.leave ?? [],
    excuses: o.excuses ?? [],
    explanations: o.explanations ?? [],
    policy,
    now: o.now ?? at(date, '23:59'),
  });
}
const month = (days: DayLateness[], more: Partial<MonthLatenessInput> = {}) =>
  monthLateness({ employeeId: 'a1', month: '2026-03', days, policy: basic, monthlyBaseFen: 120000, ...more });
/** The lines as "ruleId date amount". */
const lines = (m: ReturnType<typeof month>) => m.lines.map((l) => `${l.ruleId} ${l.date ?? 'month'} ${l.minutes ?? '-'}min ${l.amountFen}`);

describe('LATE-4 monthly allowance', () => {
  const ten = () => [day('2026-03-02', { morningIn: '08:03' }), day('2026-03-03', { afternoonIn: '14:37' })];
  const eleven = () => [...ten(), day('2026-03-04', { morningIn: '08:01' })];

  it('LATE-4: 10 late minutes in a month cost nothing (both modes); the line says so', () => {
    for (const policy of [basic, excess]) {
      const m = month(ten(), { policy });
      expect(m).toMatchObject({ lateMinutes: 10, allowanceMinutes: 10, overAllowance: false, totalFen: 0 });
      expect(m.lines).toEqual([{ ruleId: 'LATE-4', minutes: 10, amountFen: 0, note: '10 late min in 2026-03, within the 10-min allowance: nothing' }]);
    }
  });

  it('LATE-4: 11 late minutes cost 11 yuan in mode all (every minute counts once over)', () => {
    const m = month(eleven());
    expect(m).toMatchObject({ lateMinutes: 11, overAllowance: true, totalFen: 1100 });
    expect(m.lines).toEqual([
      { ruleId: 'LATE-4', minutes: 11, amountFen: 1100, note: '11 late min in 2026-03, over the 10-min allowance (mode all): 11 × 1.00' },
    ]);
    expect(m.late).toEqual([
      { date: '2026-03-02', segment: 'morning', kind: 'late', minutes: 3 },
      { date: '2026-03-03', segment: 'afternoon', kind: 'late', minutes: 7 },
      { date: '2026-03-04', segment: 'morning', kind: 'late', minutes: 1 },
    ]);
  });

  it('LATE-4: 11 late minutes cost 1 yuan in mode excess (only the minutes above 10)', () => {
    const m = month(eleven(), { policy: excess });
    expect(m.totalFen).toBe(100);
    expect(lines(m)).toEqual(['LATE-4 month 11min 100']);
  });

  it('LATE-4: no late minutes, no line', () => {
    expect(month([day('2026-03-02')])).toMatchObject({ lateMinutes: 0, lines: [], totalFen: 0, overAllowance: false });
  });
});

describe('LATE-3 early leave', () => {
  it('LATE-3: leaving 5 minutes early costs 2 yuan a minute: 1000 fen, one line for the event', () => {
    const m = month([day('2026-03-02', { out: '17:25' })]);
    expect(m.earlyMinutes).toBe(5);
    expect(m.lines).toEqual([
      { ruleId: 'LATE-3', date: '2026-03-02', segment: 'afternoon', minutes: 5, amountFen: 1000, note: 'left afternoon 5 min early: 5 × 2.00' },
    ]);
    expect(m.totalFen).toBe(1000);
  });

  it('LATE-3: early minutes do not count toward the late allowance', () => {
    const m = month([day('2026-03-02', { morningIn: '08:10', out: '17:25' })]);
    expect(m).toMatchObject({ lateMinutes: 10, earlyMinutes: 5, overAllowance: false, totalFen: 1000 });
  });
});

describe('LATE-5 absenteeism of 30 minutes or more', () => {
  const explained = (date: string, status: ExplanationInput['status'], kind: 'late' | 'early' = 'late', segment = 'morning') => [
    { date, segment, kind, status },
  ];

  it('LATE-5: 29 minutes late is ordinary lateness, charged by the minute', () => {
    const m = month([day('2026-03-02', { morningIn: '08:29' })]);
    expect(m).toMatchObject({ lateMinutes: 29, absenteeismDays: 0, totalFen: 2900, losesFullAttendance: false });
  });

  it('LATE-5: 30 minutes late without an explanation by the end of the day costs one day’s base (5517 fen), not the minutes', () => {
    const m = month([day('2026-03-02', { morningIn: '08:30' })]);
    expect(m).toMatchObject({ lateMinutes: 0, absenteeismDays: 1, absenteeismDates: ['2026-03-02'], totalFen: 5517, losesFullAttendance: true });
    expect(m.lines).toEqual([
      {
        ruleId: 'LATE-5',
        date: '2026-03-02',
        segment: 'morning',
        minutes: 30,
        amountFen: 5517,
        note: "absenteeism (late for morning 30 min; ≥ 30 min without an accepted explanation): one day's base pay, 1200.00 / 21.75",
      },
    ]);
  });

  it('LATE-5: rejected → absenteeism (5517 fen); accepted → ordinary 30 minutes (3000 fen)', () => {
    expect(month([day('2026-03-02', { morningIn: '08:30', explanations: explained('2026-03-02', 'rejected') })]).totalFen).toBe(5517);
    const accepted = month([day('2026-03-02', { morningIn: '08:30', explanations: explained('2026-03-02', 'accepted') })]);
    expect(accepted).toMatchObject({ lateMinutes: 30, absenteeismDays: 0, totalFen: 3000, losesFullAttendance: false });
  });

  it('LATE-5: a pending explanation costs nothing yet and is listed as pending', () => {
    const m = month([day('2026-03-02', { morningIn: '08:45', explanations: explained('2026-03-02', 'submitted') })]);
    expect(m).toMatchObject({ lateMinutes: 0, absenteeismDays: 0, totalFen: 0, lines: [] });
    expect(m.pending).toEqual([{ date: '2026-03-02', segment: 'morning', kind: 'late', minutes: 45 }]);
  });

  it('LATE-5: the day’s base follows the month’s base pay: 800 yuan → 3678 fen', () => {
    expect(month([day('2026-03-02', { morningIn: '08:30' })], { monthlyBaseFen: 80000 }).totalFen).toBe(3678);
  });

  it('LATE-5: late 30 and early 30 the same day is one day of absenteeism, listing both; other days still count by the minute', () => {
    const m = month([day('2026-03-02', { morningIn: '08:30', out: '17:00' }), day('2026-03-03', { out: '17:28' })]);
    expect(m.absenteeismDays).toBe(1);
    expect(lines(m)).toEqual(['LATE-5 2026-03-02 60min 5517', 'LATE-3 2026-03-03 2min 400']);
    expect(m.lines[0]!.note).toContain('late for morning 30 min; left early from afternoon 30 min');
    expect(m.totalFen).toBe(5917);
  });
});

describe('LATE-6 no clock-in', () => {
  it('LATE-6: a working day with no clock-in costs one day’s base: 1200 yuan base → 5517 fen; the bonus is lost', () => {
    const m = month([day('2026-03-02', { morningIn: null, afternoonIn: null, out: null })]);
    expect(m).toMatchObject({ absenteeismDays: 1, absentDays: ['2026-03-02'], lateMinutes: 0, totalFen: 5517, losesFullAttendance: true });
    expect(m.lines).toEqual([
      {
        ruleId: 'LATE-6',
        date: '2026-03-02',
        amountFen: 5517,
        note: "working day without a clock-in or approved leave: one day's base pay, 1200.00 / 21.75",
      },
    ]);
  });

  it('LATE-6: a day of leave and a weekend cost nothing; only the working day without a clock-in is absent', () => {
    const leave = day('2026-03-03', { morningIn: null, afternoonIn: null, out: null, leave: [{ part: 'full' }] });
    const saturday = day('2026-03-07', { morningIn: null, afternoonIn: null, out: null });
    const absent = day('2026-03-04', { morningIn: null, afternoonIn: null, out: null });
    const m = month([leave, saturday, absent]);
    expect(m.absentDays).toEqual(['2026-03-04']);
    expect(m.totalFen).toBe(5517);
  });

  it('LATE-2: a morning leave: the morning counts nothing, the afternoon’s 5 late minutes do', () => {
    const m = month([day('2026-03-02', { morningIn: null, afternoonIn: '14:35', leave: [{ part: 'morning' }] })]);
    expect(m).toMatchObject({ lateMinutes: 5, absenteeismDays: 0, totalFen: 0 });
    expect(m.late).toEqual([{ date: '2026-03-02', segment: 'afternoon', kind: 'late', minutes: 5 }]);
  });
});

describe('LATE-7 excused events', () => {
  it('LATE-7: excused events cost nothing, do not count toward the allowance, and are listed with the reason', () => {
    const outage: ExcuseInput = { id: 'inc-3', reason: 'CRM outage', window: { from: at('2026-03-02', '07:00'), to: at('2026-03-02', '09:00') } };
    const m = month([
      day('2026-03-02', { morningIn: '08:40', excuses: [outage] }),
      day('2026-03-03', { morningIn: '08:08', out: '17:20', excuses: [{ id: 'x2', reason: 'project meeting', date: '2026-03-03', kind: 'early' }] }),
    ]);
    expect(m.excused).toEqual([
      { date: '2026-03-02', segment: 'morning', kind: 'late', minutes: 40, excuseId: 'inc-3', reason: 'CRM outage' },
      { date: '2026-03-03', segment: 'afternoon', kind: 'early', minutes: 10, excuseId: 'x2', reason: 'project meeting' },
    ]);
    expect(m).toMatchObject({ lateMinutes: 8, earlyMinutes: 0, absenteeismDays: 0, totalFen: 0 });
  });
});

describe('LATE-1 unmatched events', () => {
  it('LATE-1: an event outside every window is counted nowhere', () => {
    const d = dayLateness({
      schedule: daySchedule({ employee: { id: 'a1', role: 'outbound_agent' }, date: '2026-03-02', policy: basic }),
      events: [ev('in', '2026-03-02', '07:55'), ev('in', '2026-03-02', '14:25'), ev('out', '2026-03-02', '17:30'), ev('in', '2026-03-02', '19:00')],
      leave: [],
      excuses: [],
      explanations: [],
      policy: basic,
      now: at('2026-03-02', '23:59'),
    });
    expect(d.unmatchedEvents.map((e) => e.reason)).toEqual(['outside']);
    expect(month([d])).toMatchObject({ lateMinutes: 0, earlyMinutes: 0, totalFen: 0, lines: [], excused: [], pending: [] });
  });
});

describe('LATE-8 month to date', () => {
  it('LATE-8: through a date, only the days up to it count against the allowance', () => {
    const days = [day('2026-03-02', { morningIn: '08:06' }), day('2026-03-03', { morningIn: '08:04' }), day('2026-03-04', { morningIn: '08:02' })];
    expect(month(days, { through: '2026-03-02' })).toMatchObject({ through: '2026-03-02', lateMinutes: 6, overAllowance: false });
    expect(month(days, { through: '2026-03-03' })).toMatchObject({ lateMinutes: 10, overAllowance: false, totalFen: 0 });
    expect(month(days)).toMatchObject({ through: null, lateMinutes: 12, overAllowance: true, totalFen: 1200 });
  });

  it('LATE-8: days of another month or employee, a date twice, or a bad through are refused', () => {
    const d = day('2026-03-02');
    expect(() => month([day('2026-04-01')])).toThrow(RangeError);
    expect(() => month([d, d])).toThrow(RangeError);
    expect(() => month([d], { employeeId: 'a2' })).toThrow(RangeError);
    expect(() => month([d], { through: '2026-04-01' })).toThrow(RangeError);
    expect(() => month([d], { month: '2026-3' })).toThrow(RangeError);
  });
});
