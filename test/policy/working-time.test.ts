import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import {
  daySchedule,
  isWorkingDay,
  parseRosterValue,
  restDayAllowance,
  seasonOf,
  type RoleKey,
  type RosterEntry,
} from '../../src/policy/working-time.ts';
import { describeSegment, policyFrom, preset, utc } from './helpers.ts';

let basic: Policy;
let mobile: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
  mobile = await preset('mobile-outbound-center');
});

const day = (policy: Policy, role: RoleKey, date: string, roster?: RosterEntry) =>
  daySchedule({ employee: { id: 'E1', role }, date, policy, ...(roster ? { roster } : {}) });
const rostered = (date: string, ...segments: string[]): RosterEntry => ({ employeeId: 'E1', date, kind: 'segments', segments });
const rest = (date: string): RosterEntry => ({ employeeId: 'E1', date, kind: 'rest' });
/** Start and end of each segment in UTC, as "name start–end". */
const spans = (policy: Policy, role: RoleKey, date: string, roster?: RosterEntry) =>
  day(policy, role, date, roster).segments.map((s) => `${s.name} ${utc(s.start)}–${utc(s.end)}`);

describe('TIME-1 seasons', () => {
  it('TIME-1: May 1 is summer, Apr 30 is winter', () => {
    expect(seasonOf('2026-04-30', basic)).toBe('winter');
    expect(seasonOf('2026-05-01', basic)).toBe('summer');
  });

  it('TIME-1: Sep 30 is summer, Oct 1 is winter, and winter wraps the new year', () => {
    expect(seasonOf('2026-09-30', basic)).toBe('summer');
    expect(seasonOf('2026-10-01', basic)).toBe('winter');
    expect(seasonOf('2026-12-31', basic)).toBe('winter');
    expect(seasonOf('2027-01-01', basic)).toBe('winter');
    expect(seasonOf('2028-02-29', basic)).toBe('winter');
  });

  it('TIME-1: custom season ranges move the boundaries and the day schedule with them', () => {
    const policy = policyFrom({
      schedule: { seasons: { summer: { from: '06-01', to: '08-31' }, winter: { from: '09-01', to: '05-31' } } },
    });
    expect(seasonOf('2026-05-31', policy)).toBe('winter');
    expect(seasonOf('2026-06-01', policy)).toBe('summer');
    expect(seasonOf('2026-08-31', policy)).toBe('summer');
    expect(seasonOf('2026-09-01', policy)).toBe('winter');
    // Monday 2026-05-04 is summer by default (afternoon 15:00) but winter here (afternoon 14:30).
    expect(spans(basic, 'outbound_agent', '2026-05-04')[1]).toBe('afternoon 2026-05-04T07:00:00Z–2026-05-04T10:00:00Z');
    expect(spans(policy, 'outbound_agent', '2026-05-04')[1]).toBe('afternoon 2026-05-04T06:30:00Z–2026-05-04T09:30:00Z');
  });

  it('TIME-1: a date that is not a real date is refused', () => {
    expect(() => seasonOf('2026-02-30', basic)).toThrow(RangeError);
    expect(() => day(basic, 'outbound_agent', '2026-13-01')).toThrow(RangeError);
  });
});

