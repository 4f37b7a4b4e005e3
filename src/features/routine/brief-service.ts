/**
 * MEET-1 pre-shift brief (班前会): the team leader's notes for the day, the
 * brief posted to each team's channel before its first segment (once per team
 * and date: the outbox key), and the meeting's check-in (once per member).
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { briefDue, selectBriefContent } from '../../policy/routine/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE } from '../../shared/i18n/index.ts';
import { enqueue } from '../../shared/outbox/outbox.ts';
import { addressed, ALL_PLATFORMS, keyOn, teamChannelAddress, type PlatformsOn } from '../org/reach.ts';
import { eventsOn, latenessOn, leaveOn, notesOn, openIncidents, schedulesOn, summariesOn, teamMembers } from './routine-facts.ts';
import type { BriefView, RoutineRenderers } from './routine-view.ts';

export const briefKey = (teamId: string, date: string) => `routine:brief:${teamId}:${date}`;
export const NOTE_MAX_CHARS = 1000;

/** Who may add notes to a team's brief: its team leaders. */
const NOTE_ROLES = ['team_leader'];

/**
 * MEET-1: a team leader's note for their team's brief: today's while today's
 * brief is not posted, else the next day's. Several notes are kept, in order.
 */
export async function addBriefNote(prisma: PrismaClient, policy: Policy, args: { actorId: string; text: string; now: DateTime }): Promise<{ date: string; count: number }> {
  const text = args.text.trim();
  if (!text) throw new AppError('bad_input', 'routine.brief.note_required', 'empty note');
  if (text.length > NOTE_MAX_CHARS) throw new AppError('bad_input', 'routine.brief.note_too_long', 'note too long', { details: { max: NOTE_MAX_CHARS } });
  return prisma.$transaction(async (tx) => {
    const actor = await tx.employee.findUnique({ where: { id: args.actorId } });
    if (!actor?.active || !NOTE_ROLES.includes(actor.role)) throw new AppError('forbidden', 'routine.brief.leaders_only', `${args.actorId} may not add brief notes`);
    const today = args.now.setZone(policy.center.timeZone).toISODate()!;
    const posted = await tx.outboxMessage.count({ where: { dedupeKey: { startsWith: briefKey(actor.teamId, today) } } });
    const date = posted > 0 ? DateTime.fromISO(today).plus({ days: 1 }).toISODate()! : today;
    await tx.briefNote.create({ data: { teamId: actor.teamId, date: dateColumn(date), authorId: actor.id, text, createdAt: args.now.toJSDate() } });
    await recordAudit(tx, [{ actor: actor.id, action: 'routine.brief.note', entity: 'team', entityId: actor.teamId, details: { date }, at: args.now.toJSDate() }]);
    const count = await tx.briefNote.count({ where: { teamId: actor.teamId, date: dateColumn(date) } });
    return { date, count };
  });
}

/** The brief of a team for the date of `at` (content as of `at`) when it is due at `at`, else null (the facts are only loaded then). */
export async function briefOf(prisma: PrismaClient, policy: Policy, teamId: string, at: DateTime): Promise<BriefView | null> {
  const local = at.setZone(policy.center.timeZone);
  const date = local.toISODate()!;
  const yesterday = local.minus({ days: 1 }).toISODate()!;
  return prisma.$transaction(async (tx) => {
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId } });
    const members = await teamMembers(tx, teamId);
    const schedules = await schedulesOn(tx, policy, members, date);
    const when = briefDue(schedules, local, policy);
    if (!when.due) return null;
    const ids = members.map((m) => m.id);
    const content = selectBriefContent({
      date,
      yesterday,
      members,
      summaries: await summariesOn(tx, ids, yesterday),
      lateness: await latenessOn(tx, policy, teamId, yesterday, local),
      schedules,
      leave: await leaveOn(tx, ids, date),
      incidents: await openIncidents(tx, policy),
      events: await eventsOn(tx, policy, teamId, date),
      notes: await notesOn(tx, teamId, date),
      policy,
    });
    return { ...content, teamId, teamName: team.name };
  });
}

/**
 * MEET-1, as of the job's slot: each team with a channel whose brief is due
 * gets it once (outbox key per team and date; later slots post nothing).
 */
export async function postBriefs(prisma: PrismaClient, policy: Policy, slot: DateTime, render: RoutineRenderers, on: PlatformsOn = ALL_PLATFORMS): Promise<string[]> {
  const date = slot.setZone(policy.center.timeZone).toISODate()!;
  const teams = await prisma.team.findMany({ where: { channel: { not: null } }, orderBy: { id: 'asc' } });
  const posted: string[] = [];
  for (const team of teams) {
    const address = teamChannelAddress(team.channel, on);
    if (!address) continue;
    const key = briefKey(team.id, date);
    if ((await prisma.outboxMessage.count({ where: { dedupeKey: keyOn(key, address.platform) } })) > 0) continue;
    const brief = await briefOf(prisma, policy, team.id, slot);
    if (!brief) continue;
    await prisma.$transaction(async (tx) => {
      await enqueue(tx, addressed([address], 'post', (p) => render[p].brief(DEFAULT_LOCALE, brief), key));
      await recordAudit(tx, [{ actor: 'system', action: 'routine.brief.post', entity: 'team', entityId: team.id, details: { date }, at: slot.toJSDate() }]);
    });
    posted.push(team.id);
  }
  return posted;
}

/** MEET-1: a member checks in to their team's pre-shift meeting of `date`, once; only on that date. */
export async function briefCheckIn(
  prisma: PrismaClient,
  policy: Policy,
  args: { teamId: string; date: string; employeeId: string; at: DateTime; source: string },
): Promise<{ outcome: 'checked-in' | 'already'; time: string }> {
  const zone = policy.center.timeZone;
  return prisma.$transaction(async (tx) => {
    const me = await tx.employee.findUnique({ where: { id: args.employeeId } });
    const team = await tx.team.findUnique({ where: { id: args.teamId } });
    if (!team || !me?.active || me.teamId !== args.teamId) {
      throw new AppError('forbidden', 'routine.check_in.members_only', `${args.employeeId} is not in team ${args.teamId}`, { details: { team: team?.name ?? args.teamId } });
    }
    const key = { teamId_date_employeeId: { teamId: args.teamId, date: dateColumn(args.date), employeeId: args.employeeId } };
    const existing = await tx.briefCheckIn.findUnique({ where: key });
    if (existing) return { outcome: 'already' as const, time: DateTime.fromJSDate(existing.checkedInAt).setZone(zone).toFormat('HH:mm') };
    if (args.at.setZone(zone).toISODate() !== args.date) throw new AppError('conflict', 'routine.check_in.other_day', `brief of ${args.date} is not today`, { details: { date: args.date } });
    const created = await tx.briefCheckIn.createMany({
      data: [{ teamId: args.teamId, date: dateColumn(args.date), employeeId: args.employeeId, checkedInAt: args.at.toJSDate(), source: args.source }],
      skipDuplicates: true,
    });
    if (created.count === 0) {
      const row = await tx.briefCheckIn.findUniqueOrThrow({ where: key });
      return { outcome: 'already' as const, time: DateTime.fromJSDate(row.checkedInAt).setZone(zone).toFormat('HH:mm') };
    }
    await recordAudit(tx, [{ actor: args.employeeId, action: 'routine.brief.check_in', entity: 'team', entityId: args.teamId, details: { date: args.date, source: args.source }, at: args.at.toJSDate() }]);
    return { outcome: 'checked-in' as const, time: args.at.setZone(zone).toFormat('HH:mm') };
  });
}
