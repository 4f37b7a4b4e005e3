/**
 * The incident use cases (INC-1..INC-4) and their links to attendance: file a
 * report, acknowledge, add to the timeline, classify, resolve, the fire roll
 * call, a sick leave for the person taken ill, the bulk excuse of an outage
 * window, and the INC-4 escalation. Each change runs in one transaction: the
 * state (a conditional update on the incident's version), its timeline row,
 * the audit entry and the card updates (outbox) are stored together or not at all.
 */
import { DateTime } from 'luxon';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Policy } from '../../policy/config/schema.ts';
import {
  checkIncidentAction,
  checklistOf,
  isOutage,
  isOutageClassification,
  outageMinutes,
  rollCallAt,
  shouldEscalate,
  sickLeavePartFrom,
  staffingGap,
  validateIncidentReport,
  type IncidentAction,
  type IncidentReportInput,
  type IncidentState,
  type IncidentStatus,
  type IncidentType,
  type OutageClassification,
} from '../../policy/incidents/index.ts';
import type { LeaveOnDay } from '../../policy/lateness/types.ts';
import type { DayPart } from '../../policy/leave/types.ts';
import { daySchedule, type Segment } from '../../policy/working-time.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE, t, type MessageKey } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import { centerChannel, keyOn } from '../org/reach.ts';
import { clockRepository } from '../clock/clock-repository.ts';
import { excuseLateness } from '../lateness/excuse-service.ts';
import { decideLeave, fileLeave, LeaveValidationError, type LeaveDeps } from '../leave/leave-service.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';
import { incidentRepository, type Incident, type IncidentCard, type IncidentPerson, type IncidentRepository } from './incident-repository.ts';
import type { CardAudience, IncidentRenderer, IncidentView, TimelineEntry, TimelineKind } from './incident-view.ts';

/** A platform the cards go out on, how they look there, and a person's address on it (null: not reached there). */
export interface IncidentMessenger {
  platform: 'slack' | 'teams';
  render: IncidentRenderer;
  targetOf(person: IncidentPerson): string | null;
}

export interface IncidentDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  /** Where the one acting is: a report filed here posts and alerts here. */
  messenger: IncidentMessenger;
  /**
   * The other platforms: a card kept there (filed there, or an INC-4 alert) is
   * updated with their renderer whoever acts where; INC-4 alerts the managers
   * there too (their `targetOf`).
   */
  also?: IncidentMessenger[];
}

/** A report refused by INC-2: every problem, by field, as i18n keys. */
export class IncidentValidationError extends AppError {
  constructor(readonly fieldErrors: Array<{ field: string; messageKey: string }>) {
    super('bad_input', 'incidents.error.invalid', `incident report refused: ${fieldErrors.map((e) => e.messageKey).join(', ')}`);
  }
}

/** A report as filed: what INC-2 checks, who filed it and where. */
export interface IncidentReport extends IncidentReportInput {
  recorderId: string;
  /** slack | teams | cli */
  channel: string;
}

const MAX_ATTEMPTS = 3;
class ChangedMeanwhile extends Error {}

const local = (policy: Policy, d: Date) => DateTime.fromJSDate(d).setZone(policy.center.timeZone);
const fmt = (policy: Policy, d: Date | null) => (d ? local(policy, d).toFormat('yyyy-MM-dd HH:mm') : null);

function stateOf(incident: Incident): IncidentState {
  return {
    type: incident.type as IncidentType,
    status: incident.status as IncidentStatus,
    recorderId: incident.recorderId,
    occurredAt: DateTime.fromJSDate(incident.occurredAt),
    classification: isOutageClassification(incident.classification) ? incident.classification : null,
    recoveryAt: incident.recoveryAt ? DateTime.fromJSDate(incident.recoveryAt) : null,
    subjectId: incident.subjectId,
    sickLeaveFiled: incident.sickLeaveId !== null,
    excused: incident.excuseId !== null,
  };
}

