/**
 * Who may use the training forms, and what they show, for every channel:
 * TRAIN-2 plan owners (training.planRoles) and their current plan, TRAIN-3
 * organizers (training.organizerRoles) and the exam form's choices (the
 * active employees, also the suggestion Rate form's owners on Teams).
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';

async function hasRole(prisma: PrismaClient, employeeId: string, roles: readonly string[]): Promise<boolean> {
  const me = await prisma.employee.findUnique({ where: { id: employeeId } });
  return me !== null && roles.includes(me.role);
}

/** TRAIN-2: does this employee owe a weekly training plan? */
export const isPlanOwner = (prisma: PrismaClient, policy: Policy, employeeId: string) => hasRole(prisma, employeeId, policy.training.planRoles);

/** TRAIN-1, TRAIN-3: is this employee a training organizer? */
export const isTrainingOrganizer = (prisma: PrismaClient, policy: Policy, employeeId: string) => hasRole(prisma, employeeId, policy.training.organizerRoles);

/** TRAIN-2: the plan already submitted for a week (the form shows it to edit), if any. */
export async function currentPlan(prisma: PrismaClient, employeeId: string, weekStart: string): Promise<string | undefined> {
  const row = await prisma.trainingPlan.findUnique({ where: { weekStart_employeeId: { weekStart: dateColumn(weekStart), employeeId } } });
  return row?.content;
}

/** The active employees by id, for a form's choice of a person (the exam form's employee, a suggestion's owner). */
export const activeEmployeeChoices = (prisma: PrismaClient): Promise<Array<{ id: string; name: string }>> =>
  prisma.employee.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { id: 'asc' } });

/** TRAIN-3: what the exam form offers: the active employees and the current month (center's zone). */
export async function examFormChoices(prisma: PrismaClient, policy: Policy, now: DateTime): Promise<{ employees: Array<{ id: string; name: string }>; month: string }> {
  return { employees: await activeEmployeeChoices(prisma), month: now.setZone(policy.center.timeZone).toFormat('yyyy-MM') };
}
