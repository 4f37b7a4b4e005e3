/** Types shared by repositories: the client and its transaction handle. */
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';

export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

/** A local calendar date `YYYY-MM-DD` as stored in a `date` column (UTC midnight). */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` of a `date` column value. */
export function isoDateOf(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Big transactions (imports) get more than Prisma's 5-second default. */
export const LONG_TRANSACTION = { timeout: 120_000, maxWait: 30_000 } as const;
