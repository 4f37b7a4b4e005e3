// Types of ./engine.mjs (plain JavaScript so that the schema-engine stand-in runs under plain node).
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export declare const PGLITE_URL_PREFIX: 'pglite:';
export declare const LOCK_FILE_NAME: 'banzhang.lock';

export interface SchemaFilter {
  externalTables: string[];
  externalEnums: string[];
}
export declare const NO_FILTERS: Readonly<SchemaFilter>;

export declare class SchemaEngineError extends Error {
  constructor(message: string, options?: { code?: string; isPanic?: boolean; meta?: unknown; cause?: unknown });
  /** Prisma error code when known: P1001, P1003, P3009, P3018, … */
  readonly code: string | undefined;
  readonly isPanic: boolean;
  readonly meta: unknown;
}

export declare class EmbeddedDatabaseLockedError extends SchemaEngineError {
  readonly dir: string;
  readonly pid: number;
}

export declare function toSchemaEngineError(
  error: unknown,
  registry?: { consumeError(id: number): { error: unknown } | undefined },
): SchemaEngineError;

export declare function schemaEngineWasmInfo(): { packageDir: string; version: string };

export interface SchemaEngineWasmBindings {
  version(): string;
  SchemaEngine: unknown;
}
export declare function loadSchemaEngineWasm(): Promise<SchemaEngineWasmBindings>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' }
  | { kind: 'pglite-instance'; db: PGlite };

export declare function parseDatasourceUrl(
  url: string,
  baseDir?: string,
): { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' };
export declare function redactUrl(url: string): string;

export interface DirLock {
  readonly file: string;
  release(): void;
}
export declare function acquireDirLock(dir: string, options?: { waitMs?: number }): Promise<DirLock>;

export interface OpenDatabase {
  readonly target: DatabaseTarget;
  /** The PGlite instance of a PGlite target. */
  readonly db?: PGlite;
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}
export declare function openDatabase(target: DatabaseTarget, options?: { lockWaitMs?: number }): Promise<OpenDatabase>;

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: Array<{
    path: string;
    migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
  }>;
}
export declare function readMigrationsList(migrationsDir: string, shadowDbInitScript?: string): Promise<MigrationList>;

export type HistoryDiagnostic =
  | { diagnostic: 'databaseIsBehind'; unappliedMigrationNames: string[] }
  | { diagnostic: 'migrationsDirectoryIsBehind'; unpersistedMigrationNames: string[] }
  | {
      diagnostic: 'historiesDiverge';
      lastCommonMigrationName: string | null;
      unpersistedMigrationNames: string[];
      unappliedMigrationNames: string[];
    };

/** The engine methods migrate.ts uses, typed; any other method is `unknown`. */
export interface SchemaEngineMethods {
  applyMigrations: {
    params: { migrationsList: MigrationList; filters: SchemaFilter };
    result: { appliedMigrationNames: string[] };
  };
  diagnoseMigrationHistory: {
    params: { migrationsList: MigrationList; optInToShadowDatabase: boolean; filters: SchemaFilter };
    result: {
      editedMigrationNames: string[];
      failedMigrationNames: string[];
      hasMigrationsTable: boolean;
      history: HistoryDiagnostic | null;
    };
  };
}

export interface SchemaEngineHandle {
  call<M extends keyof SchemaEngineMethods>(
    method: M,
    params: SchemaEngineMethods[M]['params'],
  ): Promise<SchemaEngineMethods[M]['result']>;
  call(method: string, params?: unknown): Promise<unknown>;
  free(): void;
}

export interface SchemaEngineOptions {
  /** `[path, content]` of the Prisma schema files. */
  datamodels?: Array<[string, string]>;
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void;
}

export declare function createSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options?: SchemaEngineOptions,
): Promise<SchemaEngineHandle>;

export declare function withSchemaEngine<T>(
  target: DatabaseTarget,
  fn: (engine: SchemaEngineHandle, database: OpenDatabase) => Promise<T>,
  options?: SchemaEngineOptions & { lockWaitMs?: number },
): Promise<T>;