describe('TIME-2 outbound-basic', () => {
  it('TIME-2: a summer weekday has the morning and afternoon segments with windows and phases (Asia/Shanghai = UTC+8)', () => {
    const d = day(basic, 'outbound_agent', '2026-07-01'); // Wednesday
    expect(d).toMatchObject({ kind: 'working', reason: 'profile', season: 'summer', weekday: 'wednesday', profile: 'standard' });
    expect(d.segments.map(describeSegment)).toEqual([
      {
        name: 'morning',
        start: '2026-07-01T00:00:00Z',
        end: '2026-07-01T04:00:00Z',
        clockIn: ['2026-06-30T23:50:00Z', '2026-07-01T00:00:00Z'],
        phases: [
          'prep 2026-07-01T00:00:00Z 2026-07-01T00:15:00Z',
          'meeting 2026-07-01T00:15:00Z 2026-07-01T00:30:00Z',
          'calls 2026-07-01T00:30:00Z 2026-07-01T04:00:00Z',
        ],
      },
      {
        name: 'afternoon',
        start: '2026-07-01T07:00:00Z',
        end: '2026-07-01T10:00:00Z',
        clockIn: ['2026-07-01T06:50:00Z', '2026-07-01T07:00:00Z'],
        phases: ['prep 2026-07-01T07:00:00Z 2026-07-01T07:10:00Z', 'calls 2026-07-01T07:10:00Z 2026-07-01T10:00:00Z'],
      },
    ]);
    // Instants carry the center's zone, so local wall-clock times read as in the policy.
    expect(d.segments[0]!.start.zoneName).toBe('Asia/Shanghai');
    expect(d.segments[1]!.clockIn.from.toFormat('HH:mm')).toBe('14:50');
  });

  it('TIME-2: a winter weekday has a 10-minute prep, a 20-minute meeting and a 14:30 afternoon', () => {
    const d = day(basic, 'complaint_handler', '2026-01-07'); // Wednesday; all staff share the profile
    expect(d).toMatchObject({ kind: 'working', season: 'winter' });
    expect(d.segments.map(describeSegment)).toEqual([
      {
        name: 'morning',
        start: '2026-01-07T00:00:00Z',
        end: '2026-01-07T04:00:00Z',
        clockIn: ['2026-01-06T23:50:00Z', '2026-01-07T00:00:00Z'],
        phases: [
          'prep 2026-01-07T00:00:00Z 2026-01-07T00:10:00Z',
          'meeting 2026-01-07T00:10:00Z 2026-01-07T00:30:00Z',
          'calls 2026-01-07T00:30:00Z 2026-01-07T04:00:00Z',
        ],
      },
      {
        name: 'afternoon',
        start: '2026-01-07T06:30:00Z',
        end: '2026-01-07T09:30:00Z',
        clockIn: ['2026-01-07T06:20:00Z', '2026-01-07T06:30:00Z'],
        phases: ['prep 2026-01-07T06:30:00Z 2026-01-07T06:40:00Z', 'calls 2026-01-07T06:40:00Z 2026-01-07T09:30:00Z'],
      },
    ]);
  });

  it('TIME-2: Saturday and Sunday are off for everyone', () => {
    for (const date of ['2026-07-04', '2026-07-05', '2026-01-10']) {
      const d = day(basic, 'team_leader', date);
      expect(d).toMatchObject({ kind: 'off', reason: 'not-in-profile', segments: [] });
      expect(isWorkingDay(date, basic)).toBe(false);
    }
    expect(isWorkingDay('2026-07-03', basic)).toBe(true); // Friday
  });
});

