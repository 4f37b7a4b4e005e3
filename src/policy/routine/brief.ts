/**
 * MEET-1 pre-shift brief (班前会) and the post-shift report (班后总结): what
 * they show, selected from facts the feature loads. Pure: no I/O, no clock.
 *
 * - When: the brief at the team's first segment start of the day minus
 *   `routine.briefLeadMinutes` (within half an hour of it); the post-shift draft when the team's last
 *   segment ends (the same instant as the LATE-8 tally).
 * - Figures: the team's daily summaries (PERF-1) summed; the connect rate is
 *   connected / made in percent (one decimal; none without calls); PERF-2's
 *   target (`perf.dailyTarget` questionnaires per agent and working day) is
 *   shown against the agents who filed a summary, and those below it named.
 * - Who is out today: approved leave covering the date (a leave of type
 *   `rest` or a roster rest day counts as rest, any other type as leave).
 * - Coverage: per segment template of the day, the members working it and not
 *   on leave for it (a half-day leave takes the first or the last segment).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import { segmentsOnLeave } from '../lateness/day.ts';
import type { DayPart } from '../leave/types.ts';
import type { DaySchedule } from '../working-time.ts';

export interface SummaryFact {
  employeeId: string;
  callsMade: number;
  callsConnected: number;
  questionnairesCompleted: number;
  orders: number;
  customerIssues: number;
}

export interface TeamFigures {
  date: string;
  /** Agents with a summary that day. */
  agents: number;
  callsMade: number;
  callsConnected: number;
  /** Percent, one decimal; null without calls. */
  connectRate: number | null;
  questionnaires: number;
  orders: number;
  customerIssues: number;
  /** PERF-2: per agent and day. */
  targetPerAgent: number;
  /** targetPerAgent × agents. */
  target: number;
  /** Agents whose questionnaires were below the target, by name, in the order given. */
  belowTarget: Array<{ name: string; questionnaires: number }>;
}

/** PERF-1/PERF-2: a team's figures of one date from its members' summaries. */
export function teamFigures(date: string, summaries: readonly SummaryFact[], names: ReadonlyMap<string, string>, policy: Policy): TeamFigures {
  const sum = (pick: (s: SummaryFact) => number) => summaries.reduce((n, s) => n + pick(s), 0);
  const callsMade = sum((s) => s.callsMade);
  const callsConnected = sum((s) => s.callsConnected);
  const targetPerAgent = policy.perf.dailyTarget;
  return {
    date,
    agents: summaries.length,
    callsMade,
    callsConnected,
    connectRate: callsMade > 0 ? Math.round((callsConnected / callsMade) * 1000) / 10 : null,
    questionnaires: sum((s) => s.questionnairesCompleted),
    orders: sum((s) => s.orders),
    customerIssues: sum((s) => s.customerIssues),
    targetPerAgent,
    target: targetPerAgent * summaries.length,
    belowTarget: summaries
      .filter((s) => s.questionnairesCompleted < targetPerAgent)
      .map((s) => ({ name: names.get(s.employeeId) ?? s.employeeId, questionnaires: s.questionnairesCompleted })),
  };
}

export interface MemberFact {
  id: string;
  name: string;
}

/** One member's lateness of a day, as the LATE rules derived it. */
export interface LatenessFact {
  employeeId: string;
  /** Late plus early-leave minutes that count (ordinary or pending; excused left out). */
  minutes: number;
  absent: boolean;
}

export interface LeaveFact {
  employeeId: string;
  type: string;
  part: DayPart;
}

export interface IncidentFact {
  id: number;
  type: string;
  status: string;
  occurredAt: string;
}

export interface EventFact {
  /** training | meeting */
  kind: string;
  time: string;
  title: string;
}

export interface NoteFact {
  author: string;
  text: string;
}

export interface BriefInput {
  date: string;
  yesterday: string;
  members: readonly MemberFact[];
  /** Yesterday's summaries of the team's members. */
  summaries: readonly SummaryFact[];
  /** Yesterday's lateness per member (members without any may be left out). */
  lateness: readonly LatenessFact[];
  /** Each member's schedule of today (roster applied). */
  schedules: readonly DaySchedule[];
  /** Approved leave covering today. */
  leave: readonly LeaveFact[];
  incidents: readonly IncidentFact[];
  events: readonly EventFact[];
  notes: readonly NoteFact[];
  policy: Policy;
}

export interface CoverageLine {
  segment: string;
  /** "HH:mm–HH:mm", center time. */
  time: string;
  working: number;
  names: string[];
}

