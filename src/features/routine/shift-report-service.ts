/**
 * Post-shift report (班后总结): after a team's last segment its team leader
 * gets the draft by DM (the day's figures against the targets, QA, lateness,
 * incidents, suggestions); they add the problems found and the measures taken
 * and send it, once, to their center manager and the department heads. One
 * report per team and date (shift_report's key); sending twice sends nothing new.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { reportDue, teamFigures } from '../../policy/routine/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { isLocale, DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
import { latenessOn, openIncidents, qaScoresOf, schedulesOn, suggestionsOn, summariesOn, teamMembers } from './routine-facts.ts';
import type { RoutineRenderers, ShiftReportFigures, ShiftReportView } from './routine-view.ts';

export const draftKey = (teamId: string, date: string) => `routine:report:${teamId}:${date}:draft`;
export const sentKey = (teamId: string, date: string, to: string) => `routine:report:${teamId}:${date}:to:${to}`;
export const REPORT_TEXT_MAX = 2000;

const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** The day's report content of a team as of `at`. */
export async function reportFigures(tx: Tx, policy: Policy, team: { id: string; name: string }, date: string, at: DateTime): Promise<ShiftReportFigures> {
  const members = await teamMembers(tx, team.id);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const lateness = await latenessOn(tx, policy, team.id, date, at);
  return {
    teamName: team.name,
    date,
    figures: teamFigures(date, await summariesOn(tx, members.map((m) => m.id), date), names, policy),
    qa: await qaScoresOf(tx, team.id, date),
    late: lateness.filter((l) => l.minutes > 0).map((l) => ({ name: names.get(l.employeeId) ?? l.employeeId, minutes: l.minutes })),
    absent: lateness.filter((l) => l.absent).map((l) => names.get(l.employeeId) ?? l.employeeId),
    incidents: await openIncidentsAndToday(tx, policy, date),
    suggestions: await suggestionsOn(tx, team.id, date),
  };
}

/** Incidents still open, and those of the day (resolved or not), with their status. */
async function openIncidentsAndToday(tx: Tx, policy: Policy, date: string) {
  const zone = policy.center.timeZone;
  const from = DateTime.fromISO(date, { zone }).startOf('day');
  const rows = await tx.incident.findMany({ where: { occurredAt: { gte: from.toJSDate(), lt: from.plus({ days: 1 }).toJSDate() } }, orderBy: { id: 'asc' } });
  const open = await openIncidents(tx, policy);
  const today = rows.map((i) => ({ id: i.id, type: i.type, status: i.status, occurredAt: DateTime.fromJSDate(i.occurredAt).setZone(zone).toFormat('yyyy-MM-dd HH:mm') }));
  return [...today, ...open.filter((o) => !today.some((x) => x.id === o.id))].sort((a, b) => a.id - b.id);
}

/** The team leader of a team (the first by id), or null. */
async function leaderOf(tx: Tx, teamId: string) {
  return tx.employee.findFirst({ where: { teamId, role: 'team_leader', active: true }, orderBy: { id: 'asc' } });
}

/**
 * As of the job's slot: each team whose last segment of the day has ended and
 * that has a team leader gets its report row (the figures of the day as of the
 * slot) and the draft DM to the leader, once each.
 */
export async function draftReports(prisma: PrismaClient, policy: Policy, slot: DateTime, render: RoutineRenderers, on: PlatformsOn = ALL_PLATFORMS): Promise<string[]> {
  const local = slot.setZone(policy.center.timeZone);
  const date = local.toISODate()!;
  const teams = await prisma.team.findMany({ orderBy: { id: 'asc' } });
  const drafted: string[] = [];
  for (const team of teams) {
    const done = await prisma.$transaction(async (tx) => {
      if (await tx.shiftReport.findUnique({ where: { teamId_date: { teamId: team.id, date: dateColumn(date) } } })) return false;
      const leader = await leaderOf(tx, team.id);
      if (!leader) return false;
      const members = await teamMembers(tx, team.id);
      if (!reportDue(await schedulesOn(tx, policy, members, date), local)) return false;
      const figures = await reportFigures(tx, policy, team, date, local);
      const created = await tx.shiftReport.createMany({ data: [{ teamId: team.id, date: dateColumn(date), leaderId: leader.id, figures: figures as object }], skipDuplicates: true });
      if (created.count === 0) return false;
      const view: ShiftReportView = { ...figures, teamId: team.id, leaderName: leader.name, problems: '', measures: '' };
      const to = (await peopleAddresses(tx, [leader.id], on)).get(leader.id) ?? [];
      await enqueue(tx, addressed(to, 'dm', (p) => render[p].reportDraft(localeOf(leader.locale), view), draftKey(team.id, date)));
      await recordAudit(tx, [{ actor: 'system', action: 'routine.report.draft', entity: 'shift_report', entityId: `${team.id}:${date}`, details: { leader: leader.id }, at: slot.toJSDate() }]);
      return true;
    });
    if (done) drafted.push(team.id);
  }
  return drafted;
}

