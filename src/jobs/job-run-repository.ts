/**
 * job_run rows: the claims of job slots (docs/jobs.md). The only code that
 * names the JobRun model. Every write that changes who owns a slot is one
 * conditional statement, so that two processes can never both win it.
 */
import type { PrismaClient } from '../shared/db/types.ts';

export type JobRunStatus = 'running' | 'finished' | 'failed';

export interface JobRun {
  id: bigint;
  name: string;
  slot: Date;
  status: string;
  owner: string;
  leaseUntil: Date;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export interface Claim {
  name: string;
  slot: Date;
  owner: string;
  now: Date;
  leaseUntil: Date;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

export function jobRunRepository(prisma: PrismaClient) {
  return {
    /** Inserts the claim row; null when the slot already has one (unique name+slot: somebody else has it). */
    async claimNew(c: Claim): Promise<JobRun | null> {
      try {
        return await prisma.jobRun.create({
          data: { name: c.name, slot: c.slot, status: 'running', owner: c.owner, leaseUntil: c.leaseUntil, startedAt: c.now },
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    /**
     * Takes over a slot whose run failed, or whose owner's lease has expired
     * (its process died), in one conditional UPDATE: of two processes trying at
     * once, PostgreSQL re-checks the condition for the second after the first
     * commits, so exactly one wins. A finished slot is never taken.
     */
    async takeOver(c: Claim): Promise<JobRun | null> {
      const { count } = await prisma.jobRun.updateMany({
        where: { name: c.name, slot: c.slot, OR: [{ status: 'failed' }, { status: 'running', leaseUntil: { lt: c.now } }] },
        data: { status: 'running', owner: c.owner, leaseUntil: c.leaseUntil, startedAt: c.now, finishedAt: null },
      });
      if (count === 0) return null;
      return prisma.jobRun.findUnique({ where: { name_slot: { name: c.name, slot: c.slot } } });
    },

    find(name: string, slot: Date): Promise<JobRun | null> {
      return prisma.jobRun.findUnique({ where: { name_slot: { name, slot } } });
    },

    /** Extends the lease while the owner still holds the slot; false when it does not any more. */
    async renew(id: bigint, owner: string, leaseUntil: Date): Promise<boolean> {
      const { count } = await prisma.jobRun.updateMany({ where: { id, owner, status: 'running' }, data: { leaseUntil } });
      return count === 1;
    },

    /** Records the end of the owner's run; false when the slot was taken from it meanwhile (lease expired). */
    async finish(id: bigint, owner: string, at: Date, outcome: { status: 'finished' } | { status: 'failed'; error: string }): Promise<boolean> {
      const { count } = await prisma.jobRun.updateMany({
        where: { id, owner, status: 'running' },
        data: { status: outcome.status, finishedAt: at, error: outcome.status === 'failed' ? outcome.error : null },
      });
      return count === 1;
    },

    /** Slots (of these jobs, since `since`) that a sweep may run again: failed, or running with an expired lease. */
    retryable(names: string[], since: Date, now: Date): Promise<JobRun[]> {
      return prisma.jobRun.findMany({
        where: { name: { in: names }, slot: { gte: since }, OR: [{ status: 'failed' }, { status: 'running', leaseUntil: { lt: now } }] },
        orderBy: [{ slot: 'asc' }, { name: 'asc' }],
      });
    },

    /** Which of these slots of a job already have a row. */
    async existingSlots(name: string, slots: Date[]): Promise<Set<number>> {
      if (slots.length === 0) return new Set();
      const rows = await prisma.jobRun.findMany({ where: { name, slot: { in: slots } }, select: { slot: true } });
      return new Set(rows.map((r) => r.slot.getTime()));
    },
  };
}

export type JobRunRepository = ReturnType<typeof jobRunRepository>;
