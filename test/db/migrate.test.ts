/**
 * src/shared/db/migrate.ts: the running program applies prisma/migrations with
 * the wasm schema engine, on a PGlite folder, on an open PGlite and on PostgreSQL.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { AppError } from '../../src/shared/errors.ts';
import { MIGRATIONS_DIR, applyMigrations, migrationStatus } from '../../src/shared/db/migrate.ts';
import { acquireDirLock } from '../../tools/schema-engine/engine.mjs';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';

const LOCAL_MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort((a, b) => a.localeCompare(b));

const TABLES = [
  'audit_log',
  'center',
  'chat_identity',
  'employee',
  'holiday',
  'job_run',
  'outbox_message',
  'processed_delivery',
  'roster_entry',
  'team',
];

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-migrate-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function publicTables(query: (sql: string) => Promise<Array<{ table_name: string }>>): Promise<string[]> {
  const rows = await query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/** Writes employees through a PrismaClient: the tables are usable by the program. */
async function useTablesWithPrisma(prisma: PrismaClient): Promise<void> {
  await prisma.team.create({ data: { id: 't1', name: 'Team 1' } });
  await prisma.employee.create({
    data: {
      id: 'e1',
      name: '张三',
      role: 'outbound_agent',
      teamId: 't1',
      hireDate: new Date('2025-01-06T00:00:00Z'),
      probationEnd: new Date('2025-04-06T00:00:00Z'),
    },
  });
  const found = await prisma.employee.findUniqueOrThrow({ where: { id: 'e1' }, include: { team: true } });
  expect(found.team.name).toBe('Team 1');
  expect(found.locale).toBe('zh-CN');
  await expect(prisma.team.create({ data: { id: 't1', name: 'again' } })).rejects.toMatchObject({ code: 'P2002' });
}

it('knows the migrations of this repository, wherever the process runs', () => {
  expect(path.isAbsolute(MIGRATIONS_DIR)).toBe(true);
  expect(LOCAL_MIGRATIONS.length).toBeGreaterThan(0);
  expect(LOCAL_MIGRATIONS.some((name) => name.endsWith('_init'))).toBe(true);
});

describe('migrations on a new PGlite folder', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(tempDir(), 'pglite');
  });

  it('reports every migration pending before anything is applied', async () => {
    expect(await migrationStatus({ kind: 'pglite', dataDir })).toEqual({
      pending: LOCAL_MIGRATIONS,
      applied: [],
      failed: [],
    });
  });

  it('applies every migration once; a second run applies nothing', async () => {
    expect(await applyMigrations({ kind: 'pglite', dataDir })).toEqual({ applied: LOCAL_MIGRATIONS });
    expect(await applyMigrations({ kind: 'pglite', dataDir })).toEqual({ applied: [] });
    expect(await migrationStatus({ kind: 'pglite', dataDir })).toEqual({
      pending: [],
      applied: LOCAL_MIGRATIONS,
      failed: [],
    });
  });

  it('leaves tables that a PrismaClient can use through the PGlite adapter', async () => {
    const db = new PGlite(dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    try {
      const tables = await publicTables(async (sql) => (await db.query<{ table_name: string }>(sql)).rows);
      expect(tables).toEqual(expect.arrayContaining([...TABLES, '_prisma_migrations']));
      await useTablesWithPrisma(prisma);
    } finally {
      await prisma.$disconnect();
      await db.close();
    }
  });

  it('refuses a folder that is locked, instead of opening it a second time', async () => {
    const lock = await acquireDirLock(dataDir);
    try {
      const error = await applyMigrations({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'database_locked', details: { dir: dataDir, pid: process.pid } });
    } finally {
      lock.release();
    }
  });
});

describe('migrations on a PGlite instance the program holds open', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create('memory://');
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies through the open instance, twice without effect, and leaves it open', async () => {
    const target = { kind: 'pglite-instance', db } as const;
    expect((await migrationStatus(target)).pending).toEqual(LOCAL_MIGRATIONS);
    expect(await applyMigrations(target)).toEqual({ applied: LOCAL_MIGRATIONS });
    expect(await applyMigrations(target)).toEqual({ applied: [] });
    expect(await migrationStatus(target)).toEqual({ pending: [], applied: LOCAL_MIGRATIONS, failed: [] });
    expect(db.closed).toBe(false);
    const recorded = await db.query<{ migration_name: string; ok: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AND rolled_back_at IS NULL AS ok FROM _prisma_migrations ORDER BY started_at',
    );
    expect(recorded.rows).toEqual(LOCAL_MIGRATIONS.map((migration_name) => ({ migration_name, ok: true })));
  });

  it('reports a failing migration as an error and as failed, and applies nothing after it', async () => {
    const fresh = await PGlite.create('memory://');
    try {
      const migrationsDir = tempDir();
      const write = (name: string, sql: string) => {
        mkdirSync(path.join(migrationsDir, name));
        writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
      };
      write('20000101000000_good', 'CREATE TABLE good (id integer PRIMARY KEY);');
      write('20000102000000_bad', 'CREATE TABLE half (id integer); SELECT 1/0;');
      write('20000103000000_later', 'CREATE TABLE later (id integer);');
      const target = { kind: 'pglite-instance', db: fresh } as const;

      const error = await applyMigrations(target, { migrationsDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ details: { engineCode: 'P3018' } });
      expect((error as Error).message).toContain('20000102000000_bad');
      expect((error as Error).message).toContain('division by zero');

      expect(await migrationStatus(target, { migrationsDir })).toEqual({
        pending: ['20000103000000_later'],
        applied: ['20000101000000_good'],
        failed: ['20000102000000_bad'],
      });
      const tables = await publicTables(async (sql) => (await fresh.query<{ table_name: string }>(sql)).rows);
      expect(tables).toContain('good');
      expect(tables).not.toContain('half');
      expect(tables).not.toContain('later');
    } finally {
      await fresh.close();
    }
  });
});

describe.skipIf(!postgresReachable)('migrations on a new PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createPostgresDatabase('bz_mig');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports every migration pending, applies them once, then reports none pending', async () => {
    const target = { kind: 'postgres', url: database.url } as const;
    expect(await migrationStatus(target)).toEqual({ pending: LOCAL_MIGRATIONS, applied: [], failed: [] });
    expect(await applyMigrations(target)).toEqual({ applied: LOCAL_MIGRATIONS });
    expect(await applyMigrations(target)).toEqual({ applied: [] });
    expect(await migrationStatus(target)).toEqual({ pending: [], applied: LOCAL_MIGRATIONS, failed: [] });
  });

  it('leaves tables that a PrismaClient can use through the pg adapter', async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    try {
      const tables = await publicTables((sql) => prisma.$queryRawUnsafe<Array<{ table_name: string }>>(sql));
      expect(tables).toEqual(expect.arrayContaining([...TABLES, '_prisma_migrations']));
      await useTablesWithPrisma(prisma);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('says clearly when the server cannot be reached', async () => {
    const url = new URL(database.url);
    url.port = '1';
    const error = await migrationStatus({ kind: 'postgres', url: url.toString() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ details: { engineCode: 'P1001' } });
    expect((error as Error).message).toContain("Can't reach database server");
  });
});
