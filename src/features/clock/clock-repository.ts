/** The only code that touches clock_event. Events are inserted, never updated. */
import type { ClockEvent } from '../../generated/prisma/client.ts';
import type { Tx } from '../../shared/db/types.ts';

export type { ClockEvent };

/** What derivations read of an event: a month of a large center is hundreds of thousands of them. */
export type EffectiveClockEvent = Pick<ClockEvent, 'id' | 'employeeId' | 'at' | 'direction' | 'voidsId'>;

export interface NewClockEvent {
  employeeId: string;
  at: Date;
  direction: 'in' | 'out';
  source: string;
  recordedBy: string;
  reason?: string | null;
  voidsId?: bigint | null;
}

/** One event a (employee, instant, direction): the same punch imported twice is one event. */
export function clockDedupeKey(e: { employeeId: string; at: Date; direction: string }): string {
  return `${e.employeeId}|${e.at.toISOString()}|${e.direction}`;
}

export function clockRepository(tx: Tx) {
  return {
    /** Inserts the events whose key is new; returns how many were inserted. */
    async insertMany(events: NewClockEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const { count } = await tx.clockEvent.createMany({
        data: events.map((e) => ({ ...e, reason: e.reason ?? null, voidsId: e.voidsId ?? null, dedupeKey: clockDedupeKey(e) })),
        skipDuplicates: true,
      });
      return count;
    },
    async existingKeys(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await tx.clockEvent.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
      return new Set(rows.map((r) => r.dedupeKey));
    },
    /** Events of employees between two instants, without those a correction voided (only the columns the rules read). */
    async effectiveEvents(employeeIds: string[] | null, from: Date, to: Date): Promise<EffectiveClockEvent[]> {
      const rows = await tx.clockEvent.findMany({
        where: { ...(employeeIds ? { employeeId: { in: employeeIds } } : {}), at: { gte: from, lt: to } },
        select: { id: true, employeeId: true, at: true, direction: true, voidsId: true },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      const voided = new Set(rows.filter((r) => r.voidsId !== null).map((r) => String(r.voidsId)));
      return rows.filter((r) => r.voidsId === null && !voided.has(String(r.id)));
    },
  };
}