describe('TIME-3 mobile-outbound-center', () => {
  const morning = (date: string) => describeSegment(day(mobile, 'outbound_agent', date).segments[0]!);

  it('TIME-3: agents meet at 08:00 on Monday and Tuesday; summer calls 09:00–12:00 and 15:00–18:00', () => {
    for (const date of ['2026-07-06', '2026-07-07']) {
      const d = day(mobile, 'outbound_agent', date);
      expect(d).toMatchObject({ kind: 'working', reason: 'profile', profile: 'agent', season: 'summer' });
      expect(d.segments.map(describeSegment)).toEqual([
        {
          name: 'morning',
          start: `${date}T00:00:00Z`,
          end: `${date}T04:00:00Z`,
          clockIn: [expect.stringMatching(/T23:50:00Z$/), `${date}T00:00:00Z`],
          phases: [`meeting ${date}T00:00:00Z ${date}T01:00:00Z`, `calls ${date}T01:00:00Z ${date}T04:00:00Z`],
        },
        {
          name: 'afternoon',
          start: `${date}T07:00:00Z`,
          end: `${date}T10:00:00Z`,
          clockIn: [`${date}T06:50:00Z`, `${date}T07:00:00Z`],
          phases: [`calls ${date}T07:00:00Z ${date}T10:00:00Z`],
        },
      ]);
    }
  });

  it('TIME-3: agents meet at 08:30 Wednesday to Friday (summer)', () => {
    for (const date of ['2026-07-08', '2026-07-09', '2026-07-10']) {
      expect(morning(date)).toEqual({
        name: 'morning',
        start: `${date}T00:30:00Z`,
        end: `${date}T04:00:00Z`,
        clockIn: [`${date}T00:20:00Z`, `${date}T00:30:00Z`],
        phases: [`meeting ${date}T00:30:00Z ${date}T01:00:00Z`, `calls ${date}T01:00:00Z ${date}T04:00:00Z`],
      });
    }
  });

  it('TIME-3: agents meet at 09:00 on Saturday and Sunday, and in summer calls follow the meeting at 09:30', () => {
    for (const date of ['2026-07-11', '2026-07-12']) {
      const d = day(mobile, 'outbound_agent', date);
      expect(d.kind).toBe('working');
      expect(describeSegment(d.segments[0]!)).toEqual({
        name: 'morning',
        start: `${date}T01:00:00Z`,
        end: `${date}T04:00:00Z`,
        clockIn: [`${date}T00:50:00Z`, `${date}T01:00:00Z`],
        phases: [`meeting ${date}T01:00:00Z ${date}T01:30:00Z`, `calls ${date}T01:30:00Z ${date}T04:00:00Z`],
      });
      expect(spans(mobile, 'outbound_agent', date)[1]).toBe(`afternoon ${date}T07:00:00Z–${date}T10:00:00Z`);
    }
  });

  it('TIME-3: agents in winter call 09:30–12:00 and 14:30–17:30, after the meeting of the weekday', () => {
    // Monday: meeting 08:00–09:00 (at most 60 minutes), prep until calls at 09:30.
    const monday = day(mobile, 'outbound_agent', '2026-01-05');
    expect(monday.season).toBe('winter');
    expect(monday.segments.map(describeSegment)).toEqual([
      {
        name: 'morning',
        start: '2026-01-05T00:00:00Z',
        end: '2026-01-05T04:00:00Z',
        clockIn: ['2026-01-04T23:50:00Z', '2026-01-05T00:00:00Z'],
        phases: [
          'meeting 2026-01-05T00:00:00Z 2026-01-05T01:00:00Z',
          'prep 2026-01-05T01:00:00Z 2026-01-05T01:30:00Z',
          'calls 2026-01-05T01:30:00Z 2026-01-05T04:00:00Z',
        ],
      },
      {
        name: 'afternoon',
        start: '2026-01-05T06:30:00Z',
        end: '2026-01-05T09:30:00Z',
        clockIn: ['2026-01-05T06:20:00Z', '2026-01-05T06:30:00Z'],
        phases: ['calls 2026-01-05T06:30:00Z 2026-01-05T09:30:00Z'],
      },
    ]);
    expect(morning('2026-01-07').phases).toEqual([
      'meeting 2026-01-07T00:30:00Z 2026-01-07T01:30:00Z',
      'calls 2026-01-07T01:30:00Z 2026-01-07T04:00:00Z',
    ]);
    expect(morning('2026-01-10').phases).toEqual([
      'meeting 2026-01-10T01:00:00Z 2026-01-10T01:30:00Z',
      'calls 2026-01-10T01:30:00Z 2026-01-10T04:00:00Z',
    ]);
  });

  it('TIME-3: complaint handlers work the early or the late shift that the roster gives', () => {
    expect(day(mobile, 'complaint_handler', '2026-07-08', rostered('2026-07-08', 'early')).segments.map(describeSegment)).toEqual([
      {
        name: 'early',
        start: '2026-07-08T00:00:00Z',
        end: '2026-07-08T06:30:00Z',
        clockIn: ['2026-07-07T23:50:00Z', '2026-07-08T00:00:00Z'],
        phases: [],
      },
    ]);
    expect(spans(mobile, 'complaint_handler', '2026-01-10', rostered('2026-01-10', 'late'))).toEqual([
      'late 2026-01-10T06:30:00Z–2026-01-10T12:00:00Z',
    ]);
  });

  it('TIME-3: a complaint handler without a roster entry is on a working day with no segments, to be flagged', () => {
    const d = day(mobile, 'complaint_handler', '2026-07-08');
    expect(d).toMatchObject({ kind: 'working', reason: 'no-roster-entry', segments: [], profile: 'complaint' });
    expect(d.detail).toContain('no roster entry');
  });

  it('TIME-3: managers work 08:00–12:00 and 14:30–17:30 all year, weekends included', () => {
    for (const role of ['outbound_manager', 'complaint_manager'] as const) {
      expect(spans(mobile, role, '2026-07-11')).toEqual([
        'morning 2026-07-11T00:00:00Z–2026-07-11T04:00:00Z',
        'afternoon 2026-07-11T06:30:00Z–2026-07-11T09:30:00Z',
      ]);
      expect(spans(mobile, role, '2026-01-07')).toEqual([
        'morning 2026-01-07T00:00:00Z–2026-01-07T04:00:00Z',
        'afternoon 2026-01-07T06:30:00Z–2026-01-07T09:30:00Z',
      ]);
    }
  });

  it('TIME-3: other roles follow the office profile, Monday to Friday', () => {
    expect(day(mobile, 'team_leader', '2026-07-11')).toMatchObject({ kind: 'off', profile: 'office' });
    expect(spans(mobile, 'team_leader', '2026-07-10')).toEqual([
      'morning 2026-07-10T00:00:00Z–2026-07-10T04:00:00Z',
      'afternoon 2026-07-10T06:30:00Z–2026-07-10T09:30:00Z',
    ]);
    expect(isWorkingDay('2026-07-11', mobile)).toBe(false);
    expect(isWorkingDay('2026-07-11', mobile, 'outbound_agent')).toBe(true);
  });
});

