/**
 * MEET-2 monthly report deadlines (`meetings.monthlyReportDeadlines`: role,
 * day of month, time, center zone; default complaint manager 15:00 on the 2nd
 * and the 4th, outbound manager 15:00 on the 2nd).
 *
 * The `report-deadlines` job runs every 5 minutes and works "as of" its slot:
 * (a) from 09:00 on a deadline day, every active employee with the role gets a
 *     report_deadline row (employee, dueAt) and one reminder DM with a
 *     "Mark as submitted" button (outbox key per row);
 * (b) once a row's dueAt has passed (the slot is after it: a report marked at
 *     15:00 is on time) and it is neither submitted nor flagged, every active
 *     team leader is told once; lateFlaggedAt is set in the same transaction.
 * The button sets submittedAt for the row's own employee only; after the
 * deadline it is still accepted and recorded late (the flag stays).
 *
 * Readings: rows are opened on the deadline day only (a day the job never ran
 * from 09:00 to midnight has no row, so nothing to flag); a row whose employee
 * left is still flagged; a team leader with no chat identity on a platform that
 * is on is not messaged, but
 * the row is flagged and audited all the same.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { orgRepository } from '../org/org-repository.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';

/** From this local time on a deadline day the reminders go out. */
export const REMINDER_FROM = '09:00';

/** How the messages look on the platform (Slack: blocks/meetings-blocks.ts; Teams: cards/meetings-cards.ts). */
export interface ReportDeadlineRenderer {
  reminder(locale: string, v: { deadlineId: number; date: string; time: string }): OutboxPayload;
  lateFlag(locale: string, v: { name: string; role: string; due: string }): OutboxPayload;
}

export interface DueReport {
  role: RoleKey;
  /** The deadline instant, in the center's zone. */
  dueAt: DateTime;
}

/** MEET-2: the deadlines that fall on a local date ("YYYY-MM-DD"), in policy order. Pure. */
export function deadlinesOn(date: string, policy: Policy): DueReport[] {
  const zone = policy.center.timeZone;
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) throw new RangeError(`not a date: ${date}`);
  return policy.meetings.monthlyReportDeadlines
    .filter((d) => d.day === day.day)
    .map((d) => ({ role: d.role, dueAt: DateTime.fromISO(`${date}T${d.time}`, { zone }) }));
}

const localText = (at: Date | DateTime, zone: string) => (at instanceof Date ? DateTime.fromJSDate(at) : at).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
const reminderKey = (id: number) => `report-deadline:${id}:reminder`;
const lateKey = (id: number, leaderId: string) => `report-deadline:${id}:late:${leaderId}`;