/** What each person's day looks like at an instant: schedule segments and approved leave (for the roll call and the staffing gap). */
async function dayOf(tx: Tx, policy: Policy, people: IncidentPerson[], at: DateTime): Promise<Map<string, { segments: Segment[]; leave: LeaveOnDay[] }>> {
  const date = at.setZone(policy.center.timeZone).toISODate()!;
  const ids = people.map((p) => p.id);
  const { roster, leave: leaves } = await incidentRepository(tx).dayFacts(ids, date);
  const days = new Map<string, { segments: Segment[]; leave: LeaveOnDay[] }>();
  for (const p of people) {
    const entry = roster.find((r) => r.employeeId === p.id);
    const schedule = daySchedule({ employee: { id: p.id, role: p.role }, date, policy, ...(entry ? { roster: rosterEntryOf(entry) } : {}) });
    const leave = leaves
      .filter((l) => l.employeeId === p.id && isoDateOf(l.effectiveEndDate ?? l.endDate) >= date)
      .map((l) => ({ part: (isoDateOf(l.startDate) === isoDateOf(l.endDate) ? l.part : 'full') as DayPart }));
    days.set(p.id, { segments: schedule.kind === 'working' ? schedule.segments : [], leave });
  }
  return days;
}

/** Fire: the active people clocked in at `at` and not on leave (voided clock events left out). */
async function onTheFloor(tx: Tx, policy: Policy, people: IncidentPerson[], at: DateTime): Promise<string[]> {
  const active = people.filter((p) => p.active);
  const day = at.setZone(policy.center.timeZone);
  const events = await clockRepository(tx).effectiveEvents(
    active.map((p) => p.id),
    day.startOf('day').toJSDate(),
    day.startOf('minute').plus({ minutes: 1 }).toJSDate(),
  );
  const days = await dayOf(tx, policy, active, at);
  return rollCallAt(
    active.map((p) => ({
      id: p.id,
      events: events.filter((e) => e.employeeId === p.id).map((e) => ({ at: DateTime.fromJSDate(e.at), direction: e.direction as 'in' | 'out' })),
      segments: days.get(p.id)!.segments,
      leave: days.get(p.id)!.leave,
    })),
    day,
  );
}

async function buildView(tx: Tx, policy: Policy, incident: Incident, people: IncidentPerson[]): Promise<IncidentView> {
  const repo = incidentRepository(tx);
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id: string | null) => (id === null ? '' : id === 'system' ? 'banzhang' : (byId.get(id)?.name ?? id));
  const type = incident.type as IncidentType;
  const [updates, rollCall] = await Promise.all([repo.updates(incident.id), type === 'fire' ? repo.rollCall(incident.id) : Promise.resolve([])]);
  const timeline: TimelineEntry[] = updates.map((u) => {
    const d = (u.details ?? {}) as { classification?: string; recoveryAt?: string; leaveId?: number };
    return {
      at: fmt(policy, u.at)!,
      actor: name(u.actorId),
      kind: u.kind as TimelineKind,
      text: u.text,
      ...(isOutageClassification(d.classification) ? { classification: d.classification } : {}),
      ...(d.recoveryAt ? { recoveryAt: fmt(policy, new Date(d.recoveryAt))! } : {}),
      ...(typeof d.leaveId === 'number' ? { leaveId: d.leaveId } : {}),
    };
  });
  let staffing: IncidentView['staffing'] = null;
  const occurred = local(policy, incident.occurredAt);
  if (type === 'illness' && incident.subjectId) {
    const subject = byId.get(incident.subjectId);
    const team = people.filter((p) => p.active && p.teamId === subject?.teamId);
    const days = await dayOf(tx, policy, team, occurred);
    staffing = staffingGap(team.map((p) => ({ id: p.id, ...days.get(p.id)! })), incident.subjectId, occurred).map((s) => ({
      segment: s.segment,
      start: s.start.setZone(policy.center.timeZone).toFormat('HH:mm'),
      end: s.end.setZone(policy.center.timeZone).toFormat('HH:mm'),
      scheduled: s.scheduled,
      remaining: s.remaining,
    }));
  }
  const leave = incident.sickLeaveId && incident.sickLeaveId > 0 ? await repo.leaveById(incident.sickLeaveId) : null;
  return {
    id: incident.id,
    type,
    status: incident.status as IncidentStatus,
    outage: isOutage(type),
    occurredAt: fmt(policy, incident.occurredAt)!,
    filedAt: fmt(policy, incident.filedAt)!,
    description: incident.description,
    actionsTaken: incident.actionsTaken,
    recoveryAt: fmt(policy, incident.recoveryAt),
    durationMinutes: outageMinutes(DateTime.fromJSDate(incident.occurredAt), incident.recoveryAt ? DateTime.fromJSDate(incident.recoveryAt) : null),
    recorder: { id: incident.recorderId, name: name(incident.recorderId) },
    subject: incident.subjectId ? { id: incident.subjectId, name: name(incident.subjectId) } : null,
    acknowledged: incident.acknowledgedById && incident.acknowledgedAt ? { name: name(incident.acknowledgedById), at: fmt(policy, incident.acknowledgedAt)! } : null,
    escalated: incident.escalatedAt ? { at: fmt(policy, incident.escalatedAt)!, afterMinutes: policy.incidents.ackTimeoutMinutes } : null,
    classification: isOutageClassification(incident.classification) ? incident.classification : null,
    resolved: incident.resolvedById && incident.resolvedAt ? { name: name(incident.resolvedById), at: fmt(policy, incident.resolvedAt)! } : null,
    checklist: checklistOf(type),
    timeline,
    rollCall: type === 'fire' ? rollCall.map((r) => ({ employeeId: r.employeeId, name: name(r.employeeId), safeAt: r.safeAt ? local(policy, r.safeAt).toFormat('HH:mm') : null })).sort((a, b) => a.employeeId.localeCompare(b.employeeId)) : null,
    staffing,
    sickLeave: leave ? { id: leave.id, approver: name(leave.approverId), status: leave.status } : null,
    excused: incident.excuseId !== null && incident.excuseId > 0,
  };
}

