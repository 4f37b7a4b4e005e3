/**
 * Loads what the pure lateness rules (src/policy/lateness) need for a set of
 * employees and local dates, and derives their days: clock events (voided ones
 * left out), the working-time engine with the roster, approved leave, excuses
 * and explanations. Derived facts are never stored; they are recomputed here.
 */
import { DateTime } from 'luxon';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { dayLateness, monthLateness, type DayLateness, type MonthLateness } from '../../policy/lateness/index.ts';
import type { ExcuseInput, ExplanationInput, LeaveOnDay } from '../../policy/lateness/types.ts';
import { cachedZone } from '../../policy/lateness/zone.ts';
import { datesBetween } from '../../policy/leave/dates.ts';
import type { DayPart } from '../../policy/leave/types.ts';
import { daySchedule, type RosterEntry } from '../../policy/working-time.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';

export interface LatenessPerson {
  id: string;
  name: string;
  role: RoleKey;
  teamId: string;
  locale: string;
  basePayFen: number | null;
  slackId: string | null;
}

export interface PersonDays {
  person: LatenessPerson;
  days: DayLateness[];
}


/** Derives each active employee's days from `from` to `to` (local dates, inclusive). */
export async function deriveDays(
  tx: Tx,
  policy: Policy,
  args: { from: string; to: string; now: DateTime; employeeIds?: string[]; teamId?: string },
): Promise<PersonDays[]> {
  const zone = policy.center.timeZone;
  const employees = await tx.employee.findMany({
    where: { active: true, ...(args.employeeIds ? { id: { in: args.employeeIds } } : {}), ...(args.teamId ? { teamId: args.teamId } : {}) },
    include: { chatIdentities: { where: { platform: 'slack' } } },
    orderBy: { id: 'asc' },
  });
  const ids = employees.map((e) => e.id);
  if (ids.length === 0) return [];
  const fromInstant = DateTime.fromISO(args.from, { zone }).startOf('day').toJSDate();
  const toInstant = DateTime.fromISO(args.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  const [rosterRows, events, leaves, excuses, explanations] = await Promise.all([
    tx.rosterEntry.findMany({ where: { employeeId: { in: ids }, date: { gte: dateColumn(args.from), lte: dateColumn(args.to) } } }),
    effectiveEventRows(tx, ids, fromInstant, toInstant),
    tx.leaveRequest.findMany({ where: { employeeId: { in: ids }, status: 'approved', startDate: { lte: dateColumn(args.to) }, endDate: { gte: dateColumn(args.from) } } }),
    tx.latenessExcuse.findMany({
      where: {
        OR: [
          { date: { gte: dateColumn(args.from), lte: dateColumn(args.to) } },
          { windowFrom: { lt: toInstant }, windowTo: { gte: fromInstant } },
        ],
      },
      orderBy: { id: 'asc' },
    }),
    tx.latenessExplanation.findMany({ where: { employeeId: { in: ids }, date: { gte: dateColumn(args.from), lte: dateColumn(args.to) } } }),
  ]);
  const roster = new Map<string, RosterEntry>(rosterRows.map((r) => [`${r.employeeId}|${isoDateOf(r.date)}`, rosterEntryOf(r)]));
  const excuseInputs: ExcuseInput[] = excuses.map((x) => ({
    id: String(x.id),
    reason: x.reason,
    employeeId: x.employeeId ?? undefined,
    date: x.date ? isoDateOf(x.date) : undefined,
    segment: x.segment ?? undefined,
    kind: (x.kind as ExcuseInput['kind']) ?? undefined,
    window: x.windowFrom && x.windowTo ? { from: DateTime.fromJSDate(x.windowFrom), to: DateTime.fromJSDate(x.windowTo) } : undefined,
  }));
  const dates = datesBetween(args.from, args.to);
  // Grouped once (not filtered per employee and day): a month of a large center is hundreds of thousands of events.
  const eventsByDay = new Map<string, Array<{ id: string; at: DateTime; direction: 'in' | 'out' }>>();
  const eventZone = cachedZone(zone); // one offset look-up per quarter hour, not per event
  for (const ev of events) {
    const instant = DateTime.fromMillis(ev.ms, { zone: eventZone });
    const key = `${ev.employeeId}|${instant.toISODate()}`;
    const list = eventsByDay.get(key) ?? [];
    list.push({ id: ev.id, at: instant, direction: ev.direction as 'in' | 'out' });
    eventsByDay.set(key, list);
  }
  const leavesOf = groupBy(leaves, (l) => l.employeeId);
  const explanationsOf = groupBy(explanations, (x) => x.employeeId);
  return employees.map((e) => {
    const person: LatenessPerson = {
      id: e.id,
      name: e.name,
      role: e.role as RoleKey,
      teamId: e.teamId,
      locale: e.locale,
      basePayFen: e.basePayFen,
      slackId: e.chatIdentities[0]?.externalId ?? null,
    };
    const myLeaves = leavesOf.get(e.id) ?? [];
    const myExplanations: ExplanationInput[] = (explanationsOf.get(e.id) ?? []).map((x) => ({
      date: isoDateOf(x.date),
      segment: x.segment,
      kind: x.kind as ExplanationInput['kind'],
      status: x.status as ExplanationInput['status'],
      submittedAt: x.submittedAt ? DateTime.fromJSDate(x.submittedAt) : undefined,
    }));
    const days = dates.map((date) => {
      const schedule = daySchedule({ employee: { id: e.id, role: person.role }, date, policy, roster: roster.get(`${e.id}|${date}`) });
      const leave: LeaveOnDay[] = myLeaves
        .filter((l) => isoDateOf(l.startDate) <= date && isoDateOf(l.effectiveEndDate ?? l.endDate) >= date)
        .map((l) => ({ part: (isoDateOf(l.startDate) === isoDateOf(l.endDate) ? l.part : 'full') as DayPart }));
      return dayLateness({
        schedule,
        events: eventsByDay.get(`${e.id}|${date}`) ?? [],
        leave,
        excuses: excuseInputs,
        explanations: myExplanations,
        policy,
        now: args.now,
      });
    });
    return { person, days };
  });
}

/**
 * The employees' clock events of [from, to) without those a correction voided
 * (the same rows as `clockRepository.effectiveEvents`, in the same order: at,
 * then id), read with one raw query as plain rows (id as text, the instant as
 * epoch ms): a month of 10,000 staff is 634,000 events, and mapping each to a
 * Prisma object with a bigint and a Date was most of the derivation's garbage.
 */
async function effectiveEventRows(tx: Tx, ids: string[], from: Date, to: Date): Promise<Array<{ id: string; employeeId: string; ms: number; direction: string }>> {
  return tx.$queryRaw(Prisma.sql`
    SELECT e.id::text AS id, e.employee_id AS "employeeId", (extract(epoch FROM e.at) * 1000)::float8 AS ms, e.direction
    FROM clock_event e
    WHERE e.employee_id = ANY(${ids}::text[]) AND e.at >= ${from} AND e.at < ${to} AND e.voids_id IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM clock_event v
        WHERE v.voids_id = e.id AND v.employee_id = ANY(${ids}::text[]) AND v.at >= ${from} AND v.at < ${to}
      )
    ORDER BY e.at, e.id`);
}

/** Employees per derivation when a whole center is derived: bounds the days held at once (memory) on a large floor. */
export const DERIVE_CHUNK = 500;

/**
 * `deriveDays` over many employees (every active one, or `employeeIds`), a
 * chunk at a time: each person's days are handed to `each` and let go, so a
 * month of 10,000 people never holds 300,000 derived days at once. In
 * employee id order, like `deriveDays`.
 */
export async function deriveEach<T>(
  tx: Tx,
  policy: Policy,
  args: { from: string; to: string; now: DateTime; employeeIds?: string[] },
  each: (person: PersonDays) => T,
): Promise<T[]> {
  const ids = (
    await tx.employee.findMany({
      where: { active: true, ...(args.employeeIds ? { id: { in: args.employeeIds } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
    })
  ).map((e) => e.id);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += DERIVE_CHUNK) {
    const people = await deriveDays(tx, policy, { from: args.from, to: args.to, now: args.now, employeeIds: ids.slice(i, i + DERIVE_CHUNK) });
    for (const p of people) out.push(each(p));
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The month's figures of each person (LATE-3..6), month to date when `through` is given. */
export function monthOf(policy: Policy, month: string, personDays: PersonDays, through?: string): MonthLateness {
  return monthLateness({
    employeeId: personDays.person.id,
    month,
    days: personDays.days.filter((d) => d.date.startsWith(month)),
    policy,
    monthlyBaseFen: personDays.person.basePayFen ?? policy.pay.basePayQuotaMetFen,
    through,
  });
}
