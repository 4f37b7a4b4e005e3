/**
 * TRAIN-1 / TRAIN-3 facts that other features build on (PERF-4, PERF-5, the
 * month-end ranking) and that the attendance view shows. Derived from raw rows
 * (sessions, check-ins, the roster, approved leave, exam scores); never stored.
 *
 * Reading of "expected" (docs/training.md): the weekly study is held on every
 * `training.weekly.weekday` at `training.weekly.time` (center time) that is a
 * working day of the center. A session counts once its row exists (the
 * `training-reminder` job creates it when it posts the reminder; an organizer
 * setting the topic ahead creates it too) and its start is before `now`.
 * Expected at a session: active employees whose role is in
 * `training.attendeeRoles`, hired on or before its date, whose own day is a
 * working day (roster rest day, day off or holiday → excused), without approved
 * leave covering the session (any type, whole day or the half day holding its
 * start; approved meeting leave is the absence requested beforehand, LEAVE-4),
 * and not on a rostered shift (TIME-5) covering its start ("everyone not on
 * shift"). Missed = expected and no check-in.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import type { DayPart } from '../../policy/leave/types.ts';
import { expectation, isAttendeeRole, type TrainingExcuse } from '../../policy/training/attendance.ts';
import { daySchedule } from '../../policy/working-time.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';

export interface SessionRow {
  id: number;
  date: string;
  startsAt: DateTime;
  topic: string | null;
}

/** One person's standing at one session. */
export type RollEntry =
  | { employeeId: string; name: string; status: 'attended'; checkedInAt: DateTime; expected: boolean }
  | { employeeId: string; name: string; status: 'missed' }
  | { employeeId: string; name: string; status: 'excused'; excuse: TrainingExcuse };

export interface SessionRoll {
  session: SessionRow;
  /** Sorted by employee id. */
  entries: RollEntry[];
}

function sessionRow(s: { id: number; date: Date; startsAt: Date; topic: string | null }, zone: string): SessionRow {
  return { id: s.id, date: isoDateOf(s.date), startsAt: DateTime.fromJSDate(s.startsAt).setZone(zone), topic: s.topic };
}

/**
 * Who attended, who missed and who was excused (and why) at each session.
 * Employees who checked in without being expected are listed as attended.
 * `employeeIds` limits the people considered.
 */