/** The team leaders a report alerts: those of the recorder's and the subject's teams, else every active team leader. */
function leadersFor(people: IncidentPerson[], teamIds: string[]): IncidentPerson[] {
  const leaders = people.filter((p) => p.active && p.role === 'team_leader');
  const ofTeams = leaders.filter((p) => teamIds.includes(p.teamId));
  return ofTeams.length > 0 ? ofTeams : leaders;
}

function cardsOf(incident: Incident): IncidentCard[] {
  return (incident.cards as unknown as IncidentCard[] | null) ?? [];
}

const messengers = (deps: Pick<IncidentDeps, 'messenger' | 'also'>): IncidentMessenger[] => [deps.messenger, ...(deps.also ?? [])];

/** The update of every card of the incident to the current view, each on its platform (key: the version, so a retried change sends nothing twice). */
function cardUpdates(deps: Pick<IncidentDeps, 'messenger' | 'also'>, cards: IncidentCard[], version: number, view: IncidentView): OutboxInput[] {
  return cards.flatMap((c) => {
    const on = messengers(deps).find((m) => m.platform === (c.platform ?? 'slack'));
    return on ? [{ platform: on.platform, kind: 'update' as const, target: c.target, updateOf: c.key, dedupeKey: `${c.key}:v${version}`, payload: on.render.card(view, c.locale, c.audience) }] : [];
  });
}

/** A card kept on `on`'s platform (its key: Slack's as it was, others' + `:<platform>`). */
function newCard(on: IncidentMessenger, key: string, target: string, kind: 'post' | 'dm', locale: string, audience: CardAudience, view: IncidentView): { card: IncidentCard; message: OutboxInput } {
  const dedupeKey = keyOn(key, on.platform);
  return {
    card: { key: dedupeKey, target, kind, locale, audience, platform: on.platform },
    message: { platform: on.platform, kind, target, dedupeKey, payload: on.render.card(view, locale, audience) },
  };
}