/** The stored report the leader may still send, or why not (for the button, before the modal opens). */
export async function reportToSend(prisma: PrismaClient, policy: Policy, args: { teamId: string; date: string; actorId: string }): Promise<{ problems: string; measures: string; teamName: string }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.date)) throw new AppError('not_found', 'routine.report.not_found', 'bad report key');
  const row = await prisma.shiftReport.findUnique({ where: { teamId_date: { teamId: args.teamId, date: dateColumn(args.date) } } });
  if (!row) throw new AppError('not_found', 'routine.report.not_found', `no report ${args.teamId} ${args.date}`);
  if (row.leaderId !== args.actorId) throw new AppError('forbidden', 'routine.report.leader_only', `${args.actorId} is not the report's leader`);
  if (row.status === 'sent') throw new AppError('conflict', 'routine.report.already_sent', 'already sent', { details: { time: row.sentAt ? DateTime.fromJSDate(row.sentAt).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : '' } });
  const figures = row.figures as unknown as ShiftReportFigures;
  return { problems: row.problems, measures: row.measures, teamName: figures.teamName ?? args.teamId };
}

/** Who gets a sent report: the leader's manager when a center manager (else every center manager), and every department head. */
async function recipientsOf(tx: Tx, leader: { managerId: string | null }) {
  const manager = leader.managerId ? await tx.employee.findUnique({ where: { id: leader.managerId } }) : null;
  const managers = manager?.active && manager.role === 'center_manager' ? [manager] : await tx.employee.findMany({ where: { role: 'center_manager', active: true }, orderBy: { id: 'asc' } });
  const heads = await tx.employee.findMany({ where: { role: 'dept_head', active: true }, orderBy: { id: 'asc' } });
  return [...managers, ...heads];
}

/**
 * The leader sends the report with their problems and measures: stored and
 * DMed to the recipients in one transaction, once (a conditional update on
 * the draft status: a second send changes and sends nothing).
 */
