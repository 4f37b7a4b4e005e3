/** The only code that touches leave_request (and the org rows the leave rules read). */
import type { LeaveRequest, Prisma } from '../../generated/prisma/client.ts';
import type { RosterEntry } from '../../policy/working-time.ts';
import type { OrgPerson } from '../../policy/leave/types.ts';
import type { RoleKey } from '../../policy/config/schema.ts';
import { dateColumn, isoDateOf, type Tx } from '../../shared/db/types.ts';
import { rosterEntryOf } from '../roster/roster-import.ts';

export type { LeaveRequest };

export interface EmployeeView extends OrgPerson {
  name: string;
  locale: string;
  slackId: string | null;
  /** The Teams AAD object id from the org file (`teams:`), if any. */
  teamsId: string | null;
}

export function leaveRepository(tx: Tx) {
  return {
    async people(): Promise<EmployeeView[]> {
      const rows = await tx.employee.findMany({ include: { chatIdentities: { where: { platform: { in: ['slack', 'teams'] } } } }, orderBy: { id: 'asc' } });
      const idOn = (e: (typeof rows)[number], platform: string) => e.chatIdentities.find((c) => c.platform === platform)?.externalId ?? null;
      return rows.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role as RoleKey,
        managerId: e.managerId,
        teamId: e.teamId,
        active: e.active,
        hireDate: isoDateOf(e.hireDate),
        basePayFen: e.basePayFen,
        locale: e.locale,
        slackId: idOn(e, 'slack'),
        teamsId: idOn(e, 'teams'),
      }));
    },

    async rosterEntries(employeeIds: string[], from: string, to: string): Promise<RosterEntry[]> {
      const rows = await tx.rosterEntry.findMany({
        where: { employeeId: { in: employeeIds }, date: { gte: dateColumn(from), lte: dateColumn(to) } },
      });
      return rows.map(rosterEntryOf);
    },

    /** Leave of anyone that is pending or approved and touches [from, to]. */
    openLeaveBetween(from: string, to: string, employeeIds?: string[]): Promise<LeaveRequest[]> {
      return tx.leaveRequest.findMany({
        where: {
          status: { in: ['pending', 'approved'] },
          startDate: { lte: dateColumn(to) },
          endDate: { gte: dateColumn(from) },
          ...(employeeIds ? { employeeId: { in: employeeIds } } : {}),
        },
        orderBy: { id: 'asc' },
      });
    },

    /** LEAVE-4: who is absent on `date` (approved leave touching it, or a rostered rest day), for routing around an absent approver. */
    async absentOn(date: string): Promise<Set<string>> {
      const [leave, rest] = await Promise.all([
        tx.leaveRequest.findMany({ where: { status: 'approved', startDate: { lte: dateColumn(date) }, endDate: { gte: dateColumn(date) } }, select: { employeeId: true } }),
        tx.rosterEntry.findMany({ where: { date: dateColumn(date), kind: 'rest' }, select: { employeeId: true } }),
      ]);
      return new Set([...leave, ...rest].map((r) => r.employeeId));
    },

    create: (data: Prisma.LeaveRequestUncheckedCreateInput) => tx.leaveRequest.create({ data }),

    byId: (id: number) => tx.leaveRequest.findUnique({ where: { id } }),

    /**
     * LEAVE-5: records the decision once. Only a pending request and only its
     * routed approver match; returns false when someone else got there first.
     */
    async decideOnce(id: number, approverId: string, status: 'approved' | 'rejected', note: string | null, at: Date): Promise<boolean> {
      const { count } = await tx.leaveRequest.updateMany({
        where: { id, status: 'pending', approverId },
        data: { status, decidedById: approverId, decidedAt: at, decisionNote: note },
      });
      return count === 1;
    },

    mine: (employeeId: string) => tx.leaveRequest.findMany({ where: { employeeId }, orderBy: { startDate: 'desc' }, take: 10 }),
    waitingFor: (approverId: string) =>
      tx.leaveRequest.findMany({ where: { approverId, status: 'pending' }, orderBy: { startDate: 'asc' }, include: { employee: true } }),

    /** The employee's approved leave that ended most recently before (or on) `date`, not yet returned from. */
    lastUnreturned: (employeeId: string, date: string) =>
      tx.leaveRequest.findFirst({
        where: { employeeId, status: 'approved', returnedOn: null, startDate: { lte: dateColumn(date) } },
        orderBy: { endDate: 'desc' },
      }),

    markReturned: (id: number, returnedOn: string, effectiveEndDate: string) =>
      tx.leaveRequest.update({ where: { id }, data: { returnedOn: dateColumn(returnedOn), effectiveEndDate: dateColumn(effectiveEndDate) } }),
  };
}

export type LeaveRepository = ReturnType<typeof leaveRepository>;
