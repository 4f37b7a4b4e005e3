/**
 * Working time (policy.md TIME): which days an employee works and the exact
 * instants of each segment, its clock-in window and its phases.
 *
 * Pure functions over the policy: no I/O, no clock, no environment. Dates are
 * local calendar dates "YYYY-MM-DD" in `center.timeZone`; every instant is a
 * luxon DateTime in that zone (so DST is handled by luxon: a wall-clock time in
 * a spring-forward gap is moved forward, as luxon does).
 */
import { DateTime } from 'luxon';
import {
  SEASONS,
  WEEKDAYS,
  inMonthDayRange,
  isRealDate,
  timeToMinutes,
  type Policy,
  type RoleKey,
  type Season,
  type SegmentTemplate,
  type Weekday,
} from './config/schema.ts';

export type { RoleKey, Season, Weekday } from './config/schema.ts';

/** What the roster (TIME-5) says for one employee and date. */
export type RosterValue = { kind: 'segments'; segments: string[] } | { kind: 'rest' };
export type RosterEntry = { employeeId: string; date: string } & RosterValue;

export type DayKind = 'working' | 'rest' | 'holiday' | 'off';

/** Why the day is what it is; `detail` says the same in English words. */
export type DayReason =
  | 'profile' // a working day of the employee's schedule profile (TIME-2, TIME-3)
  | 'swapped-workday' // a swapped working day (调休), worked as the weekday named in the policy (TIME-6)
  | 'roster' // the roster assigns the segments (TIME-5)
  | 'roster-rest' // the roster gives a rest day (TIME-4, TIME-5)
  | 'holiday' // a public holiday: not a working day for anyone, roster or not (TIME-6)
  | 'not-in-profile' // the profile has no schedule for this weekday and season (e.g. the weekend)
  | 'no-roster-entry'; // a working day whose segments come from the roster only, and there is none

export interface Phase {
  name: string;
  start: DateTime;
  end: DateTime;
}

export interface Segment {
  name: string;
  start: DateTime;
  end: DateTime;
  clockIn: { from: DateTime; to: DateTime };
  phases: Phase[];
}

export interface DaySchedule {
  employeeId: string;
  role: RoleKey;
  date: string;
  kind: DayKind;
  reason: DayReason;
  detail: string;
  season: Season;
  /** The calendar weekday of the date. */
  weekday: Weekday;
  /** The weekday whose schedule applies (differs on a swapped working day). */
  scheduledAs: Weekday;
  profile: string;
  holidayName?: string;
  /** In start order; empty unless kind is `working`. */
  segments: Segment[];
  /** Roster segment names the profile does not define for this season (for later code to flag). */
  unknownSegments: string[];
}

export interface ScheduleEmployee {
  id: string;
  role: RoleKey;
}

export interface DayScheduleInput {
  employee: ScheduleEmployee;
  /** Local date "YYYY-MM-DD" in the center's time zone. */
  date: string;
  policy: Policy;
  /** The roster entry of this employee for this date, if any. */
  roster?: RosterEntry;
}

function checkDate(date: string): void {
  if (!isRealDate(date)) throw new RangeError(`not a date "YYYY-MM-DD": ${date}`);
}

/** TIME-1: the season of a local date. */
export function seasonOf(date: string, policy: Policy): Season {
  checkDate(date);
  const md = date.slice(5);
  return SEASONS.find((s) => inMonthDayRange(md, policy.schedule.seasons[s])) ?? 'winter';
}

export function weekdayOf(date: string): Weekday {
  checkDate(date);
  return WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1]!;
}

/** The schedule profile of a role (TIME-2, TIME-3). */
export function profileOf(role: RoleKey, policy: Policy): string {
  return policy.schedule.roleProfiles[role] ?? policy.schedule.defaultProfile;
}

/** TIME-4: the rest days (公休) a role is allowed, per month or per week; 0 when the role has none. */
export function restDayAllowance(role: RoleKey, policy: Policy): { count: number; per: 'month' | 'week' } {
  const group = policy.leave.rest.allowance.find((g) => g.roles.includes(role));
  return group ? { count: group.count, per: group.per } : { count: 0, per: 'month' };
}

/** Every segment name that some profile defines: the names a roster may use. */
export function segmentNames(policy: Policy): string[] {
  const names = new Set<string>();
  for (const profile of Object.values(policy.schedule.profiles))
    for (const rule of profile.days) for (const s of rule.segments) names.add(s.name);
  return [...names];
}

/**
 * TIME-5: parses the roster CSV's value column: `rest`, or segment names joined
 * with `+` (`early`, `morning+afternoon`). Names must be defined in the policy.
 */
