/**
 * MEET-1 ad-hoc meetings, the use cases (MEET-2 report deadlines live beside
 * it in report-deadlines.ts).
 *
 * - `announceMeeting`: topic, local date and time, place, host, attendees;
 *   refused with the rule (field errors, nothing stored) when less than
 *   meetings.adHocNoticeDays ahead. Stored with its attendees; each attendee
 *   gets the invitation by DM (Attend / Request leave), the host a notice with
 *   Record attendance. Anyone in the org may announce (policy.md does not say
 *   who calls a meeting).
 * - `answerMeeting`: an attendee attends, or requests leave: a `meeting` leave
 *   is filed through the leave feature, so LEAVE-4 routes it (meeting leave of
 *   anyone → the team leader) with the usual approval card. The leave is filed
 *   in its own transaction (the leave use case's) and then linked to the
 *   attendee; the attendee is checked first, so a refusal stores nothing.
 * - `runMeetingReminders` (job `meeting-reminders`, every 5 minutes): from
 *   meetings.reminderMinutesBefore (15) before the start, once per meeting
 *   (remindedAt set by a conditional update), to the host and to each attendee
 *   without a pending or approved meeting leave (a rejected leave is expected to come).
 * - `recordAttendance`: the host only, once the meeting has started, once:
 *   who was present and the minutes; every absentee without approved leave is
 *   listed to their team leader (LEAVE-4's meeting route), one DM per leader.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { approverFor } from '../../policy/leave/routing.ts';
import { absenteesWithoutLeave, meetingReminderDue, MINUTES_MAX, validateMeetingForm, type AttendeeResponse, type MeetingFieldError, type MeetingFormInput } from '../../policy/meetings/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { fileLeave, type LeaveDeps } from '../leave/leave-service.ts';
import { leaveRepository } from '../leave/leave-repository.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';

export interface MeetingAttendeeView {
  id: string;
  name: string;
  response: AttendeeResponse;
  present: boolean | null;
}

export interface MeetingView {
  id: number;
  topic: string;
  /** Local "YYYY-MM-DD HH:mm" in the center's zone. */
  startsAt: string;
  place: string;
  host: { id: string; name: string };
  attendees: MeetingAttendeeView[];
  minutes: string | null;
}

/** How the messages look on a platform (Slack: channels/slack/blocks/meeting-blocks.ts). */
export interface MeetingRenderer {
  invitation(locale: string, v: MeetingView): OutboxPayload;
  hostNotice(locale: string, v: MeetingView): OutboxPayload;
  reminder(locale: string, v: MeetingView): OutboxPayload;
  absentees(locale: string, v: { meeting: MeetingView; names: string[] }): OutboxPayload;
}

export type MeetingRenderers = Partial<Record<OutboxPlatform, MeetingRenderer>>;

export interface MeetingDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  renders: MeetingRenderers;
  on?: PlatformsOn;
  /** slack | teams | cli */
  channel: string;
}

export class MeetingValidationError extends AppError {
  constructor(readonly fieldErrors: MeetingFieldError[]) {
    super('bad_input', 'meetings.adhoc.error.invalid', `meeting refused: ${fieldErrors.map((e) => `${e.field}:${e.messageKey}`).join(', ')}`);
  }
}

const local = (policy: Policy, at: Date) => DateTime.fromJSDate(at).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm');
const onFor = (deps: { renders: MeetingRenderers; on?: PlatformsOn | undefined }): PlatformsOn => {
  const on = deps.on ?? ALL_PLATFORMS;
  return { slack: on.slack && !!deps.renders.slack, teams: on.teams && !!deps.renders.teams };
};

type MeetingRow = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

function loadMeeting(tx: Tx, id: number) {
  return Number.isInteger(id) && id > 0 ? tx.meeting.findUnique({ where: { id }, include: { attendees: { orderBy: { employeeId: 'asc' } } } }) : Promise.resolve(null);
}

async function meetingOrRefuse(tx: Tx, id: number): Promise<MeetingRow> {
  const row = await loadMeeting(tx, id);
  if (!row) throw new AppError('not_found', 'meetings.adhoc.error.not_found', `meeting ${id} not found`, { details: { id: String(id) } });
  return row;
}

async function viewOf(tx: Tx, policy: Policy, row: MeetingRow): Promise<MeetingView> {
  const ids = [row.hostId, ...row.attendees.map((a) => a.employeeId)];
  const people = await tx.employee.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  return {
    id: row.id,
    topic: row.topic,
    startsAt: local(policy, row.startsAt),
    place: row.place,
    host: { id: row.hostId, name: name(row.hostId) },
    attendees: row.attendees.map((a) => ({ id: a.employeeId, name: name(a.employeeId), response: a.response as AttendeeResponse, present: a.present })),
    minutes: row.minutes,
  };
}

