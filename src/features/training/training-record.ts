/**
 * TRAIN-3: an employee's training record (培训档案): each month's exam score and
 * each weekly study attended, missed or excused (with its topic). Anyone sees
 * their own; organizers (`training.organizerRoles`), the department head, the
 * center manager and the employee's managers (the `manager` chain upwards) may
 * see anyone's; everyone else is refused.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { sessionRolls, type RollEntry, type SessionRow } from './training-facts.ts';

/** Roles that may read anyone's record besides the organizers. */
export const RECORD_READER_ROLES = ['dept_head', 'center_manager'] as const;

export interface TrainingRecord {
  employee: { id: string; name: string };
  exams: Array<{ month: string; score: number }>;
  /** Sessions started before now that concern the employee, oldest first. */
  sessions: Array<{ session: SessionRow; entry: RollEntry }>;
}

/** Whether `managerId` is above `employeeId` in the manager chain. */
async function isManagerOf(tx: Tx, managerId: string, employeeId: string): Promise<boolean> {
  const seen = new Set<string>();
  let current = await tx.employee.findUnique({ where: { id: employeeId }, select: { managerId: true } });
  while (current?.managerId && !seen.has(current.managerId)) {
    if (current.managerId === managerId) return true;
    seen.add(current.managerId);
    current = await tx.employee.findUnique({ where: { id: current.managerId }, select: { managerId: true } });
  }
  return false;
}

export async function trainingRecord(
  prisma: PrismaClient,
  policy: Policy,
  args: { viewerId: string; employeeId?: string; now: DateTime },
): Promise<TrainingRecord> {
  const targetId = (args.employeeId ?? args.viewerId).trim();
  return prisma.$transaction(async (tx) => {
    const viewer = await tx.employee.findUnique({ where: { id: args.viewerId } });
    const employee = await tx.employee.findUnique({ where: { id: targetId } });
    if (!viewer?.active) throw new AppError('not_in_org', 'common.not_in_org', 'viewer not active');
    if (targetId !== viewer.id) {
      const allowed =
        (policy.training.organizerRoles as readonly string[]).includes(viewer.role) ||
        (RECORD_READER_ROLES as readonly string[]).includes(viewer.role) ||
        (employee !== null && (await isManagerOf(tx, viewer.id, employee.id)));
      if (!allowed) throw new AppError('forbidden', 'training.error.record_not_allowed', `${viewer.id} may not read ${targetId}'s record`, { details: { id: targetId } });
    }
    if (!employee) throw new AppError('not_found', 'training.error.unknown_employee', `unknown employee ${targetId}`, { details: { id: targetId } });
    const exams = await tx.examScore.findMany({ where: { employeeId: employee.id }, orderBy: { month: 'asc' } });
    const sessions = await tx.trainingSession.findMany({ where: { startsAt: { lt: args.now.toJSDate() } }, orderBy: { date: 'asc' } });
    const rolls = await sessionRolls(tx, policy, sessions, { employeeIds: [employee.id] });
    return {
      employee: { id: employee.id, name: employee.name },
      exams: exams.map((e) => ({ month: e.month, score: e.score })),
      sessions: rolls.flatMap((r) => r.entries.map((entry) => ({ session: r.session, entry }))),
    };
  });
}
