/**
 * Test databases: every database test runs against the embedded database (PGlite)
 * and against the real PostgreSQL server of this machine. In CI (CI=true) an
 * unreachable PostgreSQL fails the run; elsewhere its tests are skipped with a note.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type Database } from '../../src/shared/db/database.ts';

export type DbKind = 'embedded' | 'postgres';
export const DB_KINDS: readonly DbKind[] = ['embedded', 'postgres'];

/** The server's maintenance database; tests create and drop their own databases beside it. */
export const POSTGRES_ADMIN_URL = process.env.BANZHANG_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function checkPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable; in CI that is a failure: ${String(error)}`);
    }
    console.warn(`PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable: its tests are skipped (${String(error)})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const postgresReachable: boolean = await checkPostgres();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(prefix = 'bz_t'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestDatabase {
  kind: DbKind;
  db: Database;
  /** PostgreSQL only: the URL of the database, for child processes and the CLI. */
  url?: string;
  /** Empties every table (but the migrations' own). */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const db = await openDatabase({ kind: 'embedded-memory' });
    await db.migrate();
    return { kind, db, truncate: () => truncateAll(db), drop: () => db.close() };
  }
  const created = await createPostgresDatabase();
  const db = await openDatabase({ kind: 'postgres', url: created.url });
  await db.migrate();
  return {
    kind,
    db,
    url: created.url,
    truncate: () => truncateAll(db),
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}

async function truncateAll(db: Database): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Declares the same tests once per database kind. `current()` gives the test
 * database inside the tests; every table is emptied before each test.
 */
export function describeEachDatabase(title: string, body: (current: () => TestDatabase) => void): void {
  for (const kind of DB_KINDS) {
    describe.skipIf(kind === 'postgres' && !postgresReachable)(`${title} [${kind}]`, () => {
      let tdb: TestDatabase | undefined;
      beforeAll(async () => {
        tdb = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await tdb?.drop();
      });
      beforeEach(async () => {
        await tdb!.truncate();
      });
      body(() => {
        if (!tdb) throw new Error('test database not ready');
        return tdb;
      });
    });
  }
}
