/**
 * TRAIN-1: the weekly business study (业务学习). The reminder with the week's
 * topic and a check-in button, the check-in itself, the organizers' topic and
 * the attendance view. Use cases: they load, decide with the pure rules of
 * src/policy/training, store, audit and enqueue; they never call a chat platform.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { nextSessionDate, sessionEnd, sessionStartOn } from '../../policy/training/attendance.ts';
import { isWorkingDay } from '../../policy/working-time.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import { addressed, ALL_PLATFORMS, centerChannel, keyOn, type Address, type PlatformsOn } from '../org/reach.ts';
import { sessionRolls, type SessionRoll } from './training-facts.ts';

/** What the reminder shows; a channel renders it (with its own check-in button). */
export interface TrainingReminderView {
  sessionId: number;
  date: string;
  /** "HH:mm", center time. */
  time: string;
  topic: string | null;
  durationMinutes: number;
}

export type ReminderRenderer = (view: TrainingReminderView) => { text: string; blocks?: unknown[] };

export type ReminderOutcome =
  | { outcome: 'enqueued'; date: string; sessionId: number }
  | { outcome: 'already-posted'; date: string; sessionId: number }
  | { outcome: 'not-a-working-day'; date: string }
  | { outcome: 'no-training-channel'; date: string };

/** The dedupe key of a session's reminder: one post per date, whatever slot runs it. */
export const reminderKey = (date: string) => `training:reminder:${date}`;

/** The center's training channels (`channels.training`, `channels.teams.training` of the org file) on the platforms that are on. */
export async function trainingChannel(tx: Tx, on: PlatformsOn = ALL_PLATFORMS): Promise<Address[]> {
  return centerChannel(tx, 'training', on);
}

/**
 * TRAIN-1, as of the job's slot: on a working day of the center, creates the
 * day's session (starting at the slot) if it does not exist and posts its
 * reminder once to the training channel. Without a training channel nothing is
 * created or posted (there would be no way to check in).
 */
