/**
 * LATE-7: a manager excuses a lateness or early leave with a reason (system or
 * project causes); an excused event costs nothing and is listed as excused.
 * One excuse covers one employee's event, or — for an outage (INC-3) — every
 * event whose segment boundary lies in a time window. Audited: who, when, why.
 */
import type { DateTime } from 'luxon';
import type { RoleKey } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';

/** Roles that may excuse anyone's lateness; an employee's own manager may excuse theirs. */
export const EXCUSING_ROLES: readonly RoleKey[] = ['team_leader', 'outbound_manager', 'complaint_manager', 'dept_head', 'center_manager', 'general_manager'];

export type ExcuseScope =
  | { employeeId: string; date: string; segment?: string; kind?: 'late' | 'early' }
  | { window: { from: DateTime; to: DateTime }; employeeId?: string; kind?: 'late' | 'early'; incidentId?: string };

export async function excuseLateness(prisma: PrismaClient, args: { actorId: string; reason: string; scope: ExcuseScope; at: DateTime }): Promise<number> {
  const reason = args.reason.trim();
  if (!reason) throw new AppError('bad_input', 'excuse.error.reason_required', 'an excuse needs a reason');
  return prisma.$transaction(async (tx) => {
    const actor = await tx.employee.findUnique({ where: { id: args.actorId } });
    const target = args.scope.employeeId ? await tx.employee.findUnique({ where: { id: args.scope.employeeId } }) : null;
    if (args.scope.employeeId && !target) throw new AppError('not_found', 'excuse.error.unknown_employee', `unknown employee ${args.scope.employeeId}`, { details: { id: args.scope.employeeId } });
    const allowed = actor?.active && (EXCUSING_ROLES.includes(actor.role as RoleKey) || (target !== null && target.managerId === actor.id));
    if (!allowed || actor.id === target?.id) throw new AppError('forbidden', 'excuse.error.not_allowed', `${args.actorId} may not excuse this`);
    const scope = args.scope;
    const row = await tx.latenessExcuse.create({
      data: {
        reason,
        excusedById: actor.id,
        employeeId: scope.employeeId ?? null,
        kind: scope.kind ?? null,
        createdAt: args.at.toJSDate(),
        ...('window' in scope
          ? { windowFrom: scope.window.from.toJSDate(), windowTo: scope.window.to.toJSDate(), incidentId: scope.incidentId ?? null }
          : { date: dateColumn(scope.date), segment: scope.segment ?? null }),
      },
    });
    await recordAudit(tx, [
      {
        actor: actor.id,
        action: 'lateness.excuse',
        entity: 'lateness_excuse',
        entityId: String(row.id),
        details: { reason, ...('window' in scope ? { from: scope.window.from.toISO(), to: scope.window.to.toISO(), employeeId: scope.employeeId ?? null, incidentId: scope.incidentId ?? null } : { ...scope }) },
        at: args.at.toJSDate(),
      },
    ]);
    return row.id;
  });
}