/** INC-1, INC-2: files a report; alerts the team leader(s) by DM and posts to the incidents channel, with the checklist. Fire: the roll call. */
export async function fileIncident(deps: IncidentDeps, report: IncidentReport): Promise<IncidentView> {
  const { policy } = deps;
  return deps.prisma.$transaction(async (tx) => {
    const repo = incidentRepository(tx);
    const people = await repo.people();
    const recorder = people.find((p) => p.id === report.recorderId && p.active);
    if (!recorder) throw new AppError('not_in_org', 'common.not_in_org', `employee ${report.recorderId} is not in the org`);
    const now = deps.clock.now();
    const errors = validateIncidentReport({ ...report, description: report.description ?? '' }, now);
    const subject = report.subjectId ? people.find((p) => p.id === report.subjectId && p.active) : undefined;
    if (report.subjectId && !subject) errors.push({ field: 'subject', messageKey: 'incidents.error.unknown_subject' });
    if (errors.length > 0) throw new IncidentValidationError(errors);
    const type = report.type as IncidentType;
    const occurredAt = report.occurredAt!.startOf('minute');
    const incident = await repo.create({
      type,
      occurredAt: occurredAt.toJSDate(),
      description: report.description.trim(),
      actionsTaken: report.actionsTaken?.trim() ?? '',
      recoveryAt: report.recoveryAt ? report.recoveryAt.startOf('minute').toJSDate() : null,
      recorderId: recorder.id,
      filedAt: now.toJSDate(),
      subjectId: type === 'illness' ? (subject?.id ?? null) : null,
      channel: report.channel,
    });
    await repo.addUpdate({ incidentId: incident.id, actorId: recorder.id, at: now.toJSDate(), kind: 'filed' });
    const rollCall = type === 'fire' ? await onTheFloor(tx, policy, people, occurredAt) : [];
    if (rollCall.length > 0) await repo.addRollCall(incident.id, rollCall);
    await recordAudit(tx, [
      {
        actor: recorder.id,
        action: 'incident.file',
        entity: 'incident',
        entityId: String(incident.id),
        details: { type, occurredAt: occurredAt.toISO(), subjectId: incident.subjectId, rollCall },
        at: now.toJSDate(),
      },
    ]);
    const view = await buildView(tx, policy, incident, people);
    const made: Array<ReturnType<typeof newCard>> = [];
    // The incidents channel of the platform it was filed on (reach.ts: `channels.incidents`, `channels.teams.incidents`).
    const channel = (await centerChannel(tx, 'incidents')).find((a) => a.platform === deps.messenger.platform);
    if (channel) made.push(newCard(deps.messenger, `incident:${incident.id}:post`, channel.target, 'post', DEFAULT_LOCALE, 'channel', view));
    for (const leader of leadersFor(people, [recorder.teamId, ...(subject ? [subject.teamId] : [])])) {
      const target = deps.messenger.targetOf(leader);
      if (target) made.push(newCard(deps.messenger, `incident:${incident.id}:dm:${leader.id}`, target, 'dm', leader.locale, 'leader', view));
    }
    await repo.setCards(incident.id, made.map((m) => m.card));
    await enqueue(tx, made.map((m) => m.message));
    return view;
  });
}

interface Change {
  data: Prisma.IncidentUncheckedUpdateManyInput;
  timeline: Array<{ kind: TimelineKind; text?: string; details?: Prisma.InputJsonValue }>;
  audit: { action: string; details?: Prisma.InputJsonValue };
}

/** Details of a refusal: who already acknowledged or resolved it, and when. */
function refusal(policy: Policy, incident: Incident, people: IncidentPerson[], messageKey: string): AppError {
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? id ?? '?';
  const by = messageKey === 'incidents.error.already_acknowledged' ? incident.acknowledgedById : incident.resolvedById;
  const at = messageKey === 'incidents.error.already_acknowledged' ? incident.acknowledgedAt : incident.resolvedAt;
  const code = messageKey === 'incidents.error.not_allowed' ? 'forbidden' : messageKey.startsWith('incidents.error.already') || messageKey.endsWith('_done') ? 'conflict' : 'bad_input';
  return new AppError(code, messageKey, `incident ${incident.id}: ${messageKey}`, { details: { id: incident.id, by: name(by), at: fmt(policy, at) ?? '?' } });
}