export function parseRosterValue(
  value: string,
  policy: Policy,
): { ok: true; value: RosterValue } | { ok: false; error: string } {
  const text = value.trim().toLowerCase();
  if (text === '') return { ok: false, error: 'empty: expected "rest" or segment names joined with "+"' };
  if (text === 'rest') return { ok: true, value: { kind: 'rest' } };
  const parts = text.split('+').map((p) => p.trim());
  const known = segmentNames(policy);
  const seen = new Set<string>();
  for (const part of parts) {
    if (part === '') return { ok: false, error: `"${value}": empty segment name between "+"` };
    if (part === 'rest') return { ok: false, error: `"${value}": "rest" cannot be combined with segments` };
    if (!known.includes(part))
      return { ok: false, error: `unknown segment "${part}" (the policy defines: ${known.join(', ')})` };
    if (seen.has(part)) return { ok: false, error: `"${value}": segment "${part}" is listed twice` };
    seen.add(part);
  }
  return { ok: true, value: { kind: 'segments', segments: parts } };
}

/**
 * Working day of the calendar and the profile, without a roster: not a holiday,
 * and the role's profile (the default profile when no role is given) schedules
 * the weekday (or the swapped weekday). Use `daySchedule` for one employee's day.
 */
export function isWorkingDay(date: string, policy: Policy, role?: RoleKey): boolean {
  const { holiday, rule } = resolveDay(date, policy, role ? profileOf(role, policy) : policy.schedule.defaultProfile);
  return !holiday && rule !== undefined;
}

/** Days without a roster entry, per policy object, profile and date: the same for every employee of the profile. */
const profileDays = new WeakMap<Policy, Map<string, DaySchedule>>();

/** One employee's day (TIME-1..TIME-6). Precedence: holiday, then roster, then profile. */
export function daySchedule(input: DayScheduleInput): DaySchedule {
  if (input.roster) return scheduleOf(input);
  const { employee, date, policy } = input;
  let byKey = profileDays.get(policy);
  if (!byKey) profileDays.set(policy, (byKey = new Map()));
  const key = `${profileOf(employee.role, policy)}|${date}`;
  let day = byKey.get(key);
  if (!day) {
    day = scheduleOf(input);
    Object.freeze(day.segments);
    Object.freeze(day.unknownSegments);
    if (byKey.size >= 4000) byKey.clear();
    byKey.set(key, day);
  }
  return { ...day, employeeId: employee.id, role: employee.role };
}

function scheduleOf({ employee, date, policy, roster }: DayScheduleInput): DaySchedule {
  if (roster && (roster.employeeId !== employee.id || roster.date !== date))
    throw new Error(`roster entry of ${roster.employeeId} on ${roster.date} given for ${employee.id} on ${date}`);
  const profile = profileOf(employee.role, policy);
  const day = resolveDay(date, policy, profile);
  const base = {
    employeeId: employee.id,
    role: employee.role,
    date,
    season: day.season,
    weekday: day.weekday,
    scheduledAs: day.scheduledAs,
    profile,
    segments: [] as Segment[],
    unknownSegments: [] as string[],
  };

  // TIME-6: a holiday is not a working day for anyone, even when rostered.
  if (day.holiday) {
    const name = day.holiday.name ? ` (${day.holiday.name})` : '';
    const ignored = roster ? `; the roster entry (${rosterText(roster)}) does not apply on a holiday` : '';
    return {
      ...base,
      kind: 'holiday',
      reason: 'holiday',
      detail: `public holiday${name}${ignored}`,
      ...(day.holiday.name ? { holidayName: day.holiday.name } : {}),
    };
  }

  // TIME-5: the roster overrides the profile for that date (also on an off day).
  if (roster?.kind === 'rest') return { ...base, kind: 'rest', reason: 'roster-rest', detail: 'rest day (roster)' };
  if (roster?.kind === 'segments') {
    const templates: SegmentTemplate[] = [];
    const unknownSegments: string[] = [];
    for (const name of roster.segments) {
      const template = findTemplate(policy, profile, day, name);
      if (template) templates.push(template);
      else unknownSegments.push(name);
    }
    const missing = unknownSegments.length
      ? `; not defined by profile ${profile} in ${day.season}: ${unknownSegments.join(', ')}`
      : '';
    return {
      ...base,
      kind: 'working',
      reason: 'roster',
      detail: `rostered: ${roster.segments.join('+')}${missing}`,
      segments: instantiate(templates, date, policy),
      unknownSegments,
    };
  }

  if (!day.rule)
    return {
      ...base,
      kind: 'off',
      reason: 'not-in-profile',
      detail: `profile ${profile} does not work on ${day.scheduledAs} in ${day.season}`,
    };
  // Rotating shifts with no roster entry: a working day without segments, to be flagged.
  if (day.rule.rosterOnly)
    return {
      ...base,
      kind: 'working',
      reason: 'no-roster-entry',
      detail: `profile ${profile} takes its shifts from the roster, and there is no roster entry`,
    };
  const swapped = day.scheduledAs !== day.weekday;
  return {
    ...base,
    kind: 'working',
    reason: swapped ? 'swapped-workday' : 'profile',
    detail: swapped ? `swapped working day, worked as a ${day.scheduledAs}` : `profile ${profile}`,
    segments: instantiate(day.rule.segments, date, policy),
  };
}

