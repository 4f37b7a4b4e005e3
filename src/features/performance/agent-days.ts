/**
 * The days of ranked employees as the performance rules see them: each date's
 * schedule (TIME rules with the roster) and whether approved leave takes the
 * whole day. Shared by the ranking (PERF-2, PERF-3, PERF-8), the summary form
 * and the summary reminder (PERF-1).
 */
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { datesBetween } from '../../policy/leave/dates.ts';
import { daySchedule, type DaySchedule, type RosterEntry } from '../../policy/working-time.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';

export interface AgentDay {
  date: string;
  schedule: DaySchedule;
  /** Approved leave covers the whole day (a multi-day leave, or a one-day leave of part 'full'). */
  fullLeave: boolean;
  /** The day is before the employee's hire date. */
  beforeHire: boolean;
}

/**
 * Reading (PERF-2, PERF-3): a working day is a day the TIME rules schedule
 * (profile or roster; not a rest day, holiday or day off), on or after the hire
 * date, and not wholly on approved leave. A half day of leave leaves it a
 * working day.
 */
export const isPerfWorkingDay = (d: AgentDay): boolean => d.schedule.kind === 'working' && !d.fullLeave && !d.beforeHire;

export async function agentDays(
  tx: Tx,
  policy: Policy,
  employees: ReadonlyArray<{ id: string; role: string; hireDate: Date }>,
  from: string,
  to: string,
): Promise<Map<string, AgentDay[]>> {
  const out = new Map<string, AgentDay[]>();
  if (employees.length === 0 || from > to) {
    for (const e of employees) out.set(e.id, []);
    return out;
  }
  const ids = employees.map((e) => e.id);
  const [rosterRows, leaves] = await Promise.all([
    tx.rosterEntry.findMany({ where: { employeeId: { in: ids }, date: { gte: dateColumn(from), lte: dateColumn(to) } } }),
    tx.leaveRequest.findMany({ where: { employeeId: { in: ids }, status: 'approved', startDate: { lte: dateColumn(to) }, endDate: { gte: dateColumn(from) } } }),
  ]);
  const roster = new Map<string, RosterEntry>(rosterRows.map((r) => [`${r.employeeId}|${isoDateOf(r.date)}`, rosterEntryOf(r)]));
  const dates = datesBetween(from, to);
  const leavesOf = new Map<string, typeof leaves>();
  for (const l of leaves) leavesOf.set(l.employeeId, [...(leavesOf.get(l.employeeId) ?? []), l]);
  for (const e of employees) {
    const mine = (leavesOf.get(e.id) ?? [])
      .map((l) => ({ start: isoDateOf(l.startDate), end: isoDateOf(l.effectiveEndDate ?? l.endDate), full: isoDateOf(l.startDate) !== isoDateOf(l.endDate) || l.part === 'full' }));
    const hire = isoDateOf(e.hireDate);
    out.set(
      e.id,
      dates.map((date) => ({
        date,
        schedule: daySchedule({ employee: { id: e.id, role: e.role as RoleKey }, date, policy, roster: roster.get(`${e.id}|${date}`) }),
        fullLeave: mine.some((l) => l.full && l.start <= date && l.end >= date),
        beforeHire: date < hire,
      })),
    );
  }
  return out;
}