/** The incident and the people, the actor (active, in the org) allowed `action` by INC-3; a refusal otherwise. */
async function checkedIncident(
  repo: IncidentRepository,
  policy: Policy,
  incidentId: number,
  actorId: string,
  action: IncidentAction,
  context: Parameters<typeof checkIncidentAction>[3],
): Promise<{ incident: Incident; people: IncidentPerson[] }> {
  const incident = await repo.byId(incidentId);
  if (!incident) throw new AppError('not_found', 'incidents.error.not_found', `incident ${incidentId} not found`, { details: { id: incidentId } });
  const people = await repo.people();
  const actor = people.find((p) => p.id === actorId && p.active);
  if (!actor) throw new AppError('not_in_org', 'common.not_in_org', `employee ${actorId} is not in the org`);
  const check = checkIncidentAction(stateOf(incident), actor, action, context);
  if (!check.ok) throw refusal(policy, incident, people, check.messageKey);
  return { incident, people };
}

/** After a change: its timeline rows and audit entry, then the incident's view, every card updated (same transaction). */
async function recordChange(tx: Tx, deps: IncidentDeps, incidentId: number, actorId: string, now: DateTime, c: Change, people: IncidentPerson[]): Promise<IncidentView> {
  const repo = incidentRepository(tx);
  for (const row of c.timeline) await repo.addUpdate({ incidentId, actorId, at: now.toJSDate(), ...row });
  await recordAudit(tx, [{ actor: actorId, action: c.audit.action, entity: 'incident', entityId: String(incidentId), details: c.audit.details ?? {}, at: now.toJSDate() }]);
  const changed = (await repo.byId(incidentId))!;
  const view = await buildView(tx, deps.policy, changed, people);
  await enqueue(tx, cardUpdates(deps, cardsOf(changed), changed.version, view));
  return view;
}

/**
 * One change of an incident, by one person: checks INC-3, writes the change if
 * nobody changed the incident meanwhile (else reads again and re-checks),
 * adds the timeline rows and the audit entry, and updates every card.
 */
async function change(
  deps: IncidentDeps,
  incidentId: number,
  actorId: string,
  action: IncidentAction,
  args: { classification?: string | null; recoveryAt?: DateTime | null; onRollCall?: boolean },
  decide: (incident: Incident, now: DateTime, repo: IncidentRepository) => Change | Promise<Change>,
): Promise<IncidentView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.prisma.$transaction(async (tx) => {
        const repo = incidentRepository(tx);
        const now = deps.clock.now();
        const { incident, people } = await checkedIncident(repo, deps.policy, incidentId, actorId, action, { now, ...args });
        const c = await decide(incident, now, repo);
        if (action === 'safe') await repo.bumpVersion(incident.id);
        else if (!(await repo.changeIfUnchanged(incident.id, incident.version, c.data))) throw new ChangedMeanwhile();
        return recordChange(tx, deps, incident.id, actorId, now, c, people);
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof ChangedMeanwhile) throw new AppError('conflict', 'incidents.error.changed_meanwhile', `incident ${incidentId} kept changing`, { details: { id: incidentId } });
      throw error;
    }
  }
}

/** INC-3: the team leader (or the center manager) acknowledges, once. */
export function acknowledgeIncident(deps: IncidentDeps, args: { incidentId: number; actorId: string }): Promise<IncidentView> {
  return change(deps, args.incidentId, args.actorId, 'acknowledge', {}, (_, now) => ({
    data: { status: 'acknowledged', acknowledgedById: args.actorId, acknowledgedAt: now.toJSDate() },
    timeline: [{ kind: 'acknowledged' }],
    audit: { action: 'incident.acknowledge' },
  }));
}

