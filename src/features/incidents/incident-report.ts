/**
 * The monthly record of incidents (`banzhang report incidents --month YYYY-MM`)
 * and the month's outages for PAY-1 (INC-3: "an outage's duration is available
 * to PAY-1 and to lateness excuses"). An incident belongs to the month in which
 * it happened (center time).
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { isOutage, isOutageClassification, outageMinutes, type IncidentType, type OutageClassification } from '../../policy/incidents/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { incidentRepository } from './incident-repository.ts';

function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: timeZone });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) {
    throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  }
  return { from: first.toJSDate(), to: first.plus({ months: 1 }).toJSDate() };
}

export interface RecordedOutage {
  incidentId: number;
  type: IncidentType;
  classification: OutageClassification | null;
  occurredAt: DateTime;
  recoveryAt: DateTime;
  minutes: number;
}

/** INC-3 for PAY-1: the resolved outages (with their recovery time) that happened in `month`, center time. */
export async function outagesOfMonth(tx: Tx, month: string, timeZone: string): Promise<RecordedOutage[]> {
  const { from, to } = monthRange(month, timeZone);
  const rows = await incidentRepository(tx).between(from, to);
  return rows
    .filter((r) => isOutage(r.type as IncidentType) && r.status === 'resolved' && r.recoveryAt)
    .map((r) => ({
      incidentId: r.id,
      type: r.type as IncidentType,
      classification: isOutageClassification(r.classification) ? r.classification : null,
      occurredAt: DateTime.fromJSDate(r.occurredAt),
      recoveryAt: DateTime.fromJSDate(r.recoveryAt!),
      minutes: outageMinutes(DateTime.fromJSDate(r.occurredAt), DateTime.fromJSDate(r.recoveryAt!))!,
    }));
}

/**
 * PAY-1 reading: a provincial-system outage recorded (and resolved) in the
 * month made the month's quota impossible for every agent who did not meet it.
 * A local-terminal outage does not.
 */
export function outageMadeQuotaImpossible(outages: readonly RecordedOutage[]): boolean {
  return outages.some((o) => o.classification === 'provincial-system');
}

export interface IncidentReportRow {
  id: number;
  type: IncidentType;
  status: string;
  occurredAt: string;
  filedAt: string;
  recorder: string;
  subject: string;
  description: string;
  actionsTaken: string;
  acknowledgedBy: string;
  acknowledgedAt: string;
  escalatedAt: string;
  classification: string;
  recoveryAt: string;
  durationMinutes: number | '';
  resolvedBy: string;
  resolvedAt: string;
  rollCall: string;
  sickLeaveId: number | '';
  excused: boolean;
  updates: number;
}

export async function incidentsReport(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<IncidentReportRow[]> {
  const zone = deps.policy.center.timeZone;
  const { from, to } = monthRange(month, zone);
  const at = (d: Date | null) => (d ? DateTime.fromJSDate(d).setZone(zone).toFormat('yyyy-MM-dd HH:mm') : '');
  return deps.prisma.$transaction(async (tx) => {
    const repo = incidentRepository(tx);
    const [rows, people] = await Promise.all([repo.between(from, to), repo.people()]);
    const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id) : '');
    const ids = rows.map((r) => r.id);
    const { rollCalls, updates } = await repo.reportFacts(ids);
    return rows.map((r) => {
      const calls = rollCalls.filter((c) => c.incidentId === r.id);
      const minutes = outageMinutes(DateTime.fromJSDate(r.occurredAt), r.recoveryAt ? DateTime.fromJSDate(r.recoveryAt) : null);
      return {
        id: r.id,
        type: r.type as IncidentType,
        status: r.status,
        occurredAt: at(r.occurredAt),
        filedAt: at(r.filedAt),
        recorder: name(r.recorderId),
        subject: name(r.subjectId),
        description: r.description,
        actionsTaken: r.actionsTaken,
        acknowledgedBy: name(r.acknowledgedById),
        acknowledgedAt: at(r.acknowledgedAt),
        escalatedAt: at(r.escalatedAt),
        classification: r.classification ?? '',
        recoveryAt: at(r.recoveryAt),
        durationMinutes: minutes ?? '',
        resolvedBy: name(r.resolvedById),
        resolvedAt: at(r.resolvedAt),
        rollCall: r.type === 'fire' ? `${calls.filter((c) => c.safeAt).length}/${calls.length}` : '',
        sickLeaveId: r.sickLeaveId && r.sickLeaveId > 0 ? r.sickLeaveId : '',
        excused: r.excuseId !== null && r.excuseId > 0,
        updates: updates.get(r.id) ?? 0,
      };
    });
  });
}

export const INCIDENT_COLUMNS: ReportColumn<IncidentReportRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'type', value: (r) => r.type },
  { header: 'status', value: (r) => r.status },
  { header: 'occurred_at', value: (r) => r.occurredAt },
  { header: 'filed_at', value: (r) => r.filedAt },
  { header: 'recorder', value: (r) => r.recorder },
  { header: 'subject', value: (r) => r.subject },
  { header: 'acknowledged_by', value: (r) => r.acknowledgedBy },
  { header: 'acknowledged_at', value: (r) => r.acknowledgedAt },
  { header: 'escalated_at', value: (r) => r.escalatedAt },
  { header: 'classification', value: (r) => r.classification },
  { header: 'recovery_at', value: (r) => r.recoveryAt },
  { header: 'duration_minutes', value: (r) => r.durationMinutes },
  { header: 'resolved_by', value: (r) => r.resolvedBy },
  { header: 'resolved_at', value: (r) => r.resolvedAt },
  { header: 'roll_call_safe', value: (r) => r.rollCall },
  { header: 'sick_leave_id', value: (r) => r.sickLeaveId },
  { header: 'lateness_excused', value: (r) => (r.excused ? 'yes' : 'no') },
  { header: 'updates', value: (r) => r.updates },
  { header: 'description', value: (r) => r.description },
  { header: 'actions_taken', value: (r) => r.actionsTaken },
];