export interface BriefContent {
  date: string;
  yesterday: TeamFigures;
  late: Array<{ name: string; minutes: number }>;
  absent: string[];
  onLeave: Array<{ name: string; type: string; part: DayPart }>;
  resting: string[];
  coverage: CoverageLine[];
  incidents: IncidentFact[];
  events: EventFact[];
  notes: NoteFact[];
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** MEET-1: what today's brief of a team shows (see the module comment). */
export function selectBriefContent(input: BriefInput): BriefContent {
  const names = new Map(input.members.map((m) => [m.id, m.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const isMember = (id: string) => names.has(id);
  const leave = input.leave.filter((l) => isMember(l.employeeId));
  const restIds = new Set([
    ...leave.filter((l) => l.type === 'rest').map((l) => l.employeeId),
    ...input.schedules.filter((s) => s.kind === 'rest' && s.reason === 'roster-rest' && isMember(s.employeeId)).map((s) => s.employeeId),
  ]);
  const onLeave = leave
    .filter((l) => l.type !== 'rest')
    .map((l) => ({ name: nameOf(l.employeeId), type: l.type, part: l.part }))
    .sort(byName);

  const coverage = new Map<string, CoverageLine & { start: DateTime }>();
  for (const s of input.schedules) {
    if (s.kind !== 'working' || !isMember(s.employeeId)) continue;
    const mine = leave.filter((l) => l.employeeId === s.employeeId && l.type !== 'rest').map((l) => ({ part: l.part }));
    const away = restIds.has(s.employeeId) ? s.segments.map(() => true) : segmentsOnLeave(s.segments, mine);
    s.segments.forEach((seg, i) => {
      const time = `${seg.start.toFormat('HH:mm')}–${seg.end.toFormat('HH:mm')}`;
      const key = `${seg.name}|${time}`;
      const line = coverage.get(key) ?? { segment: seg.name, time, working: 0, names: [], start: seg.start };
      if (!away[i]) {
        line.working += 1;
        line.names.push(nameOf(s.employeeId));
      }
      coverage.set(key, line);
    });
  }

  const summaries = input.summaries.filter((s) => isMember(s.employeeId));
  const lateness = input.lateness.filter((l) => isMember(l.employeeId));
  return {
    date: input.date,
    yesterday: teamFigures(input.yesterday, summaries, names, input.policy),
    late: lateness.filter((l) => l.minutes > 0).map((l) => ({ name: nameOf(l.employeeId), minutes: l.minutes })).sort(byName),
    absent: lateness.filter((l) => l.absent).map((l) => nameOf(l.employeeId)).sort(),
    onLeave,
    resting: [...restIds].map(nameOf).sort(),
    coverage: [...coverage.values()]
      .sort((a, b) => a.start.toMillis() - b.start.toMillis() || (a.segment < b.segment ? -1 : 1))
      .map(({ start: _start, ...line }) => ({ ...line, names: [...line.names].sort() })),
    incidents: [...input.incidents].sort((a, b) => a.id - b.id),
    events: [...input.events].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)),
    notes: [...input.notes],
  };
}

/** The first segment start of the team's day (members working that day), or null when nobody works. */
export function firstSegmentStart(schedules: readonly Pick<DaySchedule, 'kind' | 'segments'>[]): DateTime | null {
  let first: DateTime | null = null;
  for (const s of schedules) {
    if (s.kind !== 'working') continue;
    for (const seg of s.segments) if (first === null || seg.start < first) first = seg.start;
  }
  return first;
}

/** The last segment end of the team's day, or null when nobody works. */
export function lastSegmentEnd(schedules: readonly Pick<DaySchedule, 'kind' | 'segments'>[]): DateTime | null {
  let last: DateTime | null = null;
  for (const s of schedules) {
    if (s.kind !== 'working') continue;
    for (const seg of s.segments) if (last === null || seg.end > last) last = seg.end;
  }
  return last;
}

/** How long after its time a brief is still posted (a missed slot, a restart): half an hour. */
export const BRIEF_WINDOW_MINUTES = 30;

/**
 * MEET-1: whether the brief is due at `at`: from the first segment start minus
 * `routine.briefLeadMinutes`, for BRIEF_WINDOW_MINUTES (so a job every five
 * minutes always has a slot in it; a brief missed by more is not posted late).
 */
export function briefDue(schedules: readonly Pick<DaySchedule, 'kind' | 'segments'>[], at: DateTime, policy: Policy): { due: boolean; postAt: DateTime | null } {
  const first = firstSegmentStart(schedules);
  if (!first) return { due: false, postAt: null };
  const postAt = first.minus({ minutes: policy.routine.briefLeadMinutes });
  return { due: at >= postAt && at < postAt.plus({ minutes: BRIEF_WINDOW_MINUTES }), postAt };
}

/** Post-shift report: due once the team's last segment has ended (the same local date). */
export function reportDue(schedules: readonly Pick<DaySchedule, 'kind' | 'segments'>[], at: DateTime): boolean {
  const last = lastSegmentEnd(schedules);
  return last !== null && at >= last;
}
