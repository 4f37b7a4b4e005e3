/**
 * Loads what the routine's pure rules (src/policy/routine) select from: a
 * team's members and their schedules of a date, the daily summaries, the
 * derived lateness (features/lateness), approved leave, open incidents, the
 * day's training, the leader's notes, the day's suggestions. Never stored.
 * Issue 11's other half is read from its tables: PERF-9 QA samples
 * (`qaScoresOf`) and MEET-1 ad-hoc meetings (`meetingsOn`).
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import type { DayPart } from '../../policy/leave/types.ts';
import type { EventFact, IncidentFact, LatenessFact, LeaveFact, MemberFact, NoteFact, SummaryFact } from '../../policy/routine/index.ts';
import { daySchedule, type DaySchedule } from '../../policy/working-time.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';
import { deriveDays } from '../lateness/lateness-inputs.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';

export interface TeamMember extends MemberFact {
  role: RoleKey;
  locale: string;
  managerId: string | null;
}

/** The active members of a team, by id. */
export async function teamMembers(tx: Tx, teamId: string): Promise<TeamMember[]> {
  const rows = await tx.employee.findMany({ where: { teamId, active: true }, orderBy: { id: 'asc' } });
  return rows.map((e) => ({ id: e.id, name: e.name, role: e.role as RoleKey, locale: e.locale, managerId: e.managerId }));
}

/** Each employee's schedule of a local date, the roster applied. */
export async function schedulesOn(tx: Tx, policy: Policy, people: ReadonlyArray<{ id: string; role: RoleKey }>, date: string): Promise<DaySchedule[]> {
  const roster = await tx.rosterEntry.findMany({ where: { employeeId: { in: people.map((p) => p.id) }, date: dateColumn(date) } });
  const rostered = new Map(roster.map((r) => [r.employeeId, rosterEntryOf(r)]));
  return people.map((p) => daySchedule({ employee: { id: p.id, role: p.role }, date, policy, roster: rostered.get(p.id) }));
}

export async function summariesOn(tx: Tx, ids: readonly string[], date: string): Promise<SummaryFact[]> {
  const rows = await tx.dailySummary.findMany({ where: { employeeId: { in: [...ids] }, date: dateColumn(date) }, orderBy: { employeeId: 'asc' } });
  return rows.map((r) => ({
    employeeId: r.employeeId,
    callsMade: r.callsMade,
    callsConnected: r.callsConnected,
    questionnairesCompleted: r.questionnairesCompleted,
    orders: r.orders,
    customerIssues: r.customerIssues,
  }));
}

/** A team's lateness of one date as the LATE rules derive it (as of `now`): minutes that count, absences. */
export async function latenessOn(tx: Tx, policy: Policy, teamId: string, date: string, now: DateTime): Promise<LatenessFact[]> {
  const people = await deriveDays(tx, policy, { from: date, to: date, now, teamId });
  return people.map(({ person, days }) => {
    const day = days[0]!;
    let minutes = 0;
    let absent = day.absentDay;
    for (const s of day.segments)
      for (const e of [s.late, s.early]) {
        if (!e || e.excused) continue;
        if (e.outcome === 'absenteeism' || e.outcome === 'absent-day') absent = true;
        else if (e.outcome === 'ordinary' || e.outcome === 'pending') minutes += e.minutes;
      }
    return { employeeId: person.id, minutes, absent };
  });
}

/** Approved leave covering a date (half days keep their part). */
export async function leaveOn(tx: Tx, ids: readonly string[], date: string): Promise<LeaveFact[]> {
  const day = dateColumn(date);
  const rows = await tx.leaveRequest.findMany({
    where: { employeeId: { in: [...ids] }, status: 'approved', startDate: { lte: day }, endDate: { gte: day } },
    orderBy: { id: 'asc' },
  });
  return rows
    .filter((l) => isoDateOf(l.effectiveEndDate ?? l.endDate) >= date)
    .map((l) => ({ employeeId: l.employeeId, type: l.type, part: (isoDateOf(l.startDate) === isoDateOf(l.endDate) ? l.part : 'full') as DayPart }));
}

