/**
 * LATE-1: clock events are never edited. A correction is a new record, with who
 * and why, that voids an earlier event and may put a corrected one in its place.
 * Only a manager (the roles that may excuse, or the employee's own manager) corrects.
 */
import type { DateTime } from 'luxon';
import type { RoleKey } from '../../policy/config/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { EXCUSING_ROLES } from '../lateness/excuse-service.ts';
import { clockRepository } from './clock-repository.ts';

export async function correctClockEvent(
  prisma: PrismaClient,
  args: { actorId: string; eventId: bigint; reason: string; replacement?: { at: DateTime; direction: 'in' | 'out' }; now: DateTime },
): Promise<void> {
  const reason = args.reason.trim();
  if (!reason) throw new AppError('bad_input', 'excuse.error.reason_required', 'a correction needs a reason');
  await prisma.$transaction(async (tx) => {
    const event = await tx.clockEvent.findUnique({ where: { id: args.eventId } });
    if (!event || event.voidsId !== null) throw new AppError('not_found', 'clock.error.no_event', `no clock event ${args.eventId}`, { details: { id: String(args.eventId) } });
    const [actor, owner] = await Promise.all([tx.employee.findUnique({ where: { id: args.actorId } }), tx.employee.findUnique({ where: { id: event.employeeId } })]);
    const allowed = actor?.active && actor.id !== event.employeeId && (EXCUSING_ROLES.includes(actor.role as RoleKey) || owner?.managerId === actor.id);
    if (!allowed) throw new AppError('forbidden', 'excuse.error.not_allowed', `${args.actorId} may not correct this event`);
    const already = await tx.clockEvent.findFirst({ where: { voidsId: event.id } });
    if (already) throw new AppError('conflict', 'clock.error.already_corrected', `event ${event.id} was already corrected`);
    const repo = clockRepository(tx);
    const at = args.now.toJSDate();
    // The voiding record repeats the voided event's instant and direction, so it reads as "this one, cancelled".
    await tx.clockEvent.create({
      data: { employeeId: event.employeeId, at: event.at, direction: event.direction, source: 'correction', dedupeKey: `void:${event.id}`, recordedBy: actor.id, voidsId: event.id, reason, createdAt: at },
    });
    if (args.replacement) {
      await repo.insertMany([{ employeeId: event.employeeId, at: args.replacement.at.toJSDate(), direction: args.replacement.direction, source: 'correction', recordedBy: actor.id, reason }]);
    }
    await recordAudit(tx, [
      { actor: actor.id, action: 'clock.correct', entity: 'clock_event', entityId: String(event.id), details: { reason, replacement: args.replacement ? { at: args.replacement.at.toISO(), direction: args.replacement.direction } : null }, at },
    ]);
  });
}
