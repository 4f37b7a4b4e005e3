/** The only code that names the incident tables (incident, incident_update, incident_roll_call). */
import type { Incident, IncidentRollCall, IncidentUpdate, Prisma } from '../../generated/prisma/client.ts';
import type { RoleKey } from '../../policy/config/schema.ts';
import { dateColumn, type Tx } from '../../shared/db/types.ts';

export type { Incident, IncidentRollCall, IncidentUpdate };

export interface IncidentPerson {
  id: string;
  name: string;
  role: RoleKey;
  teamId: string;
  active: boolean;
  locale: string;
  slackId: string | null;
  /** The Teams AAD object id (org file `teams:`): INC-4 escalation reaches Teams too. */
  teamsId: string | null;
}

/** A card posted for the incident, kept to update it in place (outbox dedupe key and target). */
export interface IncidentCard {
  key: string;
  target: string;
  kind: 'post' | 'dm';
  locale: string;
  audience: 'channel' | 'leader' | 'manager';
  /** Where the card lives (missing: Slack, the cards kept before Teams had them). */
  platform?: 'slack' | 'teams';
}

export function incidentRepository(tx: Tx) {
  return {
    async people(): Promise<IncidentPerson[]> {
      const rows = await tx.employee.findMany({ include: { chatIdentities: true }, orderBy: { id: 'asc' } });
      return rows.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role as RoleKey,
        teamId: e.teamId,
        active: e.active,
        locale: e.locale,
        slackId: e.chatIdentities.find((i) => i.platform === 'slack')?.externalId ?? null,
        teamsId: e.chatIdentities.find((i) => i.platform === 'teams')?.externalId ?? null,
      }));
    },

    create: (data: Prisma.IncidentUncheckedCreateInput) => tx.incident.create({ data }),

    byId: (id: number) => tx.incident.findUnique({ where: { id } }),

    /**
     * Writes a change only if nobody changed the incident since it was read
     * (same version); bumps the version. False: someone got there first.
     */
    async changeIfUnchanged(id: number, version: number, data: Prisma.IncidentUncheckedUpdateManyInput): Promise<boolean> {
      const { count } = await tx.incident.updateMany({ where: { id, version }, data: { ...data, version: version + 1 } });
      return count === 1;
    },

    setCards: (id: number, cards: IncidentCard[]) => tx.incident.update({ where: { id }, data: { cards: cards as unknown as Prisma.InputJsonValue } }),

    addUpdate: (data: { incidentId: number; actorId: string; at: Date; kind: string; text?: string; details?: Prisma.InputJsonValue }) =>
      tx.incidentUpdate.create({ data: { ...data, text: data.text ?? '', details: data.details ?? {} } }),

    updates: (incidentId: number) => tx.incidentUpdate.findMany({ where: { incidentId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),

    addRollCall: (incidentId: number, employeeIds: string[]) =>
      tx.incidentRollCall.createMany({ data: employeeIds.map((employeeId) => ({ incidentId, employeeId })), skipDuplicates: true }),

    rollCall: (incidentId: number) => tx.incidentRollCall.findMany({ where: { incidentId }, orderBy: { employeeId: 'asc' } }),

    /** Fire: records that the person is safe, once. False: not on the roll call, or already safe. */
    async markSafeOnce(incidentId: number, employeeId: string, at: Date): Promise<boolean> {
      const { count } = await tx.incidentRollCall.updateMany({ where: { incidentId, employeeId, safeAt: null }, data: { safeAt: at } });
      return count === 1;
    },

    /** INC-4 candidates: open, never escalated, filed before `filedBefore`. */
    unacknowledged: (filedBefore: Date) =>
      tx.incident.findMany({ where: { status: 'open', escalatedAt: null, filedAt: { lt: filedBefore } }, orderBy: { id: 'asc' } }),

    /** INC-4: marks the escalation once; false when it was escalated, acknowledged or resolved meanwhile. */
    async escalateOnce(id: number, at: Date): Promise<boolean> {
      const { count } = await tx.incident.updateMany({ where: { id, status: 'open', escalatedAt: null }, data: { escalatedAt: at, version: { increment: 1 } } });
      return count === 1;
    },

    /**
     * A step done through another use case's own transaction (the sick leave,
     * the excuse) is claimed first so that two clicks cannot both do it: the
     * column holds minus the incident id while the step runs.
     */
    async claimStep(id: number, column: 'sickLeaveId' | 'excuseId'): Promise<boolean> {
      const { count } = await tx.incident.updateMany({ where: { id, [column]: null }, data: { [column]: -id } });
      return count === 1;
    },
    async releaseStep(id: number, column: 'sickLeaveId' | 'excuseId'): Promise<void> {
      await tx.incident.updateMany({ where: { id, [column]: -id }, data: { [column]: null } });
    },

    /** "I'm safe" needs no check of the incident's state: the version is bumped (the row lock orders concurrent answers). */
    bumpVersion: (id: number) => tx.incident.update({ where: { id }, data: { version: { increment: 1 } } }),

    /** Replaces a step's claim by its result's id (false: the claim was lost). */
    async finishStep(id: number, column: 'sickLeaveId' | 'excuseId', value: number): Promise<boolean> {
      const { count } = await tx.incident.updateMany({ where: { id, [column]: -id }, data: { [column]: value, version: { increment: 1 } } });
      return count === 1;
    },

    rollCallEntry: (incidentId: number, employeeId: string) => tx.incidentRollCall.findUnique({ where: { incidentId_employeeId: { incidentId, employeeId } } }),

    /** The roster entries and approved leave of people on one local date (for the roll call and the staffing gap). */
    async dayFacts(employeeIds: string[], date: string) {
      const [roster, leave] = await Promise.all([
        tx.rosterEntry.findMany({ where: { employeeId: { in: employeeIds }, date: dateColumn(date) } }),
        tx.leaveRequest.findMany({ where: { employeeId: { in: employeeIds }, status: 'approved', startDate: { lte: dateColumn(date) }, endDate: { gte: dateColumn(date) } } }),
      ]);
      return { roster, leave };
    },

    leaveById: (id: number) => tx.leaveRequest.findUnique({ where: { id } }),

    /** Per incident: its roll call rows and the number of timeline rows (the monthly report). */
    async reportFacts(incidentIds: number[]) {
      const [rollCalls, updates] = await Promise.all([
        tx.incidentRollCall.findMany({ where: { incidentId: { in: incidentIds } } }),
        tx.incidentUpdate.groupBy({ by: ['incidentId'], where: { incidentId: { in: incidentIds } }, _count: { _all: true } }),
      ]);
      return { rollCalls, updates: new Map(updates.map((u) => [u.incidentId, u._count._all])) };
    },

    /** Incidents that happened in [from, to). */
    between: (from: Date, to: Date) => tx.incident.findMany({ where: { occurredAt: { gte: from, lt: to } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
  };
}

export type IncidentRepository = ReturnType<typeof incidentRepository>;