/** INC-3: an update for the timeline (a note), and for an outage its classification (provincial system or local terminal). */
export async function updateIncident(deps: IncidentDeps, args: { incidentId: number; actorId: string; text?: string | null; classification?: string | null }): Promise<IncidentView> {
  const text = args.text?.trim() ?? '';
  const classification = args.classification || null;
  if (!text && !classification) throw new AppError('bad_input', 'incidents.error.update_empty', 'an update needs a note or a classification');
  if (classification) {
    const view = await change(deps, args.incidentId, args.actorId, 'classify', { classification }, () => ({
      data: { classification },
      timeline: [{ kind: 'classified', details: { classification } }, ...(text ? [{ kind: 'note' as const, text }] : [])],
      audit: { action: 'incident.classify', details: { classification, note: text || null } },
    }));
    return view;
  }
  return change(deps, args.incidentId, args.actorId, 'note', {}, () => ({
    data: {},
    timeline: [{ kind: 'note', text }],
    audit: { action: 'incident.note', details: { note: text } },
  }));
}

/** INC-3: resolves with the recovery time (an outage classified, now or before). Resolving an open incident answers it too. */
export function resolveIncident(
  deps: IncidentDeps,
  args: { incidentId: number; actorId: string; recoveryAt: DateTime | null; classification?: string | null; text?: string | null },
): Promise<IncidentView> {
  const recoveryAt = args.recoveryAt?.startOf('minute') ?? null;
  const text = args.text?.trim() ?? '';
  return change(deps, args.incidentId, args.actorId, 'resolve', { recoveryAt, classification: args.classification ?? null }, (incident, now) => {
    const classification = isOutage(incident.type as IncidentType) && isOutageClassification(args.classification) ? (args.classification as OutageClassification) : null;
    return {
      data: {
        status: 'resolved',
        resolvedById: args.actorId,
        resolvedAt: now.toJSDate(),
        recoveryAt: recoveryAt!.toJSDate(),
        ...(classification ? { classification } : {}),
        ...(incident.acknowledgedAt ? {} : { acknowledgedById: args.actorId, acknowledgedAt: now.toJSDate() }),
      },
      timeline: [
        ...(classification && classification !== incident.classification ? [{ kind: 'classified' as const, details: { classification } }] : []),
        { kind: 'resolved', text, details: { recoveryAt: recoveryAt!.toISO() } },
      ],
      audit: { action: 'incident.resolve', details: { recoveryAt: recoveryAt!.toISO(), classification: classification ?? incident.classification, note: text || null } },
    };
  });
}

/** Fire: the person on the roll call says they are safe (only for themselves, once). */
export async function markSafe(deps: IncidentDeps, args: { incidentId: number; actorId: string }): Promise<IncidentView> {
  const onRollCall = await incidentRepository(deps.prisma).rollCallEntry(args.incidentId, args.actorId);
  if (onRollCall?.safeAt) {
    throw new AppError('conflict', 'incidents.error.already_safe', `${args.actorId} already marked safe`, {
      details: { id: args.incidentId, at: local(deps.policy, onRollCall.safeAt).toFormat('HH:mm') },
    });
  }
  return change(deps, args.incidentId, args.actorId, 'safe', { onRollCall: onRollCall !== null }, async (incident, now, repo) => {
    if (!(await repo.markSafeOnce(incident.id, args.actorId, now.toJSDate()))) {
      throw new AppError('conflict', 'incidents.error.already_safe', `${args.actorId} already marked safe`, { details: { id: incident.id, at: now.setZone(deps.policy.center.timeZone).toFormat('HH:mm') } });
    }
    return { data: {}, timeline: [{ kind: 'safe' }], audit: { action: 'incident.safe' } };
  });
}

/**
 * Steps done through another feature's use case (its own transaction): the
 * incident's column is claimed first, so two clicks cannot both do it; the
 * claim is released if the step fails, and replaced by the result's id after.
 */