/** Incidents not resolved (center-wide: an outage concerns every team). */
export async function openIncidents(tx: Tx, policy: Policy): Promise<IncidentFact[]> {
  const rows = await tx.incident.findMany({ where: { status: { not: 'resolved' } }, orderBy: { id: 'asc' } });
  return rows.map((i) => ({ id: i.id, type: i.type, status: i.status, occurredAt: DateTime.fromJSDate(i.occurredAt).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') }));
}

/** MEET-1 ad-hoc meetings (issue 11) of the date that a member of the team hosts or attends. */
export async function meetingsOn(tx: Tx, policy: Policy, teamId: string, date: string): Promise<EventFact[]> {
  const zone = policy.center.timeZone;
  const from = DateTime.fromISO(date, { zone }).startOf('day');
  const members = (await tx.employee.findMany({ where: { teamId }, select: { id: true } })).map((m) => m.id);
  const rows = await tx.meeting.findMany({
    where: {
      startsAt: { gte: from.toJSDate(), lt: from.plus({ days: 1 }).toJSDate() },
      OR: [{ hostId: { in: members } }, { attendees: { some: { employeeId: { in: members } } } }],
    },
    orderBy: { startsAt: 'asc' },
  });
  return rows.map((m) => ({ kind: 'meeting', time: DateTime.fromJSDate(m.startsAt).setZone(zone).toFormat('HH:mm'), title: m.topic }));
}

/** Today's training (TRAIN-1) and meetings. */
export async function eventsOn(tx: Tx, policy: Policy, teamId: string, date: string): Promise<EventFact[]> {
  const session = await tx.trainingSession.findUnique({ where: { date: dateColumn(date) } });
  const training: EventFact[] = session
    ? [{ kind: 'training', time: DateTime.fromJSDate(session.startsAt).setZone(policy.center.timeZone).toFormat('HH:mm'), title: session.topic ?? '' }]
    : [];
  return [...training, ...(await meetingsOn(tx, policy, teamId, date))];
}

export async function notesOn(tx: Tx, teamId: string, date: string): Promise<NoteFact[]> {
  const rows = await tx.briefNote.findMany({ where: { teamId, date: dateColumn(date) }, orderBy: { id: 'asc' } });
  const authors = await tx.employee.findMany({ where: { id: { in: rows.map((r) => r.authorId) } }, select: { id: true, name: true } });
  const name = new Map(authors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({ author: name.get(r.authorId) ?? r.authorId, text: r.text }));
}

export interface QaScoreFact {
  employeeId: string;
  name: string;
  score: number;
}

/** PERF-9 QA scores (issue 11) of the team's members for the date: each agent's average of the samples scored, one decimal. */
export async function qaScoresOf(tx: Tx, teamId: string, date: string): Promise<QaScoreFact[]> {
  const members = await tx.employee.findMany({ where: { teamId }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  const rows = await tx.qaSample.findMany({ where: { agentId: { in: members.map((m) => m.id) }, date: dateColumn(date), score: { not: null } } });
  return members.flatMap((m) => {
    const scores = rows.filter((r) => r.agentId === m.id).map((r) => r.score!);
    return scores.length ? [{ employeeId: m.id, name: m.name, score: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 }] : [];
  });
}

export interface SuggestionFact {
  id: number;
  title: string;
  submitter: string;
  status: string;
}

/** SUGG-1 suggestions the team's members submitted on the date. */
export async function suggestionsOn(tx: Tx, teamId: string, date: string): Promise<SuggestionFact[]> {
  const rows = await tx.suggestion.findMany({ where: { teamId, submittedOn: dateColumn(date) }, orderBy: { id: 'asc' } });
  return rows.map((s) => ({ id: s.id, title: s.title, submitter: s.submitterName, status: s.status }));
}