export async function sendReport(
  prisma: PrismaClient,
  policy: Policy,
  args: { teamId: string; date: string; actorId: string; problems: string | null; measures: string | null; now: DateTime },
  render: RoutineRenderers,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<{ outcome: 'sent' | 'already'; to: string[] }> {
  const problems = (args.problems ?? '').trim();
  const measures = (args.measures ?? '').trim();
  if (!problems) throw new AppError('bad_input', 'routine.report.problems_required', 'problems required', { details: { field: 'problems' } });
  if (!measures) throw new AppError('bad_input', 'routine.report.measures_required', 'measures required', { details: { field: 'measures' } });
  for (const [field, text] of [['problems', problems], ['measures', measures]] as const)
    if (text.length > REPORT_TEXT_MAX) throw new AppError('bad_input', 'routine.report.too_long', `${field} too long`, { details: { field, max: REPORT_TEXT_MAX } });
  await reportToSend(prisma, policy, args).catch((error: unknown) => {
    if (error instanceof AppError && error.messageKey === 'routine.report.already_sent') return;
    throw error;
  });
  return prisma.$transaction(async (tx) => {
    const where = { teamId_date: { teamId: args.teamId, date: dateColumn(args.date) } };
    const leader = await tx.employee.findUniqueOrThrow({ where: { id: args.actorId } });
    const recipients = await recipientsOf(tx, leader);
    const updated = await tx.shiftReport.updateMany({
      where: { teamId: args.teamId, date: dateColumn(args.date), leaderId: args.actorId, status: 'draft' },
      data: { problems, measures, status: 'sent', sentAt: args.now.toJSDate(), sentById: args.actorId, sentTo: recipients.map((r) => r.id) },
    });
    const row = await tx.shiftReport.findUniqueOrThrow({ where });
    if (updated.count === 0) return { outcome: 'already' as const, to: row.sentTo };
    const view: ShiftReportView = { ...(row.figures as unknown as ShiftReportFigures), teamId: args.teamId, leaderName: leader.name, problems, measures };
    const addresses = await peopleAddresses(tx, recipients.map((r) => r.id), on);
    const messages: OutboxInput[] = recipients.flatMap((r) => addressed(addresses.get(r.id) ?? [], 'dm', (p) => render[p].reportSent(localeOf(r.locale), view), sentKey(args.teamId, args.date, r.id)));
    await enqueue(tx, messages);
    await recordAudit(tx, [{ actor: args.actorId, action: 'routine.report.send', entity: 'shift_report', entityId: `${args.teamId}:${args.date}`, details: { to: row.sentTo }, at: args.now.toJSDate() }]);
    return { outcome: 'sent' as const, to: row.sentTo };
  });
}

export interface DailyReportRow {
  date: string;
  team: string;
  leader: string;
  status: string;
  sentAt: string;
  sentTo: string;
  agents: number;
  callsMade: number;
  connectRate: string;
  questionnaires: number;
  target: number;
  orders: number;
  lateMinutes: number;
  absent: number;
  problems: string;
  measures: string;
}

/** `banzhang report daily --date`: the stored reports of a date, by team. */
export async function dailyReports(prisma: PrismaClient, policy: Policy, date: string): Promise<DailyReportRow[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid) throw new AppError('bad_input', 'routine.report.bad_date', `bad date ${date}`, { details: { date } });
  const rows = await prisma.shiftReport.findMany({ where: { date: dateColumn(date) }, orderBy: { teamId: 'asc' } });
  const people = await prisma.employee.findMany({ where: { id: { in: rows.flatMap((r) => [r.leaderId, ...r.sentTo]) } }, select: { id: true, name: true } });
  const name = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const f = r.figures as unknown as ShiftReportFigures;
    return {
      date: isoDateOf(r.date),
      team: f.teamName ?? r.teamId,
      leader: name.get(r.leaderId) ?? r.leaderId,
      status: r.status,
      sentAt: r.sentAt ? DateTime.fromJSDate(r.sentAt).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : '',
      sentTo: r.sentTo.map((id) => name.get(id) ?? id).join(', '),
      agents: f.figures.agents,
      callsMade: f.figures.callsMade,
      connectRate: f.figures.connectRate === null ? '' : `${f.figures.connectRate}%`,
      questionnaires: f.figures.questionnaires,
      target: f.figures.target,
      orders: f.figures.orders,
      lateMinutes: f.late.reduce((n, l) => n + l.minutes, 0),
      absent: f.absent.length,
      problems: r.problems,
      measures: r.measures,
    };
  });
}

/** The columns of `banzhang report daily`. */
export const DAILY_REPORT_COLUMNS: ReportColumn<DailyReportRow>[] = [
  { header: 'date', value: (r) => r.date },
  { header: 'team', value: (r) => r.team },
  { header: 'leader', value: (r) => r.leader },
  { header: 'status', value: (r) => r.status },
  { header: 'sent_at', value: (r) => r.sentAt },
  { header: 'sent_to', value: (r) => r.sentTo },
  { header: 'agents', value: (r) => r.agents },
  { header: 'calls_made', value: (r) => r.callsMade },
  { header: 'connect_rate', value: (r) => r.connectRate },
  { header: 'questionnaires', value: (r) => r.questionnaires },
  { header: 'target', value: (r) => r.target },
  { header: 'orders', value: (r) => r.orders },
  { header: 'late_minutes', value: (r) => r.lateMinutes },
  { header: 'absent', value: (r) => r.absent },
  { header: 'problems', value: (r) => r.problems },
  { header: 'measures', value: (r) => r.measures },
];