async function viaOtherUseCase<R>(
  deps: IncidentDeps,
  args: { incidentId: number; actorId: string },
  column: 'sickLeaveId' | 'excuseId',
  action: IncidentAction,
  step: (incident: Incident, people: IncidentPerson[]) => Promise<{ id: number; result: R }>,
  done: (id: number, result: R) => Change,
): Promise<{ view: IncidentView; result: R }> {
  const { incident, people } = await deps.prisma.$transaction(async (tx) => {
    const repo = incidentRepository(tx);
    const { incident, people } = await checkedIncident(repo, deps.policy, args.incidentId, args.actorId, action, { now: deps.clock.now() });
    if (!(await repo.claimStep(incident.id, column))) throw refusal(deps.policy, incident, people, action === 'excuse' ? 'incidents.error.already_excused' : 'incidents.error.sick_leave_done');
    return { incident, people };
  });
  let outcome: { id: number; result: R };
  try {
    outcome = await step(incident, people);
  } catch (error) {
    await deps.prisma.$transaction((tx) => incidentRepository(tx).releaseStep(incident.id, column));
    throw error;
  }
  const c = done(outcome.id, outcome.result);
  const view = await deps.prisma.$transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await incidentRepository(tx).finishStep(incident.id, column, outcome.id))) throw new Error(`incident ${incident.id}: the claim on ${column} was lost`);
    return recordChange(tx, deps, incident.id, args.actorId, now, c, people);
  });
  return { view, result: outcome.result };
}

/**
 * Illness: a one-click sick leave for the person taken ill, from the moment it
 * happened (full day, or the afternoon when the first segment was over), proof
 * to follow (LEAVE-3). Filed through the leave use case: routed by LEAVE-4 to
 * the person's approver, who decides once (LEAVE-5); when the one clicking is
 * that approver, the click approves it too.
 */
export async function fileSickLeaveForSubject(deps: IncidentDeps, leave: LeaveDeps, args: { incidentId: number; actorId: string }): Promise<{ view: IncidentView; leaveId: number; approved: boolean }> {
  const { view, result } = await viaOtherUseCase(
    deps,
    args,
    'sickLeaveId',
    'sick-leave',
    async (incident, people) => {
      const subject = people.find((p) => p.id === incident.subjectId)!;
      const occurred = local(deps.policy, incident.occurredAt);
      const date = occurred.toISODate()!;
      const entry = (await incidentRepository(deps.prisma).dayFacts([subject.id], date)).roster[0];
      const schedule = daySchedule({ employee: { id: subject.id, role: subject.role }, date, policy: deps.policy, ...(entry ? { roster: rosterEntryOf(entry) } : {}) });
      const part = sickLeavePartFrom(schedule.kind === 'working' ? schedule.segments : [], occurred);
      if (!part) throw new AppError('bad_input', 'incidents.error.day_over', `no working time left on ${date} for ${subject.id}`, { details: { id: incident.id, date } });
      let filed;
      try {
        filed = await fileLeave(leave, {
          employeeId: subject.id,
          type: 'sick',
          startDate: date,
          endDate: date,
          part,
          reason: t(DEFAULT_LOCALE, 'incidents.sick_leave.reason', { id: incident.id, time: occurred.toFormat('HH:mm') }),
          emergency: false,
          proof: 'follows',
        });
      } catch (error) {
        if (error instanceof LeaveValidationError && error.fieldErrors[0]) {
          const first = error.fieldErrors[0];
          throw new AppError('bad_input', first.messageKey, error.message, { details: { ...(first.params ?? {}) } });
        }
        throw error;
      }
      let approved = false;
      if (filed.approver.id === args.actorId) {
        await decideLeave(leave, { requestId: filed.request.id, actorId: args.actorId, decision: 'approved', note: t(DEFAULT_LOCALE, 'incidents.sick_leave.note', { id: incident.id }) });
        approved = true;
      }
      return { id: filed.request.id, result: { approved, part, approverId: filed.approver.id } };
    },
    (leaveId, r) => ({
      data: {},
      timeline: [{ kind: 'sick-leave', details: { leaveId, part: r.part, approverId: r.approverId, approved: r.approved } }],
      audit: { action: 'incident.sick_leave', details: { leaveId, part: r.part, approverId: r.approverId, approved: r.approved } },
    }),
  );
  return { view, leaveId: view.sickLeave?.id ?? 0, approved: result.approved };
}

/**
 * Outage, once resolved: excuses in bulk the lateness and early leave of the
 * outage window [occurredAt, recoveryAt] (LATE-7, audited by the excuse use
 * case), the incident named as the reason.
 */
