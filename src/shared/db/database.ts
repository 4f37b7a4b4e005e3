/**
 * Opening the one database of banzhang: the embedded PostgreSQL (PGlite, in
 * `<dataDir>/pglite`) when DATABASE_URL is unset, a PostgreSQL server otherwise.
 * Only repositories use the Prisma client this returns (design.md habit 4).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { lockEmbeddedDir, type DirLock } from './dir-lock.ts';
import { applyMigrations, migrationStatus } from './migrate.ts';

export type { PrismaClient };

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'embedded-memory' }
  | { kind: 'postgres'; url: string };

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Names of migrations not yet applied. */
  pendingMigrations(): Promise<string[]>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A PostgreSQL connection that cannot be opened in this time fails instead of
 * waiting (a server that went away without refusing): requests then answer
 * "try again" instead of hanging (docs/operations.md).
 */
const CONNECT_TIMEOUT_MS = 5_000;
/** /readyz's database probe answers "not ready" after this long without an answer. */
const PING_TIMEOUT_MS = 2_000;

export function targetFromSettings(settings: { DATABASE_URL?: string | undefined; BANZHANG_DATA_DIR: string }): DatabaseTarget {
  return settings.DATABASE_URL
    ? { kind: 'postgres', url: settings.DATABASE_URL }
    : { kind: 'embedded', dataDir: settings.BANZHANG_DATA_DIR };
}

/** Where the PGlite files of an embedded target live. */
export function embeddedDir(dataDir: string): string {
  return path.resolve(dataDir, 'pglite');
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    // Each database's driver is loaded only when that database is opened (PGlite's is ~40 MB).
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }) });
    const migrationTarget = { kind: 'postgres' as const, url: target.url };
    return makeDatabase('postgres', prisma, {
      migrate: async () => (await applyMigrations(migrationTarget)).applied,
      pending: async () => (await migrationStatus(migrationTarget)).pending,
      close: async () => prisma.$disconnect(),
    });
  }

  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  let lock: DirLock | undefined;
  let pglite: PGlite;
  if (target.kind === 'embedded') {
    const dir = embeddedDir(target.dataDir);
    mkdirSync(dir, { recursive: true });
    // PGlite cannot be opened by two processes at once: refuse clearly instead of corrupting it.
    lock = await lockEmbeddedDir(dir);
    try {
      pglite = await PGlite.create(dir);
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await PGlite.create();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const migrationTarget = { kind: 'pglite-instance' as const, db: pglite };
  return makeDatabase(target.kind, prisma, {
    migrate: async () => (await applyMigrations(migrationTarget)).applied,
    pending: async () => (await migrationStatus(migrationTarget)).pending,
    close: async () => {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  });
}

function makeDatabase(
  kind: DatabaseTarget['kind'],
  prisma: PrismaClient,
  ops: { migrate(): Promise<string[]>; pending(): Promise<string[]>; close(): Promise<void> },
): Database {
  let closed = false;
  return {
    kind,
    prisma,
    migrate: ops.migrate,
    pendingMigrations: ops.pending,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          prisma.$queryRawUnsafe('SELECT 1').then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await ops.close();
    },
  };
}
