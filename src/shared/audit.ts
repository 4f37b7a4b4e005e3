/** The append-only audit log: who did what, when and why. */
import type { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from './db/types.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details?: Prisma.InputJsonValue;
  at?: Date;
}

export async function recordAudit(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({
    data: entries.map((e) => ({
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      details: e.details ?? {},
      ...(e.at ? { at: e.at } : {}),
    })),
  });
}