/** MEET-1: announces a meeting at least adHocNoticeDays ahead; invitations to the attendees, a notice to the host. */
export async function announceMeeting(deps: MeetingDeps, args: MeetingFormInput & { actorId: string }): Promise<MeetingView> {
  const now = deps.clock.now();
  const checked = validateMeetingForm(args, now, deps.policy);
  if (!checked.ok) throw new MeetingValidationError(checked.errors);
  const { form } = checked;
  return deps.prisma.$transaction(async (tx) => {
    const actor = await tx.employee.findUnique({ where: { id: args.actorId } });
    if (!actor?.active) throw new AppError('not_in_org', 'common.not_in_org', `employee ${args.actorId} is not in the org`);
    const people = await tx.employee.findMany({ where: { id: { in: [form.hostId, ...form.attendeeIds] }, active: true } });
    const active = new Set(people.map((p) => p.id));
    const errors: MeetingFieldError[] = [];
    if (!active.has(form.hostId)) errors.push({ field: 'host', messageKey: 'meetings.adhoc.error.not_in_org' });
    if (form.attendeeIds.some((id) => !active.has(id))) errors.push({ field: 'attendees', messageKey: 'meetings.adhoc.error.not_in_org' });
    if (errors.length) throw new MeetingValidationError(errors);
    const attendeeIds = form.attendeeIds.filter((id) => id !== form.hostId);
    if (attendeeIds.length === 0) throw new MeetingValidationError([{ field: 'attendees', messageKey: 'meetings.adhoc.error.attendees_required' }]);
    const created = await tx.meeting.create({
      data: {
        topic: form.topic,
        startsAt: form.startsAt.toJSDate(),
        place: form.place,
        hostId: form.hostId,
        createdById: actor.id,
        channel: deps.channel,
        createdAt: now.toJSDate(),
        attendees: { create: attendeeIds.map((employeeId) => ({ employeeId })) },
      },
    });
    const row = await meetingOrRefuse(tx, created.id);
    const view = await viewOf(tx, deps.policy, row);
    await recordAudit(tx, [
      { actor: actor.id, action: 'meeting.announce', entity: 'meeting', entityId: String(row.id), details: { topic: row.topic, startsAt: row.startsAt.toISOString(), place: row.place, hostId: row.hostId, attendees: attendeeIds }, at: now.toJSDate() },
    ]);
    const localeOf = new Map(people.map((p) => [p.id, p.locale]));
    const addresses = await peopleAddresses(tx, [form.hostId, ...attendeeIds], onFor(deps));
    const messages: OutboxInput[] = [
      ...addressed(addresses.get(form.hostId) ?? [], 'dm', (p) => deps.renders[p]!.hostNotice(localeOf.get(form.hostId)!, view), `meeting:${row.id}:host`),
      ...attendeeIds.flatMap((id) => addressed(addresses.get(id) ?? [], 'dm', (p) => deps.renders[p]!.invitation(localeOf.get(id)!, view), `meeting:${row.id}:invite:${id}`)),
    ];
    await enqueue(tx, messages);
    return view;
  });
}

export interface AnswerResult {
  outcome: 'attending' | 'leave' | 'already';
  meeting: MeetingView;
  /** For a leave: the approver it went to and the request id. */
  leave?: { requestId: number; approverName: string };
  /** For 'already': what was answered before. */
  previous?: AttendeeResponse;
}

async function attendeeOrRefuse(tx: Tx, meetingId: number, actorId: string, now: DateTime) {
  const row = await meetingOrRefuse(tx, meetingId);
  const me = row.attendees.find((a) => a.employeeId === actorId);
  if (!me) throw new AppError('forbidden', 'meetings.adhoc.error.not_invited', `${actorId} is not invited to meeting ${meetingId}`);
  if (now.toMillis() >= row.startsAt.getTime()) throw new AppError('conflict', 'meetings.adhoc.error.started', `meeting ${meetingId} has started`);
  return { row, me };
}

