/**
 * INC-2..INC-4 as pure functions: what a report must hold, the checklist of
 * each type, who may do what in which state, and when an unacknowledged
 * incident is escalated.
 *
 * Readings:
 * - INC-2 checklists exist for fire, illness and the outages (policy.md gives
 *   them); press visits and "other" have none (the policy names none).
 * - INC-3 "the team leader acknowledges …": the acting roles are the team
 *   leader and, since INC-4 alerts them, the center manager. The recorder may
 *   add notes to the timeline of their own report. An incident is resolved
 *   from open or acknowledged; resolving an open one answers it too (it is
 *   then no longer escalated). An outage is resolved only once classified
 *   (provincial system or local terminal), and with its recovery time, which
 *   lies between the time it happened and now.
 * - INC-4 "within 10 minutes": minutes are whole clock minutes (as LATE-2):
 *   an incident filed at 10:00:40 is due for escalation at 10:10, the filing
 *   minute plus `incidents.ackTimeoutMinutes`.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../config/schema.ts';
import { isIncidentType, isOutage, isOutageClassification, type IncidentAction, type IncidentStatus, type IncidentType, type OutageClassification } from './types.ts';

/** INC-2: the checklist of a type, as i18n keys in the order the floor follows them. */
export function checklistOf(type: IncidentType): string[] {
  if (type === 'fire') return ['incidents.checklist.fire.calm', 'incidents.checklist.fire.call_119', 'incidents.checklist.fire.stairs', 'incidents.checklist.fire.officer'];
  if (type === 'illness') return ['incidents.checklist.illness.family', 'incidents.checklist.illness.call_120', 'incidents.checklist.illness.report_up', 'incidents.checklist.illness.cover'];
  if (isOutage(type)) return ['incidents.checklist.outage.record', 'incidents.checklist.outage.judge'];
  return [];
}

export interface IncidentReportInput {
  type: string;
  occurredAt: DateTime | null;
  description: string;
  actionsTaken?: string;
  recoveryAt?: DateTime | null;
  /** Illness: the employee taken ill (null when not named). */
  subjectId?: string | null;
}

export type IncidentReportField = 'type' | 'occurredAt' | 'description' | 'recoveryAt' | 'subject';
export interface IncidentReportError {
  field: IncidentReportField;
  messageKey: string;
}

/** INC-2: every problem of a report (empty: it may be filed). Times later than `now` (to the minute) are refused. */
export function validateIncidentReport(input: IncidentReportInput, now: DateTime): IncidentReportError[] {
  const errors: IncidentReportError[] = [];
  const limit = now.startOf('minute').plus({ minutes: 1 });
  if (!isIncidentType(input.type)) errors.push({ field: 'type', messageKey: 'incidents.error.unknown_type' });
  if (!input.occurredAt || !input.occurredAt.isValid) errors.push({ field: 'occurredAt', messageKey: 'incidents.error.occurred_required' });
  else if (input.occurredAt >= limit) errors.push({ field: 'occurredAt', messageKey: 'incidents.error.occurred_in_future' });
  if (input.description.trim() === '') errors.push({ field: 'description', messageKey: 'incidents.error.description_required' });
  if (input.recoveryAt) {
    if (!input.recoveryAt.isValid || input.recoveryAt >= limit) errors.push({ field: 'recoveryAt', messageKey: 'incidents.error.recovery_in_future' });
    else if (input.occurredAt?.isValid && input.recoveryAt < input.occurredAt) errors.push({ field: 'recoveryAt', messageKey: 'incidents.error.recovery_before_occurred' });
  }
  if (input.type === 'illness' && !input.subjectId) errors.push({ field: 'subject', messageKey: 'incidents.error.subject_required' });
  return errors;
}

/** INC-3: the roles that acknowledge, classify, resolve and act on an incident. */
export const ACTING_ROLES: readonly RoleKey[] = ['team_leader', 'center_manager'];

export interface IncidentState {
  type: IncidentType;
  status: IncidentStatus;
  recorderId: string;
  occurredAt: DateTime;
  classification: OutageClassification | null;
  recoveryAt: DateTime | null;
  /** Illness: the person, and whether their sick leave was already filed from here. */
  subjectId: string | null;
  sickLeaveFiled: boolean;
  /** Outage: whether the window was already excused. */
  excused: boolean;
}