/** One slot of the `report-deadlines` job; returns what it did (row ids). */
export async function runReportDeadlines(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  render: ReportDeadlineRenderer | Record<OutboxPlatform, ReportDeadlineRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<{ opened: number[]; reminded: number[]; flagged: number[] }> {
  // Each person on every platform that is on where they have an identity (features/org/reach.ts); Teams rows keyed `:teams`.
  const renderOn = (p: OutboxPlatform): ReportDeadlineRenderer => ('reminder' in render ? render : render[p]);
  const zone = policy.center.timeZone;
  const local = at.setZone(zone);
  const opened: number[] = [];
  const reminded: number[] = [];

  // (a) from 09:00 on a deadline day: open the rows and remind once.
  if (local.toFormat('HH:mm') >= REMINDER_FROM) {
    for (const due of deadlinesOn(local.toISODate()!, policy)) {
      await prisma.$transaction(async (tx) => {
        const people = await orgRepository(tx).activeInRoles([due.role], 'slack');
        if (people.length === 0) return;
        const dueAt = due.dueAt.toJSDate();
        const ids = people.map((p) => p.id);
        const before = new Set((await tx.reportDeadline.findMany({ where: { employeeId: { in: ids }, dueAt } })).map((r) => r.id));
        await tx.reportDeadline.createMany({ data: ids.map((employeeId) => ({ employeeId, dueAt })), skipDuplicates: true });
        const rows = await tx.reportDeadline.findMany({ where: { employeeId: { in: ids }, dueAt }, orderBy: { id: 'asc' } });
        const fresh = rows.filter((r) => !before.has(r.id));
        await recordAudit(
          tx,
          fresh.map((r) => ({
            actor: 'system',
            action: 'report_deadline.open',
            entity: 'report_deadline',
            entityId: String(r.id),
            details: { employeeId: r.employeeId, role: due.role, dueAt: due.dueAt.toISO()! },
            at: local.toJSDate(),
          })),
        );
        opened.push(...fresh.map((r) => r.id));
        const messages: OutboxInput[] = [];
        const addresses = await peopleAddresses(tx, ids, on);
        for (const row of rows) {
          const person = people.find((p) => p.id === row.employeeId)!;
          const to = addresses.get(row.employeeId) ?? [];
          if (row.submittedAt || to.length === 0) continue;
          const view = { deadlineId: row.id, date: due.dueAt.toISODate()!, time: due.dueAt.toFormat('HH:mm') };
          messages.push(...addressed(to, 'dm', (p) => renderOn(p).reminder(person.locale, view), reminderKey(row.id)));
          reminded.push(row.id);
        }
        await enqueue(tx, messages);
      });
    }
  }

  // (b) after the deadline: flag each unsubmitted row to the team leaders, once.
  const flagged: number[] = [];
  const late = await prisma.reportDeadline.findMany({ where: { dueAt: { lt: local.toJSDate() }, submittedAt: null, lateFlaggedAt: null }, orderBy: { id: 'asc' } });
  for (const row of late) {
    await prisma.$transaction(async (tx) => {
      const won = await tx.reportDeadline.updateMany({ where: { id: row.id, submittedAt: null, lateFlaggedAt: null }, data: { lateFlaggedAt: local.toJSDate() } });
      if (won.count !== 1) return; // submitted or flagged meanwhile
      const [person, leaders] = await Promise.all([
        tx.employee.findUniqueOrThrow({ where: { id: row.employeeId } }),
        orgRepository(tx).activeInRoles(['team_leader'], 'slack'),
      ]);
      const due = localText(row.dueAt, zone);
      const addresses = await peopleAddresses(tx, leaders.map((l) => l.id), on);
      const messages: OutboxInput[] = leaders.flatMap((leader) =>
        addressed(addresses.get(leader.id) ?? [], 'dm', (p) => renderOn(p).lateFlag(leader.locale, { name: person.name, role: person.role, due }), lateKey(row.id, leader.id)),
      );
      await enqueue(tx, messages);
      await recordAudit(tx, [
        {
          actor: 'system',
          action: 'report_deadline.flag_late',
          entity: 'report_deadline',
          entityId: String(row.id),
          details: { employeeId: row.employeeId, dueAt: row.dueAt.toISOString(), leaders: leaders.map((l) => l.id) },
          at: local.toJSDate(),
        },
      ]);
      flagged.push(row.id);
    });
  }
  return { opened, reminded, flagged };
}

export interface MarkSubmittedResult {
  /** 'submitted' on time, 'late' after the deadline, 'already' when it was marked before (nothing changed). */
  outcome: 'submitted' | 'late' | 'already';
  /** The deadline and the moment it was marked, local "YYYY-MM-DD HH:mm". */
  due: string;
  submittedAt: string;
}

/** The "Mark as submitted" button: only the row's own employee; once; after the deadline recorded late; audited. */
export async function markReportSubmitted(
  deps: { prisma: PrismaClient; policy: Policy; clock: Clock },
  args: { deadlineId: number; actorId: string },
): Promise<MarkSubmittedResult> {
  const zone = deps.policy.center.timeZone;
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx) => {
    const row = Number.isInteger(args.deadlineId) ? await tx.reportDeadline.findUnique({ where: { id: args.deadlineId } }) : null;
    if (!row) throw new AppError('not_found', 'meetings.deadline.not_found', `report deadline ${args.deadlineId} not found`);
    if (row.employeeId !== args.actorId) {
      const owner = await tx.employee.findUnique({ where: { id: row.employeeId } });
      throw new AppError('forbidden', 'meetings.deadline.not_yours', `${args.actorId} may not mark report deadline ${row.id}`, { details: { name: owner?.name ?? row.employeeId } });
    }
    const due = localText(row.dueAt, zone);
    const won = await tx.reportDeadline.updateMany({ where: { id: row.id, submittedAt: null }, data: { submittedAt: now.toJSDate() } });
    if (won.count !== 1) {
      const current = await tx.reportDeadline.findUniqueOrThrow({ where: { id: row.id } });
      return { outcome: 'already', due, submittedAt: localText(current.submittedAt!, zone) };
    }
    const late = now.toMillis() > row.dueAt.getTime();
    await recordAudit(tx, [
      {
        actor: args.actorId,
        action: 'report_deadline.submit',
        entity: 'report_deadline',
        entityId: String(row.id),
        details: { dueAt: row.dueAt.toISOString(), late, flagged: row.lateFlaggedAt !== null },
        at: now.toJSDate(),
      },
    ]);
    return { outcome: late ? 'late' : 'submitted', due, submittedAt: localText(now, zone) };
  });
}