/** MEET-1: Attend, or Request leave (a meeting leave filed through the leave feature: LEAVE-4 routes it to the team leader). */
export async function answerMeeting(
  deps: MeetingDeps & { leave: LeaveDeps },
  args: { meetingId: number; actorId: string; answer: 'attending' | 'leave' },
  /** The leave's reason, in the attendee's words (the channel's i18n). */
  reasonOf: (m: { topic: string; startsAt: string }) => string = (m) => `${m.topic} (${m.startsAt})`,
): Promise<AnswerResult> {
  const now = deps.clock.now();
  const { row, me } = await deps.prisma.$transaction((tx) => attendeeOrRefuse(tx, args.meetingId, args.actorId, now));
  if (me.response === 'leave' || (me.response === args.answer && args.answer === 'attending')) {
    const meeting = await deps.prisma.$transaction((tx) => viewOf(tx, deps.policy, row));
    return { outcome: 'already', meeting, previous: me.response as AttendeeResponse };
  }
  let leave: AnswerResult['leave'];
  if (args.answer === 'leave') {
    const start = DateTime.fromJSDate(row.startsAt).setZone(deps.policy.center.timeZone);
    const date = start.toISODate()!;
    const filed = await fileLeave(deps.leave, { employeeId: args.actorId, type: 'meeting', startDate: date, endDate: date, part: start.hour < 12 ? 'morning' : 'afternoon', reason: reasonOf({ topic: row.topic, startsAt: start.toFormat('yyyy-MM-dd HH:mm') }), emergency: false, proof: 'none' });
    leave = { requestId: filed.request.id, approverName: filed.approver.name };
  }
  return deps.prisma.$transaction(async (tx) => {
    const won = await tx.meetingAttendee.updateMany({
      where: { meetingId: row.id, employeeId: args.actorId, response: me.response },
      data: { response: args.answer, respondedAt: now.toJSDate(), ...(leave ? { leaveRequestId: leave.requestId } : {}) },
    });
    if (won.count !== 1) throw new AppError('conflict', 'meetings.adhoc.error.try_again', `meeting ${row.id}: answer of ${args.actorId} raced`);
    await recordAudit(tx, [
      { actor: args.actorId, action: args.answer === 'leave' ? 'meeting.leave' : 'meeting.attend', entity: 'meeting', entityId: String(row.id), details: { ...(leave ? { leaveRequestId: leave.requestId } : {}), previous: me.response }, at: now.toJSDate() },
    ]);
    const meeting = await viewOf(tx, deps.policy, (await loadMeeting(tx, row.id))!);
    return { outcome: args.answer, meeting, ...(leave ? { leave } : {}) };
  });
}

/** One slot of the `meeting-reminders` job: every meeting whose reminder is due, once. */
export async function runMeetingReminders(prisma: PrismaClient, policy: Policy, at: DateTime, renders: MeetingRenderers, on: PlatformsOn = ALL_PLATFORMS): Promise<number[]> {
  const before = policy.meetings.reminderMinutesBefore;
  const due = await prisma.meeting.findMany({ where: { remindedAt: null, startsAt: { gt: at.toJSDate(), lte: at.plus({ minutes: before }).toJSDate() } }, orderBy: { id: 'asc' } });
  const reminded: number[] = [];
  for (const m of due) {
    if (!meetingReminderDue({ startsAt: DateTime.fromJSDate(m.startsAt), remindedAt: null }, at, policy)) continue;
    await prisma.$transaction(async (tx) => {
      const won = await tx.meeting.updateMany({ where: { id: m.id, remindedAt: null }, data: { remindedAt: at.toJSDate() } });
      if (won.count !== 1) return;
      const row = (await loadMeeting(tx, m.id))!;
      const view = await viewOf(tx, policy, row);
      // Those with a meeting leave pending or approved are not reminded; a rejected leave is expected to come.
      const leaveIds = row.attendees.map((a) => a.leaveRequestId).filter((id): id is number => id !== null);
      const excused = new Set((await tx.leaveRequest.findMany({ where: { id: { in: leaveIds }, status: { in: ['pending', 'approved'] } }, select: { id: true } })).map((l) => l.id));
      const ids = [row.hostId, ...row.attendees.filter((a) => !(a.response === 'leave' && a.leaveRequestId !== null && excused.has(a.leaveRequestId))).map((a) => a.employeeId)];
      const people = await tx.employee.findMany({ where: { id: { in: ids }, active: true } });
      const addresses = await peopleAddresses(tx, people.map((p) => p.id), onFor({ renders, on }));
      await enqueue(tx, people.flatMap((p) => addressed(addresses.get(p.id) ?? [], 'dm', (pl) => renders[pl]!.reminder(p.locale, view), `meeting:${row.id}:reminder:${p.id}`)));
      await recordAudit(tx, [{ actor: 'system', action: 'meeting.remind', entity: 'meeting', entityId: String(row.id), details: { to: people.map((p) => p.id) }, at: at.toJSDate() }]);
      reminded.push(row.id);
    });
  }
  return reminded;
}

/** The Record attendance button: only the host, from the start; the meeting as the form shows it. */
export async function meetingForAttendance(deps: Pick<MeetingDeps, 'prisma' | 'policy' | 'clock'>, args: { meetingId: number; actorId: string }): Promise<MeetingView> {
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx) => {
    const row = await attendanceCheck(tx, deps.policy, args.meetingId, args.actorId, now);
    return viewOf(tx, deps.policy, row);
  });
}