export interface IncidentActor {
  id: string;
  role: RoleKey;
  active: boolean;
}

export type ActionCheck = { ok: true; next: IncidentStatus } | { ok: false; messageKey: string };

/**
 * INC-3: may `actor` do `action` to the incident now? `args` carries what the
 * action brings (a classification, a recovery time) and `now`.
 */
export function checkIncidentAction(
  incident: IncidentState,
  actor: IncidentActor,
  action: IncidentAction,
  args: { now: DateTime; classification?: string | null; recoveryAt?: DateTime | null; onRollCall?: boolean } ,
): ActionCheck {
  const no = (messageKey: string): ActionCheck => ({ ok: false, messageKey });
  if (!actor.active) return no('incidents.error.not_allowed');
  const acting = ACTING_ROLES.includes(actor.role);
  const status = incident.status;
  switch (action) {
    case 'acknowledge':
      if (!acting) return no('incidents.error.not_allowed');
      if (status !== 'open') return no('incidents.error.already_acknowledged');
      return { ok: true, next: 'acknowledged' };
    case 'classify':
      if (!acting) return no('incidents.error.not_allowed');
      if (!isOutage(incident.type)) return no('incidents.error.not_an_outage');
      if (status === 'resolved') return no('incidents.error.already_resolved');
      if (!isOutageClassification(args.classification)) return no('incidents.error.classification_required');
      return { ok: true, next: status };
    case 'note':
      if (!acting && actor.id !== incident.recorderId) return no('incidents.error.not_allowed');
      if (status === 'resolved') return no('incidents.error.already_resolved');
      return { ok: true, next: status };
    case 'resolve': {
      if (!acting) return no('incidents.error.not_allowed');
      if (status === 'resolved') return no('incidents.error.already_resolved');
      const recovery = args.recoveryAt ?? null;
      if (!recovery || !recovery.isValid) return no('incidents.error.recovery_required');
      if (recovery >= args.now.startOf('minute').plus({ minutes: 1 })) return no('incidents.error.recovery_in_future');
      if (recovery < incident.occurredAt) return no('incidents.error.recovery_before_occurred');
      if (isOutage(incident.type) && !isOutageClassification(args.classification ?? incident.classification)) return no('incidents.error.classification_required');
      return { ok: true, next: 'resolved' };
    }
    case 'sick-leave':
      if (!acting) return no('incidents.error.not_allowed');
      if (incident.type !== 'illness' || !incident.subjectId) return no('incidents.error.not_an_illness');
      if (incident.sickLeaveFiled) return no('incidents.error.sick_leave_done');
      return { ok: true, next: status };
    case 'excuse':
      if (!acting) return no('incidents.error.not_allowed');
      if (!isOutage(incident.type)) return no('incidents.error.not_an_outage');
      if (status !== 'resolved' || !incident.recoveryAt) return no('incidents.error.not_resolved');
      if (incident.excused) return no('incidents.error.already_excused');
      return { ok: true, next: status };
    case 'safe':
      if (incident.type !== 'fire' || !args.onRollCall) return no('incidents.error.not_on_roll_call');
      return { ok: true, next: status };
  }
}

/** INC-4: the minute from which an incident not yet acknowledged is escalated. */
export function escalationDue(filedAt: DateTime, policy: Pick<Policy, 'incidents'>): DateTime {
  return filedAt.startOf('minute').plus({ minutes: policy.incidents.ackTimeoutMinutes });
}

/** INC-4: is the incident to be escalated at `at` (once: never after it was escalated, acknowledged or resolved)? */
export function shouldEscalate(
  incident: { status: IncidentStatus; filedAt: DateTime; escalatedAt: DateTime | null },
  at: DateTime,
  policy: Pick<Policy, 'incidents'>,
): boolean {
  if (incident.status !== 'open' || incident.escalatedAt) return false;
  return at >= escalationDue(incident.filedAt, policy);
}

/** INC-3: an outage's duration in whole minutes (for PAY-1 and LATE-7), null while it has not recovered. */
export function outageMinutes(occurredAt: DateTime, recoveryAt: DateTime | null): number | null {
  if (!recoveryAt) return null;
  return Math.max(0, Math.floor(recoveryAt.startOf('minute').diff(occurredAt.startOf('minute'), 'minutes').minutes));
}