describe('TIME-4 rest days', () => {
  it('TIME-4: agents and complaint handlers have 3 rest days a month, managers 1 a week, others none', () => {
    for (const policy of [basic, mobile]) {
      expect(restDayAllowance('outbound_agent', policy)).toEqual({ count: 3, per: 'month' });
      expect(restDayAllowance('complaint_handler', policy)).toEqual({ count: 3, per: 'month' });
      expect(restDayAllowance('outbound_manager', policy)).toEqual({ count: 1, per: 'week' });
      expect(restDayAllowance('complaint_manager', policy)).toEqual({ count: 1, per: 'week' });
      expect(restDayAllowance('team_leader', policy)).toEqual({ count: 0, per: 'month' });
    }
  });

  it('TIME-4: the allowance is configurable per role group', () => {
    const policy = policyFrom({ leave: { rest: { allowance: [{ roles: ['team_leader'], count: 2, per: 'week' }] } } });
    expect(restDayAllowance('team_leader', policy)).toEqual({ count: 2, per: 'week' });
    expect(restDayAllowance('outbound_agent', policy)).toEqual({ count: 0, per: 'month' });
  });

  it('TIME-4: a rest day on the roster makes the day a rest day without segments', () => {
    expect(day(mobile, 'outbound_agent', '2026-07-08', rest('2026-07-08'))).toMatchObject({
      kind: 'rest',
      reason: 'roster-rest',
      segments: [],
    });
    expect(day(mobile, 'complaint_handler', '2026-07-08', rest('2026-07-08')).kind).toBe('rest');
  });
});