async function attendanceCheck(tx: Tx, policy: Policy, meetingId: number, actorId: string, now: DateTime): Promise<MeetingRow> {
  const row = await meetingOrRefuse(tx, meetingId);
  if (row.hostId !== actorId) {
    const host = await tx.employee.findUnique({ where: { id: row.hostId } });
    throw new AppError('forbidden', 'meetings.adhoc.error.host_only', `${actorId} is not the host of meeting ${row.id}`, { details: { name: host?.name ?? row.hostId } });
  }
  if (now.toMillis() < row.startsAt.getTime()) throw new AppError('conflict', 'meetings.adhoc.error.not_started', `meeting ${row.id} has not started`, { details: { at: local(policy, row.startsAt) } });
  if (row.attendanceRecordedAt) throw new AppError('conflict', 'meetings.adhoc.error.attendance_recorded', `meeting ${row.id}: attendance already recorded`, { details: { at: local(policy, row.attendanceRecordedAt) } });
  return row;
}

/** MEET-1: the host records who was present and the minutes, once; absentees without approved leave go to their team leaders. */
export async function recordAttendance(deps: MeetingDeps, args: { meetingId: number; actorId: string; presentIds: readonly string[]; minutes: string | null }): Promise<{ meeting: MeetingView; absentees: string[] }> {
  const now = deps.clock.now();
  const minutes = (args.minutes ?? '').trim();
  if ([...minutes].length > MINUTES_MAX) throw new MeetingValidationError([{ field: 'minutes', messageKey: 'meetings.adhoc.error.too_long', params: { max: MINUTES_MAX } }]);
  return deps.prisma.$transaction(async (tx) => {
    const row = await attendanceCheck(tx, deps.policy, args.meetingId, args.actorId, now);
    const present = new Set(args.presentIds);
    const won = await tx.meeting.updateMany({ where: { id: row.id, attendanceRecordedAt: null }, data: { attendanceRecordedAt: now.toJSDate(), minutes: minutes || null } });
    if (won.count !== 1) throw new AppError('conflict', 'meetings.adhoc.error.try_again', `meeting ${row.id}: attendance raced`);
    for (const a of row.attendees) await tx.meetingAttendee.update({ where: { meetingId_employeeId: { meetingId: row.id, employeeId: a.employeeId } }, data: { present: present.has(a.employeeId) } });
    const leaveIds = row.attendees.map((a) => a.leaveRequestId).filter((id): id is number => id !== null);
    const leaves = await tx.leaveRequest.findMany({ where: { id: { in: leaveIds } }, select: { id: true, status: true } });
    const absent = absenteesWithoutLeave(
      row.attendees.map((a) => ({ employeeId: a.employeeId, present: present.has(a.employeeId), response: a.response as AttendeeResponse, leaveStatus: leaves.find((l) => l.id === a.leaveRequestId)?.status ?? null })),
    );
    const after = (await loadMeeting(tx, row.id))!;
    const view = await viewOf(tx, deps.policy, after);
    // Each absentee's team leader: LEAVE-4's route of a meeting leave.
    const org = await leaveRepository(tx).people();
    const byLeader = new Map<string, string[]>();
    for (const id of absent) {
      const requester = org.find((p) => p.id === id);
      const route = requester ? approverFor({ requester, type: 'meeting', org, policy: deps.policy, isAbsent: () => false }) : null;
      if (route?.ok) byLeader.set(route.approverId, [...(byLeader.get(route.approverId) ?? []), id]);
    }
    const nameOf = (id: string) => view.attendees.find((a) => a.id === id)?.name ?? id;
    const addresses = await peopleAddresses(tx, [...byLeader.keys()], onFor(deps));
    await enqueue(
      tx,
      [...byLeader].flatMap(([leaderId, ids]) => {
        const leader = org.find((p) => p.id === leaderId)!;
        return addressed(addresses.get(leaderId) ?? [], 'dm', (p) => deps.renders[p]!.absentees(leader.locale, { meeting: view, names: ids.map(nameOf) }), `meeting:${row.id}:absentees:${leaderId}`);
      }),
    );
    await recordAudit(tx, [
      { actor: args.actorId, action: 'meeting.attendance', entity: 'meeting', entityId: String(row.id), details: { present: [...present].filter((id) => row.attendees.some((a) => a.employeeId === id)), absentWithoutLeave: absent, leaders: Object.fromEntries(byLeader), minutes: minutes.length > 0 }, at: now.toJSDate() },
    ]);
    return { meeting: view, absentees: absent };
  });
}
