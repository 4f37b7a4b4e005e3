// The Prisma schema engine, offline: @prisma/schema-engine-wasm driven through
// driver adapters (@prisma/adapter-pg for a PostgreSQL server,
// pglite-prisma-adapter for the embedded PGlite database).
//
// Shared by the schema-engine stand-in that the prisma CLI spawns
// (./schema-engine.mjs) and by the running program (src/shared/db/migrate.ts).
// Plain JavaScript so that it runs under plain `node` without a build step;
// its types are in ./engine.d.mts. See docs/prisma-offline.md.

import { mkdirSync, readFileSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

/**
 * PGlite and its adapter (~40 MB once imported) are loaded only when an
 * embedded database or a shadow database is opened: `banzhang serve` on
 * PostgreSQL applies its migrations without them.
 */
async function pgliteModules() {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  return { PGlite, PrismaPGlite };
}

const require = createRequire(import.meta.url);

/** URL prefix of the embedded database: `pglite:<folder>` or `pglite:memory://`. */
export const PGLITE_URL_PREFIX = 'pglite:';

/** Filters meaning "every table and enum is ours" (no `tables.external` / `enums.external`). */
export const NO_FILTERS = Object.freeze({ externalTables: [], externalEnums: [] });

/** Name of the lock file inside a PGlite folder; the protocol of src/shared/db/dir-lock.ts. */
export const LOCK_FILE_NAME = 'banzhang.lock';

// ---------------------------------------------------------------------------
// Errors

/**
 * An error of the schema engine, shaped like the native engine's user-facing
 * errors: a Prisma error code when known (P1001, P3009, …), the message, and
 * whether the engine panicked.
 */
export class SchemaEngineError extends Error {
  constructor(message, { code, isPanic = false, meta, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SchemaEngineError';
    this.code = code;
    this.isPanic = isPanic;
    this.meta = meta;
  }
}

/** The embedded database folder is held by another live process. */
export class EmbeddedDatabaseLockedError extends SchemaEngineError {
  constructor(dir, pid) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
        'Stop it first (for example `banzhang serve`), or run this command against PostgreSQL (DATABASE_URL).',
    );
    this.name = 'EmbeddedDatabaseLockedError';
    this.dir = dir;
    this.pid = pid;
  }
}

// Errors thrown by the wasm engine before a connection exists carry no code;
// these are the messages of the native engine's codes the CLI relies on.
const INFERRED_CODES = [
  [/^Can't reach database server/, 'P1001'],
  [/^Database `[^`]*` does not exist/, 'P1003'],
  [/^Authentication failed against database server/, 'P1000'],
  [/^User (`[^`]*` )?was denied access/, 'P1010'],
];

function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError || error?.name === 'RuntimeError';
}

// The engine's panic hook hands the panic message to
// `global.PRISMA_WASM_PANIC_REGISTRY.set_message()` before the wasm traps with
// "unreachable" (without the registry the hook itself fails and the message is lost).
let lastPanicMessage;
{
  const previous = globalThis.PRISMA_WASM_PANIC_REGISTRY;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message) {
      lastPanicMessage = String(message);
      previous?.set_message?.(message);
    },
  };
}

/**
 * Turns whatever the wasm engine (or an adapter under it) threw into a
 * SchemaEngineError. `registry` is the error registry of the bound adapter
 * factory: JavaScript errors of the adapter reach the engine as
 * "External error id#N" and are looked up there.
 */
export function toSchemaEngineError(error, registry) {
  if (error instanceof SchemaEngineError) return error;
  let original = error;
  let message = typeof error?.message === 'string' ? error.message : String(error);
  const external = /External error id#(\d+)/.exec(message);
  if (external && registry) {
    const found = registry.consumeError(Number(external[1]));
    if (found?.error !== undefined) {
      original = found.error;
      if (original instanceof SchemaEngineError) return original;
      message = typeof original?.message === 'string' ? original.message : String(original);
    }
  }
  message = message.replace(/\s+$/, '');
  if (isPanic(error)) {
    const panic = lastPanicMessage ?? message;
    lastPanicMessage = undefined;
    return new SchemaEngineError(panic, { isPanic: true, cause: error });
  }
  let code = typeof original?.code === 'string' && /^P\d{4}$/.test(original.code) ? original.code : undefined;
  if (code === undefined) {
    const failed = migrationFailure(message);
    if (failed) return new SchemaEngineError(failed.message, { code: 'P3018', meta: failed.meta, cause: original });
    code = INFERRED_CODES.find(([re]) => re.test(message))?.[1];
  }
  return new SchemaEngineError(message, { code, meta: original?.meta, cause: original });
}