export async function postTrainingReminder(
  prisma: PrismaClient,
  policy: Policy,
  slot: DateTime,
  render: ReminderRenderer | Record<OutboxPlatform, ReminderRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<ReminderOutcome> {
  const local = slot.setZone(policy.center.timeZone);
  const date = local.toISODate()!;
  if (!isWorkingDay(date, policy)) return { outcome: 'not-a-working-day', date };
  return prisma.$transaction(async (tx) => {
    const channels = await trainingChannel(tx, on);
    if (channels.length === 0) return { outcome: 'no-training-channel', date } as const;
    let session = await tx.trainingSession.findUnique({ where: { date: dateColumn(date) } });
    if (!session) {
      session = await tx.trainingSession.create({ data: { date: dateColumn(date), startsAt: local.toJSDate() } });
      await recordAudit(tx, [{ actor: 'system', action: 'training.session.create', entity: 'training_session', entityId: date, details: { startsAt: local.toISO(), by: 'training-reminder' } }]);
    }
    const already = await tx.outboxMessage.count({ where: { dedupeKey: { in: channels.map((c) => keyOn(reminderKey(date), c.platform)) } } });
    if (already >= channels.length) return { outcome: 'already-posted', date, sessionId: session.id } as const;
    const startsAt = DateTime.fromJSDate(session.startsAt).setZone(policy.center.timeZone);
    const view: TrainingReminderView = { sessionId: session.id, date, time: startsAt.toFormat('HH:mm'), topic: session.topic, durationMinutes: policy.training.weekly.durationMinutes };
    await enqueue(tx, addressed(channels, 'post', (p) => (typeof render === 'function' ? render : render[p])(view), reminderKey(date)));
    return { outcome: 'enqueued', date, sessionId: session.id } as const;
  });
}

/** TRAIN-1: records a check-in once. `already` when the employee had checked in before (nothing changes). */
export async function checkIn(
  prisma: PrismaClient,
  policy: Policy,
  args: { sessionId: number; employeeId: string; at: DateTime; source: string },
): Promise<{ outcome: 'checked-in' | 'already'; date: string; checkedInAt: DateTime }> {
  const zone = policy.center.timeZone;
  return prisma.$transaction(async (tx) => {
    const session = await tx.trainingSession.findUnique({ where: { id: args.sessionId } });
    if (!session) throw new AppError('not_found', 'training.error.no_session', `no training session ${args.sessionId}`);
    const date = isoDateOf(session.date);
    const existing = await tx.trainingAttendance.findUnique({ where: { sessionId_employeeId: { sessionId: session.id, employeeId: args.employeeId } } });
    if (existing) return { outcome: 'already', date, checkedInAt: DateTime.fromJSDate(existing.checkedInAt).setZone(zone) };
    const end = sessionEnd(DateTime.fromJSDate(session.startsAt), policy);
    if (args.at > end) {
      throw new AppError('conflict', 'training.error.session_over', `session ${date} ended at ${end.toISO()}`, {
        details: { date, end: end.setZone(zone).toFormat('HH:mm') },
      });
    }
    // A concurrent second click loses on the primary key and reads as "already".
    const created = await tx.trainingAttendance.createMany({
      data: [{ sessionId: session.id, employeeId: args.employeeId, checkedInAt: args.at.toJSDate(), source: args.source }],
      skipDuplicates: true,
    });
    if (created.count === 0) {
      const row = await tx.trainingAttendance.findUniqueOrThrow({ where: { sessionId_employeeId: { sessionId: session.id, employeeId: args.employeeId } } });
      return { outcome: 'already', date, checkedInAt: DateTime.fromJSDate(row.checkedInAt).setZone(zone) };
    }
    await recordAudit(tx, [
      { actor: args.employeeId, action: 'training.check_in', entity: 'training_session', entityId: date, details: { sessionId: session.id, source: args.source }, at: args.at.toJSDate() },
    ]);
    return { outcome: 'checked-in', date, checkedInAt: args.at.setZone(zone) };
  });
}

/** The active employee behind an id, or a `forbidden` error when they are not among `roles`. */
export async function requireRole(tx: Tx, employeeId: string, roles: readonly RoleKey[], what: string) {
  const actor = await tx.employee.findUnique({ where: { id: employeeId } });
  if (!actor?.active || !(roles as readonly string[]).includes(actor.role)) {
    throw new AppError('forbidden', 'training.error.organizers_only', `${employeeId} may not ${what}`);
  }
  return actor;
}

/**
 * TRAIN-1: an organizer sets the topic of the next session (today's while it
 * has not ended, else the next study day that is a working day of the center),
 * creating the session's row if needed. Audited with the topic it replaced.
 */
export async function setTopic(
  prisma: PrismaClient,
  policy: Policy,
  args: { actorId: string; topic: string; now: DateTime },
): Promise<{ date: string; time: string; replaced: string | null }> {
  const topic = args.topic.trim();
  if (!topic) throw new AppError('bad_input', 'training.error.topic_required', 'empty topic');
  if (topic.length > 500) throw new AppError('bad_input', 'training.error.topic_too_long', 'topic too long', { details: { max: 500 } });
  const date = nextSessionDate(args.now, policy);
  if (!date) throw new AppError('not_found', 'training.error.no_next_session', 'no study day within a year');
  return prisma.$transaction(async (tx) => {
    const actor = await requireRole(tx, args.actorId, policy.training.organizerRoles, 'set the training topic');
    const before = await tx.trainingSession.findUnique({ where: { date: dateColumn(date) } });
    const data = { topic, topicSetById: actor.id, topicSetAt: args.now.toJSDate() };
    const session = before
      ? await tx.trainingSession.update({ where: { id: before.id }, data })
      : await tx.trainingSession.create({ data: { date: dateColumn(date), startsAt: sessionStartOn(date, policy).toJSDate(), ...data } });
    await recordAudit(tx, [
      {
        actor: actor.id,
        action: 'training.topic.set',
        entity: 'training_session',
        entityId: date,
        details: { topic, replaced: before?.topic ?? null, sessionId: session.id },
        at: args.now.toJSDate(),
      },
    ]);
    return { date, time: DateTime.fromJSDate(session.startsAt).setZone(policy.center.timeZone).toFormat('HH:mm'), replaced: before?.topic ?? null };
  });
}

/**
 * TRAIN-1: the attendance of the latest session that has started (or of the
 * session of `date`), for organizers: who checked in and when, who was expected
 * and missed, who was excused and why.
 */
export async function attendanceOf(
  prisma: PrismaClient,
  policy: Policy,
  args: { actorId: string; now: DateTime; date?: string },
): Promise<SessionRoll> {
  return prisma.$transaction(async (tx) => {
    await requireRole(tx, args.actorId, policy.training.organizerRoles, 'see the training attendance');
    if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) {
      throw new AppError('bad_input', 'training.error.bad_date', `bad date ${args.date}`, { details: { date: args.date } });
    }
    const session = args.date
      ? await tx.trainingSession.findUnique({ where: { date: dateColumn(args.date) } })
      : await tx.trainingSession.findFirst({ where: { startsAt: { lte: args.now.toJSDate() } }, orderBy: { startsAt: 'desc' } });
    if (!session) {
      if (args.date) throw new AppError('not_found', 'training.error.no_session_on', `no session on ${args.date}`, { details: { date: args.date } });
      throw new AppError('not_found', 'training.error.no_session_yet', 'no session has started');
    }
    const [roll] = await sessionRolls(tx, policy, [session]);
    return roll!;
  });
}