describe('TIME-5 roster', () => {
  it('TIME-5: the roster overrides the profile on a working day', () => {
    const d = day(basic, 'outbound_agent', '2026-07-01', rostered('2026-07-01', 'afternoon'));
    expect(d).toMatchObject({ kind: 'working', reason: 'roster', unknownSegments: [] });
    expect(spans(basic, 'outbound_agent', '2026-07-01', rostered('2026-07-01', 'afternoon'))).toEqual([
      'afternoon 2026-07-01T07:00:00Z–2026-07-01T10:00:00Z',
    ]);
  });

  it('TIME-5: a roster entry on an off weekend day makes it a working day with those segments, in start order', () => {
    const d = day(basic, 'outbound_agent', '2026-07-04', rostered('2026-07-04', 'afternoon', 'morning')); // Saturday
    expect(d).toMatchObject({ kind: 'working', reason: 'roster', weekday: 'saturday' });
    expect(d.segments.map(describeSegment)).toEqual([
      {
        name: 'morning',
        start: '2026-07-04T00:00:00Z',
        end: '2026-07-04T04:00:00Z',
        clockIn: ['2026-07-03T23:50:00Z', '2026-07-04T00:00:00Z'],
        phases: [
          'prep 2026-07-04T00:00:00Z 2026-07-04T00:15:00Z',
          'meeting 2026-07-04T00:15:00Z 2026-07-04T00:30:00Z',
          'calls 2026-07-04T00:30:00Z 2026-07-04T04:00:00Z',
        ],
      },
      {
        name: 'afternoon',
        start: '2026-07-04T07:00:00Z',
        end: '2026-07-04T10:00:00Z',
        clockIn: ['2026-07-04T06:50:00Z', '2026-07-04T07:00:00Z'],
        phases: ['prep 2026-07-04T07:00:00Z 2026-07-04T07:10:00Z', 'calls 2026-07-04T07:10:00Z 2026-07-04T10:00:00Z'],
      },
    ]);
  });

  it("TIME-5: a rostered name the employee's profile does not define is reported, not invented", () => {
    const d = day(mobile, 'outbound_agent', '2026-07-08', rostered('2026-07-08', 'morning', 'early'));
    expect(d.unknownSegments).toEqual(['early']);
    expect(d.segments.map((s) => s.name)).toEqual(['morning']);
    expect(d.detail).toContain('early');
  });

  it('TIME-5: a roster entry of another employee or date is a programming error', () => {
    expect(() => day(basic, 'outbound_agent', '2026-07-01', rostered('2026-07-02', 'morning'))).toThrow();
  });

  it('TIME-5: parseRosterValue reads rest and segment names joined with +', () => {
    expect(parseRosterValue('rest', mobile)).toEqual({ ok: true, value: { kind: 'rest' } });
    expect(parseRosterValue(' REST ', mobile)).toEqual({ ok: true, value: { kind: 'rest' } });
    expect(parseRosterValue('early', mobile)).toEqual({ ok: true, value: { kind: 'segments', segments: ['early'] } });
    expect(parseRosterValue('morning + afternoon', basic)).toEqual({
      ok: true,
      value: { kind: 'segments', segments: ['morning', 'afternoon'] },
    });
  });

  it('TIME-5: parseRosterValue refuses empty, unknown, repeated and mixed values with a message', () => {
    const error = (value: string, policy: Policy) => {
      const r = parseRosterValue(value, policy);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(error('', basic)).toMatch(/empty/);
    expect(error('early', basic)).toMatch(/unknown segment "early".*morning, afternoon/);
    expect(error('morning+morning', basic)).toMatch(/twice/);
    expect(error('rest+early', mobile)).toMatch(/rest/);
    expect(error('morning+', basic)).toMatch(/empty segment name/);
  });
});

describe('TIME-6 holidays and swapped working days', () => {
  const withCalendar = (policy: Policy): Policy => ({
    ...policy,
    calendar: {
      holidays: [{ date: '2026-10-01', name: '国庆节' }],
      swappedWorkdays: [{ date: '2026-10-10', as: 'friday' }],
    },
  });

  it('TIME-6: a holiday is not a working day, also for someone rostered to work', () => {
    const policy = withCalendar(basic);
    expect(day(policy, 'outbound_agent', '2026-10-01')).toMatchObject({
      kind: 'holiday',
      reason: 'holiday',
      holidayName: '国庆节',
      segments: [],
    });
    const rosteredDay = day(policy, 'outbound_agent', '2026-10-01', rostered('2026-10-01', 'morning'));
    expect(rosteredDay).toMatchObject({ kind: 'holiday', reason: 'holiday', segments: [] });
    expect(rosteredDay.detail).toMatch(/roster entry \(morning\) does not apply/);
    const mobileHoliday = withCalendar(mobile);
    expect(day(mobileHoliday, 'complaint_handler', '2026-10-01', rostered('2026-10-01', 'early')).kind).toBe('holiday');
    expect(day(mobileHoliday, 'outbound_agent', '2026-10-01', rest('2026-10-01')).kind).toBe('holiday');
    expect(isWorkingDay('2026-10-01', policy)).toBe(false);
    expect(isWorkingDay('2026-10-01', mobileHoliday, 'outbound_agent')).toBe(false);
  });

  it('TIME-6: a swapped Saturday is a working day with the schedule of the named weekday', () => {
    const policy = withCalendar(basic);
    const d = day(policy, 'outbound_agent', '2026-10-10');
    expect(d).toMatchObject({ kind: 'working', reason: 'swapped-workday', weekday: 'saturday', scheduledAs: 'friday', season: 'winter' });
    expect(d.segments.map((s) => `${s.name} ${utc(s.start)}–${utc(s.end)}`)).toEqual([
      'morning 2026-10-10T00:00:00Z–2026-10-10T04:00:00Z',
      'afternoon 2026-10-10T06:30:00Z–2026-10-10T09:30:00Z',
    ]);
    expect(isWorkingDay('2026-10-10', policy)).toBe(true);
    expect(isWorkingDay('2026-10-17', policy)).toBe(false); // an ordinary Saturday
    // Mobile agents work that Saturday with Friday's 08:30 meeting, not Saturday's 09:00.
    expect(spans(withCalendar(mobile), 'outbound_agent', '2026-10-10')[0]).toBe('morning 2026-10-10T00:30:00Z–2026-10-10T04:00:00Z');
  });

  it('TIME-6: a swapped working day without "as" is worked as a Monday', () => {
    const policy = policyFrom({ calendar: { swappedWorkdays: [{ date: '2026-10-11' }] } });
    expect(policy.calendar.swappedWorkdays[0]!.as).toBe('monday');
    const mobileSwap = { ...mobile, calendar: policy.calendar };
    expect(day(mobileSwap, 'outbound_agent', '2026-10-11')).toMatchObject({ weekday: 'sunday', scheduledAs: 'monday' });
    expect(spans(mobileSwap, 'outbound_agent', '2026-10-11')[0]).toBe('morning 2026-10-11T00:00:00Z–2026-10-11T04:00:00Z');
  });
});

describe('TIME in a DST zone', () => {
  it('TIME-2: a New York center keeps 08:00 local across spring-forward (13:00Z before, 12:00Z after)', () => {
    const ny = policyFrom({ center: { timeZone: 'America/New_York' } });
    expect(spans(ny, 'outbound_agent', '2026-03-06')).toEqual([
      'morning 2026-03-06T13:00:00Z–2026-03-06T17:00:00Z',
      'afternoon 2026-03-06T19:30:00Z–2026-03-06T22:30:00Z',
    ]);
    expect(spans(ny, 'outbound_agent', '2026-03-09')).toEqual([
      'morning 2026-03-09T12:00:00Z–2026-03-09T16:00:00Z',
      'afternoon 2026-03-09T18:30:00Z–2026-03-09T21:30:00Z',
    ]);
    // Rostered on the Sunday of the change itself: 08:00 is already daylight time.
    const sunday = day(ny, 'outbound_agent', '2026-03-08', rostered('2026-03-08', 'morning'));
    expect(describeSegment(sunday.segments[0]!)).toMatchObject({
      start: '2026-03-08T12:00:00Z',
      clockIn: ['2026-03-08T11:50:00Z', '2026-03-08T12:00:00Z'],
    });
    expect(sunday.segments[0]!.start.toFormat('HH:mm ZZZZ')).toBe('08:00 EDT');
  });

  it('TIME-2: a New York center keeps 08:00 local across fall-back (12:00Z before, 13:00Z after)', () => {
    const ny = policyFrom({ center: { timeZone: 'America/New_York' } });
    expect(spans(ny, 'outbound_agent', '2026-10-30')[0]).toBe('morning 2026-10-30T12:00:00Z–2026-10-30T16:00:00Z');
    expect(spans(ny, 'outbound_agent', '2026-11-02')[0]).toBe('morning 2026-11-02T13:00:00Z–2026-11-02T17:00:00Z');
  });

  it('TIME-2: a segment across the Berlin spring-forward is one hour shorter in real time', () => {
    const berlin = policyFrom({
      center: { timeZone: 'Europe/Berlin' },
      schedule: {
        profiles: {
          standard: {
            days: [
              { weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], segments: [{ name: 'day', start: '08:00', end: '17:00' }] },
              { weekdays: ['sunday'], segments: [{ name: 'night', start: '01:00', end: '04:00' }] },
            ],
          },
        },
      },
    });
    expect(spans(berlin, 'hr', '2026-03-27')).toEqual(['day 2026-03-27T07:00:00Z–2026-03-27T16:00:00Z']);
    expect(spans(berlin, 'hr', '2026-03-30')).toEqual(['day 2026-03-30T06:00:00Z–2026-03-30T15:00:00Z']);
    const night = day(berlin, 'hr', '2026-03-29').segments[0]!;
    expect([utc(night.start), utc(night.end)]).toEqual(['2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z']);
    expect(night.end.diff(night.start, 'hours').hours).toBe(2);
  });
});