// ------------------------------------------------------------------ helpers

type Rule = Policy['schedule']['profiles'][string]['days'][number];

interface ResolvedDay {
  season: Season;
  weekday: Weekday;
  scheduledAs: Weekday;
  holiday: { date: string; name?: string | undefined } | undefined;
  rule: Rule | undefined;
}

/** Resolved days, per policy object and profile: the same few dates are resolved for every employee. */
const resolvedDays = new WeakMap<Policy, Map<string, ResolvedDay>>();

function resolveDay(date: string, policy: Policy, profile: string): ResolvedDay {
  let byKey = resolvedDays.get(policy);
  if (!byKey) resolvedDays.set(policy, (byKey = new Map()));
  const key = `${profile}|${date}`;
  const cached = byKey.get(key);
  if (cached) return cached;
  const day = resolveDayUncached(date, policy, profile);
  if (byKey.size >= 4000) byKey.clear();
  byKey.set(key, day);
  return day;
}

function resolveDayUncached(date: string, policy: Policy, profile: string): ResolvedDay {
  const season = seasonOf(date, policy);
  const weekday = weekdayOf(date);
  const swap = policy.calendar.swappedWorkdays.find((w) => w.date === date);
  const scheduledAs = swap?.as ?? weekday;
  const holiday = policy.calendar.holidays.find((h) => h.date === date);
  const rules = policy.schedule.profiles[profile]?.days ?? [];
  const rule = rules.find((r) => r.weekdays.includes(scheduledAs) && r.seasons.includes(season));
  return { season, weekday, scheduledAs, holiday, rule };
}

/** A rostered segment name: the day's own rule first, then the profile's other rules of the season, in order. */
function findTemplate(policy: Policy, profile: string, day: ResolvedDay, name: string): SegmentTemplate | undefined {
  const own = day.rule?.segments.find((s) => s.name === name);
  if (own) return own;
  for (const rule of policy.schedule.profiles[profile]?.days ?? []) {
    if (!rule.seasons.includes(day.season)) continue;
    const found = rule.segments.find((s) => s.name === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * A segment template's instance on a date, kept per template object (a policy's
 * objects live as long as the policy) and shared, frozen, by every employee
 * whose day uses it: a month of a large center asks for the same few hundred
 * instances hundreds of thousands of times, and each costs a dozen time-zone
 * conversions (the month-end bench, docs/performance-bench.md).
 */
const instances = new WeakMap<SegmentTemplate, Map<string, Segment>>();
/** Dates kept per template before its cache starts again (about ten years of days). */
const INSTANCES_PER_TEMPLATE = 4000;

function instanceOf(t: SegmentTemplate, date: string, zone: string): Segment {
  let byDate = instances.get(t);
  if (!byDate) instances.set(t, (byDate = new Map()));
  const key = `${date}|${zone}`;
  const cached = byDate.get(key);
  if (cached) return cached;
  const at = (time: string) => localInstant(date, time, zone);
  const segment: Segment = Object.freeze({
    name: t.name,
    start: at(t.start),
    end: at(t.end),
    clockIn: Object.freeze({ from: at(t.clockIn.from), to: at(t.clockIn.to) }),
    phases: Object.freeze(t.phases.map((p) => Object.freeze({ name: p.name, start: at(p.start), end: at(p.end) }))) as Phase[],
  });
  if (byDate.size >= INSTANCES_PER_TEMPLATE) byDate.clear();
  byDate.set(key, segment);
  return segment;
}

function instantiate(templates: readonly SegmentTemplate[], date: string, policy: Policy): Segment[] {
  return templates.map((t) => instanceOf(t, date, policy.center.timeZone)).sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

function localInstant(date: string, time: string, zone: string): DateTime {
  const [year, month, day] = date.split('-').map(Number);
  const minutes = timeToMinutes(time);
  return DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone });
}

function rosterText(roster: RosterEntry): string {
  return roster.kind === 'rest' ? 'rest' : roster.segments.join('+');
}
