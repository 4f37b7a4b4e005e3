/**
 * Migrations for the running program: applies the pending migrations of
 * prisma/migrations and reports their status, with the same wasm schema engine
 * that the prisma CLI uses here (tools/schema-engine, docs/prisma-offline.md).
 * Applied migrations are recorded in `_prisma_migrations` exactly as
 * `prisma migrate deploy` records them, so the CLI and the program agree.
 *
 * An embedded database folder cannot be opened twice: a program that already
 * has its PGlite open passes it as `{ kind: 'pglite-instance', db }`.
 */
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import {
  EmbeddedDatabaseLockedError,
  NO_FILTERS,
  SchemaEngineError,
  readMigrationsList,
  withSchemaEngine,
  type DatabaseTarget,
  type SchemaEngineHandle,
} from '../../../tools/schema-engine/engine.mjs';
import { AppError } from '../errors.ts';
import { lockedError } from './dir-lock.ts';

export type MigrationTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-instance'; db: PGlite }
  | { kind: 'postgres'; url: string };

export interface MigrationStatus {
  /** Migrations of the folder not applied yet, in order. */
  pending: string[];
  /** Migrations recorded as applied, in order (including any the folder does not have). */
  applied: string[];
  /** Migrations that started and failed; nothing more is applied until they are resolved. */
  failed: string[];
}

export interface MigrateOptions {
  /** The migrations folder; prisma/migrations of this repository by default. */
  migrationsDir?: string;
}

/** prisma/migrations of this repository, whatever the working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

/** Applies the pending migrations; returns the names applied now (none when up to date). */
export async function applyMigrations(target: MigrationTarget, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  return run(target, async (engine) => {
    const migrationsList = await readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
    const result = await engine.call('applyMigrations', { migrationsList, filters: NO_FILTERS });
    return { applied: result.appliedMigrationNames };
  });
}

/** Which migrations are applied, pending or failed (for /readyz: ready when nothing is pending or failed). */
export async function migrationStatus(target: MigrationTarget, options: MigrateOptions = {}): Promise<MigrationStatus> {
  return run(target, async (engine) => {
    const migrationsList = await readMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
    const local = migrationsList.migrationDirectories.map((d) => d.path);
    const diagnosis = await engine.call('diagnoseMigrationHistory', {
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    if (!diagnosis.hasMigrationsTable) return { pending: local, applied: [], failed: [] };
    const history = diagnosis.history;
    const pending =
      history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [];
    const notInFolder =
      history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
    const failed = diagnosis.failedMigrationNames;
    const applied = [...local.filter((name) => !pending.includes(name) && !failed.includes(name)), ...notInFolder];
    return { pending, applied, failed };
  });
}

async function run<T>(target: MigrationTarget, work: (engine: SchemaEngineHandle) => Promise<T>): Promise<T> {
  try {
    return await withSchemaEngine(toEngineTarget(target), work);
  } catch (error) {
    throw toAppError(error, target);
  }
}

function toEngineTarget(target: MigrationTarget): DatabaseTarget {
  switch (target.kind) {
    case 'postgres':
      return { kind: 'postgres', url: target.url };
    case 'pglite':
      return { kind: 'pglite', dataDir: target.dataDir };
    case 'pglite-instance':
      return { kind: 'pglite-instance', db: target.db };
  }
}

function toAppError(error: unknown, target: MigrationTarget): unknown {
  if (error instanceof EmbeddedDatabaseLockedError) return lockedError(error);
  if (error instanceof SchemaEngineError) {
    return new AppError('internal', 'common.internal_error', `migrations: ${error.message}`, {
      details: { engineCode: error.code ?? null, database: target.kind, meta: error.meta ?? null },
      cause: error,
    });
  }
  return error;
}