// A migration script that fails reaches us as a connector error with the
// migration's name in its span trace; the native engine reports it as P3018.
function migrationFailure(message) {
  const name = /apply_migration::apply_script\s+with migration_name="([^"]+)"/.exec(message)?.[1];
  if (name === undefined) return undefined;
  const databaseError = message
    .split(/\n\s+0: /)[0]
    .replace(/^external connector error\n/, '')
    .replace(/^Error querying the database: /, '')
    .trim();
  return {
    message:
      'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
      'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n' +
      `Migration name: ${name}\n\nDatabase error:\n${databaseError}`,
    meta: { migration_name: name, database_error: databaseError },
  };
}

// ---------------------------------------------------------------------------
// The wasm module: compiled once per process, instantiated once (again only after a panic).

const wasmPackageJs = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmPackageDir = path.dirname(wasmPackageJs);

let compiled; // Promise<WebAssembly.Module>
let loaded; // Promise<bindings module>
let generation = 0;

/** Paths and version of the wasm engine package in use. */
export function schemaEngineWasmInfo() {
  const pkg = JSON.parse(readFileSync(path.join(wasmPackageDir, 'package.json'), 'utf8'));
  return { packageDir: wasmPackageDir, version: pkg.version };
}

/**
 * The bindings of @prisma/schema-engine-wasm with their WebAssembly instance
 * set up (`SchemaEngine`, `version`). Node 20 cannot import a .wasm file, so
 * the module is instantiated by hand, as its own schema_engine.js would do.
 */
export function loadSchemaEngineWasm() {
  if (!loaded) {
    loaded = (async () => {
      compiled ??= readFile(path.join(wasmPackageDir, 'schema_engine_bg.wasm')).then((bytes) =>
        WebAssembly.compile(bytes),
      );
      const module = await compiled;
      // A fresh copy of the JS glue per instance: the glue keeps the instance in module state.
      const url = pathToFileURL(wasmPackageJs);
      if (generation > 0) url.searchParams.set('instance', String(generation));
      const bindings = await import(url.href);
      const imports = {};
      for (const { module: name } of WebAssembly.Module.imports(module)) imports[name] = bindings;
      const instance = await WebAssembly.instantiate(module, imports);
      bindings.__wbg_set_wasm(instance.exports);
      instance.exports.__wbindgen_start?.();
      return bindings;
    })();
    loaded.catch(() => {
      loaded = undefined;
    });
  }
  return loaded;
}

/** After a panic the instance is unusable: the next engine gets a new one. */
function discardWasmInstance() {
  loaded = undefined;
  generation += 1;
}

// ---------------------------------------------------------------------------
// Datasource URLs

/**
 * Parses a datasource URL: `postgres://…` / `postgresql://…` (a PostgreSQL
 * server), `pglite:<folder>` (the embedded database; a relative folder is
 * resolved against `baseDir`), `pglite:file:///abs/folder`, or
 * `pglite:memory://` (an in-memory PGlite, gone when the process ends).
 */