export async function sessionRolls(
  tx: Tx,
  policy: Policy,
  sessions: ReadonlyArray<{ id: number; date: Date; startsAt: Date; topic: string | null }>,
  options: { employeeIds?: string[] } = {},
): Promise<SessionRoll[]> {
  if (sessions.length === 0) return [];
  const zone = policy.center.timeZone;
  const rows = sessions.map((s) => sessionRow(s, zone)).sort((a, b) => a.date.localeCompare(b.date));
  const dates = rows.map((r) => r.date);
  const from = dates[0]!;
  const to = dates[dates.length - 1]!;
  const only = options.employeeIds ? { id: { in: options.employeeIds } } : {};
  const attendance = await tx.trainingAttendance.findMany({
    where: { sessionId: { in: rows.map((r) => r.id) }, ...(options.employeeIds ? { employeeId: { in: options.employeeIds } } : {}) },
  });
  const employees = await tx.employee.findMany({
    where: {
      ...only,
      OR: [
        { active: true, role: { in: [...policy.training.attendeeRoles] } },
        { id: { in: [...new Set(attendance.map((a) => a.employeeId))] } },
      ],
    },
    orderBy: { id: 'asc' },
  });
  const ids = employees.map((e) => e.id);
  const [rosterRows, leaves] = await Promise.all([
    tx.rosterEntry.findMany({ where: { employeeId: { in: ids }, date: { in: dates.map(dateColumn) } } }),
    tx.leaveRequest.findMany({
      where: { employeeId: { in: ids }, status: 'approved', startDate: { lte: dateColumn(to) }, endDate: { gte: dateColumn(from) } },
    }),
  ]);
  const roster = new Map(rosterRows.map((r) => [`${r.employeeId}|${isoDateOf(r.date)}`, rosterEntryOf(r)]));
  const checkIns = new Map(attendance.map((a) => [`${a.sessionId}|${a.employeeId}`, a]));
  const leavesOf = new Map<string, typeof leaves>();
  for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);

  return rows.map((session) => {
    const entries: RollEntry[] = [];
    for (const e of employees) {
      const checkIn = checkIns.get(`${session.id}|${e.id}`);
      const attendee = e.active && isAttendeeRole(e.role, policy) && isoDateOf(e.hireDate) <= session.date;
      if (!attendee) {
        if (checkIn) entries.push({ employeeId: e.id, name: e.name, status: 'attended', checkedInAt: DateTime.fromJSDate(checkIn.checkedInAt).setZone(zone), expected: false });
        continue;
      }
      const schedule = daySchedule({ employee: { id: e.id, role: e.role as RoleKey }, date: session.date, policy, roster: roster.get(`${e.id}|${session.date}`) });
      const onLeave = (leavesOf.get(e.id) ?? [])
        .filter((l) => isoDateOf(l.startDate) <= session.date && isoDateOf(l.effectiveEndDate ?? l.endDate) >= session.date)
        .map((l) => ({ type: l.type, part: (isoDateOf(l.startDate) === isoDateOf(l.endDate) ? l.part : 'full') as DayPart }));
      const verdict = expectation({ schedule, start: session.startsAt, leaves: onLeave });
      if (checkIn) entries.push({ employeeId: e.id, name: e.name, status: 'attended', checkedInAt: DateTime.fromJSDate(checkIn.checkedInAt).setZone(zone), expected: verdict.expected });
      else if (verdict.expected) entries.push({ employeeId: e.id, name: e.name, status: 'missed' });
      else entries.push({ employeeId: e.id, name: e.name, status: 'excused', excuse: verdict.excuse });
    }
    return { session, entries };
  });
}

/** The sessions of a month (`YYYY-MM`) that have started before `now`, oldest first. */
export async function startedSessionsOf(tx: Tx, month: string, now: DateTime) {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  if (!first.isValid || !/^\d{4}-\d{2}$/.test(month)) throw new RangeError(`not a month "YYYY-MM": ${month}`);
  return tx.trainingSession.findMany({
    where: {
      date: { gte: dateColumn(`${month}-01`), lte: dateColumn(first.endOf('month').toISODate()!) },
      startsAt: { lt: now.toJSDate() },
    },
    orderBy: { date: 'asc' },
  });
}

/**
 * TRAIN-1 / PERF-5: for each employee expected at one or more of the month's
 * weekly studies, the session dates (YYYY-MM-DD) expected and those missed
 * without leave. Only sessions whose start is before `now`. Someone excused
 * (rest, leave, shift) is not expected at that session, whether they checked in or not.
 */
export async function trainingAbsences(
  tx: Tx,
  policy: Policy,
  month: string,
  now: DateTime,
): Promise<Map<string, { expected: string[]; unexcused: string[] }>> {
  const rolls = await sessionRolls(tx, policy, await startedSessionsOf(tx, month, now));
  const result = new Map<string, { expected: string[]; unexcused: string[] }>();
  for (const { session, entries } of rolls) {
    for (const entry of entries) {
      const expected = entry.status === 'missed' || (entry.status === 'attended' && entry.expected);
      if (!expected) continue;
      const facts = result.get(entry.employeeId) ?? { expected: [], unexcused: [] };
      facts.expected.push(session.date);
      if (entry.status === 'missed') facts.unexcused.push(session.date);
      result.set(entry.employeeId, facts);
    }
  }
  return result;
}

/** TRAIN-3 / PERF-4: the month's exam scores, by employee id. */
export async function examScoresOf(tx: Tx, month: string): Promise<Array<{ employeeId: string; score: number }>> {
  const rows = await tx.examScore.findMany({ where: { month }, orderBy: { employeeId: 'asc' } });
  return rows.map((r) => ({ employeeId: r.employeeId, score: r.score }));
}