export async function excuseOutageWindow(deps: IncidentDeps, args: { incidentId: number; actorId: string }): Promise<IncidentView> {
  const { view } = await viaOtherUseCase(
    deps,
    args,
    'excuseId',
    'excuse',
    async (incident) => {
      const from = local(deps.policy, incident.occurredAt);
      const to = local(deps.policy, incident.recoveryAt!);
      const reason = t(DEFAULT_LOCALE, 'incidents.excuse.reason', {
        id: incident.id,
        type: t(DEFAULT_LOCALE, `incidents.type.${incident.type}` as MessageKey),
        from: local(deps.policy, incident.occurredAt).toFormat('yyyy-MM-dd HH:mm'),
        to: local(deps.policy, incident.recoveryAt!).toFormat('HH:mm'),
      });
      const id = await excuseLateness(deps.prisma, { actorId: args.actorId, reason, scope: { window: { from, to }, incidentId: String(incident.id) }, at: deps.clock.now() });
      return { id, result: null };
    },
    (excuseId) => ({ data: {}, timeline: [{ kind: 'excused', details: { excuseId } }], audit: { action: 'incident.excuse', details: { excuseId } } }),
  );
  return view;
}

/**
 * INC-4: every incident not acknowledged within `incidents.ackTimeoutMinutes`
 * of its filing minute is escalated once, as of `at`: each active center
 * manager gets the card by DM on every platform of `messenger` and `also`
 * where they are reached (the job asks features/org/reach.ts which are on),
 * in the transaction that sets `escalatedAt`; each card is kept and updated.
 */
export async function escalateUnacknowledged(deps: Omit<IncidentDeps, 'clock'>, at: DateTime): Promise<number[]> {
  const { policy } = deps;
  const slot = at.startOf('minute');
  const candidates = await deps.prisma.$transaction((tx) => incidentRepository(tx).unacknowledged(slot.plus({ minutes: 1 }).toJSDate()));
  const escalated: number[] = [];
  for (const candidate of candidates) {
    if (!shouldEscalate({ status: candidate.status as IncidentStatus, filedAt: DateTime.fromJSDate(candidate.filedAt), escalatedAt: null }, slot, policy)) continue;
    const done = await deps.prisma.$transaction(async (tx) => {
      const repo = incidentRepository(tx);
      if (!(await repo.escalateOnce(candidate.id, slot.toJSDate()))) return false;
      const people = await repo.people();
      await repo.addUpdate({ incidentId: candidate.id, actorId: 'system', at: slot.toJSDate(), kind: 'escalated' });
      const managers = people.filter((p) => p.active && p.role === 'center_manager');
      await recordAudit(tx, [
        { actor: 'system', action: 'incident.escalate', entity: 'incident', entityId: String(candidate.id), details: { managers: managers.map((m) => m.id), afterMinutes: policy.incidents.ackTimeoutMinutes }, at: slot.toJSDate() },
      ]);
      const incident = (await repo.byId(candidate.id))!;
      const view = await buildView(tx, policy, incident, people);
      const existing = cardsOf(incident);
      const made = managers.flatMap((m) =>
        messengers(deps).flatMap((on) => {
          const target = on.targetOf(m);
          return target ? [newCard(on, `incident:${incident.id}:escalation:${m.id}`, target, 'dm', m.locale, 'manager', view)] : [];
        }),
      );
      await repo.setCards(incident.id, [...existing, ...made.map((m) => m.card)]);
      await enqueue(tx, [...cardUpdates(deps, existing, incident.version, view), ...made.map((m) => m.message)]);
      return true;
    });
    if (done) escalated.push(candidate.id);
  }
  return escalated;
}

/** The incident as it stands (for a channel to render on demand). */
export async function incidentView(prisma: PrismaClient, policy: Policy, incidentId: number): Promise<IncidentView> {
  return prisma.$transaction(async (tx) => {
    const repo = incidentRepository(tx);
    const incident = await repo.byId(incidentId);
    if (!incident) throw new AppError('not_found', 'incidents.error.not_found', `incident ${incidentId} not found`, { details: { id: incidentId } });
    return buildView(tx, policy, incident, await repo.people());
  });
}