export function parseDatasourceUrl(url, baseDir = process.cwd()) {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new SchemaEngineError(
      'The datasource URL is empty. Set DATABASE_URL, or see prisma.config.ts and docs/prisma-offline.md.',
    );
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url.startsWith(PGLITE_URL_PREFIX)) {
    const rest = url.slice(PGLITE_URL_PREFIX.length);
    if (rest === 'memory://' || rest === 'memory:') return { kind: 'pglite-memory' };
    if (rest.startsWith('file://')) return { kind: 'pglite', dataDir: fileURLToPath(rest) };
    if (rest === '') throw new SchemaEngineError('`pglite:` needs a folder, e.g. `pglite:./data/pglite`.');
    return { kind: 'pglite', dataDir: path.resolve(baseDir, rest) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  throw new SchemaEngineError(
    `Unsupported datasource URL scheme \`${scheme}:\`. Use postgres://… (or postgresql://…) for a PostgreSQL server, ` +
      'or pglite:<folder> for the embedded database (docs/prisma-offline.md).',
  );
}

/** A URL safe to print: the password of a postgres URL is masked. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------
// The lock of an embedded database folder (same protocol as src/shared/db/dir-lock.ts:
// a file `banzhang.lock` in the folder holding the owner's pid; a dead owner's lock is taken over).

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function tryAcquire(dir) {
  const file = path.join(dir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.removeListener('exit', release);
      };
      process.on('exit', release);
      return { file, release };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let pid = NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch (readError) {
        if (readError.code !== 'ENOENT') throw readError;
        continue; // released in between: try again
      }
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isAlive(pid))) return { heldBy: pid };
      rmSync(file, { force: true }); // stale lock of a process that is gone
    }
  }
  return { heldBy: NaN };
}

/**
 * Locks an embedded database folder (creating it) for this process. When
 * another live process holds it, waits up to `waitMs` (a CLI command that just
 * finished may still be closing it), then throws EmbeddedDatabaseLockedError.
 */
export async function acquireDirLock(dir, { waitMs = 0 } = {}) {
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = tryAcquire(dir);
    if (result.release) return result;
    if (result.heldBy === process.pid || Date.now() >= deadline) {
      throw new EmbeddedDatabaseLockedError(dir, result.heldBy);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---------------------------------------------------------------------------
// Databases and adapter factories

// pglite-prisma-adapter 0.7.2 runs a script without awaiting it, so a failing
// migration would be recorded as applied; @prisma/adapter-pg 7.10 splits a
// script on every `;`, which breaks `$$ … ; … $$` bodies and string literals.
// Both are replaced by one multi-statement simple query, as the native engine sends.
function fixPgliteAdapter(adapter, db) {
  adapter.executeScript = async (script) => {
    try {
      await db.exec(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

function fixPgAdapter(adapter, pool) {
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

// @prisma/adapter-pg 7.10 cannot map PostgreSQL's one-byte `"char"` type
// (OID 18: pg_class.relkind, pg_constraint.contype, …), which the engine reads
// when it describes a schema (`migrate dev`, `db push`, `db pull`): "Column type
// 'char' could not be deserialized". Its values are one-character strings, so
// each connection of our pool reports them as `text` (OID 25).
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function charFieldsAsText(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

function reportCharColumnsAsText(client) {
  const query = client.query.bind(client);
  client.query = (...args) => {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      // callback style, as pg.Pool#query calls it
      const callback = args[last];
      args[last] = (error, result) => callback(error, error ? result : charFieldsAsText(result));
    }
    const result = query(...args);
    return result && typeof result.then === 'function' ? result.then(charFieldsAsText) : result;
  };
}

async function openShadowPglite(shadows) {
  const { PGlite, PrismaPGlite } = await pgliteModules();
  const db = new PGlite('memory://');
  await db.waitReady;
  shadows.add(db);
  const adapter = fixPgliteAdapter(await new PrismaPGlite(db).connect(), db);
  adapter.dispose = async () => {
    shadows.delete(db);
    if (!db.closed) await db.close();
  };
  return adapter;
}

/**
 * Opens a database for the schema engine. `target` is one of
 * `{ kind: 'postgres', url }`, `{ kind: 'pglite', dataDir }` (the folder is
 * created and locked), `{ kind: 'pglite-memory' }`, or
 * `{ kind: 'pglite-instance', db }` (an already open PGlite; not closed here).
 *
 * Returns the migration-aware adapter factory (unbound) and `close()`. The
 * shadow database, whatever the target, is a fresh in-memory PGlite per use.
 */
export async function openDatabase(target, { lockWaitMs = 0 } = {}) {
  const shadows = new Set();
  const connectToShadowDb = () => openShadowPglite(shadows);
  const closeShadows = async () => {
    for (const db of [...shadows]) if (!db.closed) await db.close().catch(() => {});
    shadows.clear();
  };

  if (target.kind === 'postgres') {
    // One connection: the engine's `pg_advisory_lock` then guards the whole
    // run and is released when the pool ends, as with the native engine.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 1,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', () => {}); // an idle connection dropped by the server: the next query reconnects
    pool.on('connect', reportCharColumnsAsText);
    // No `schema` option: like the program's PrismaClient, everything lives in the
    // connection's default schema (public); a `?schema=` parameter is not used.
    const inner = new PrismaPg(pool);
    return {
      target,
      factory: {
        provider: 'postgres',
        adapterName: inner.adapterName,
        connect: async () => fixPgAdapter(await inner.connect(), pool),
        connectToShadowDb,
      },
      close: async () => {
        await closeShadows();
        await pool.end();
      },
    };
  }

  const { PGlite, PrismaPGlite } = await pgliteModules();
  let db;
  let lock;
  if (target.kind === 'pglite-instance') {
    db = target.db;
  } else if (target.kind === 'pglite-memory') {
    db = new PGlite('memory://');
  } else if (target.kind === 'pglite') {
    lock = await acquireDirLock(target.dataDir, { waitMs: lockWaitMs });
    try {
      db = new PGlite(target.dataDir);
      await db.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    throw new SchemaEngineError(`Unknown database target kind: ${String(target?.kind)}`);
  }
  await db.waitReady;
  const inner = new PrismaPGlite(db);
  const owned = target.kind !== 'pglite-instance';
  return {
    target,
    db,
    factory: {
      provider: 'postgres',
      adapterName: inner.adapterName,
      connect: async () => fixPgliteAdapter(await inner.connect(), db),
      connectToShadowDb,
    },
    close: async () => {
      try {
        await closeShadows();
        if (owned && !db.closed) await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

// ---------------------------------------------------------------------------
// The engine

/**
 * Creates a wasm SchemaEngine over an adapter factory (from openDatabase).
 * `datamodels`: `[path, content][]` of the Prisma schema files, or undefined.
 * `onLog`: receives the engine's JSON log lines.
 * `call(method, params)` runs one engine method and throws SchemaEngineError.
 */
export async function createSchemaEngine(factory, { datamodels, onLog } = {}) {
  const bindings = await loadSchemaEngineWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const fail = (error) => {
    const e = toSchemaEngineError(error, bound.errorRegistry);
    if (e.isPanic) discardWasmInstance();
    return e;
  };
  let engine;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: datamodels && datamodels.length > 0 ? datamodels : undefined },
      (line) => onLog?.(String(line)),
      bound,
    );
  } catch (error) {
    throw fail(error);
  }
  let freed = false;
  return {
    async call(method, params) {
      if (freed) throw new SchemaEngineError(`The schema engine was already freed (calling ${method}).`);
      if (typeof engine[method] !== 'function') {
        throw new SchemaEngineError(`The schema engine has no method \`${method}\`.`);
      }
      try {
        // Called as a method: the wasm binding needs `this`.
        return await engine[method](params);
      } catch (error) {
        throw fail(error);
      }
    },
    free() {
      if (freed) return;
      freed = true;
      try {
        engine.free();
      } catch {
        // an engine of a discarded (panicked) instance
      }
    },
  };
}

/**
 * Opens `target`, creates an engine on it, runs `fn(engine, database)`, and
 * frees and closes everything afterwards.
 */
export async function withSchemaEngine(target, fn, options = {}) {
  const database = await openDatabase(target, options);
  try {
    const engine = await createSchemaEngine(database.factory, options);
    try {
      return await fn(engine, database);
    } finally {
      engine.free();
    }
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------
// The migrations folder, read exactly as the prisma CLI reads it.

export async function readMigrationsList(migrationsDir, shadowDbInitScript = '') {
  const lockfilePath = 'migration_lock.toml';
  const lockContent = await readFile(path.join(migrationsDir, lockfilePath), 'utf8').catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const file = 'migration.sql';
    const content = await readFile(path.join(migrationsDir, entry.name, file), 'utf8').then(
      (value) => ({ tag: 'ok', value }),
      (error) => ({ tag: 'error', value: error.message }),
    );
    migrationDirectories.push({ path: entry.name, migrationFile: { path: file, content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfilePath, content: lockContent },
    shadowDbInitScript,
    migrationDirectories,
  };
}
