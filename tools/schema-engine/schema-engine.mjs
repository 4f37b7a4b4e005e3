#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, built on
// @prisma/schema-engine-wasm, so that `prisma migrate …` works offline.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here; see docs/prisma-offline.md.
//
// It speaks to the prisma CLI as the binary does:
//   schema-engine [--datamodels FILE]… [--datasource JSON] [--enabled-preview-features LIST]
//                 [--extension-types JSON]                     JSON-RPC 2.0 over stdio, one message a line
//   schema-engine --datasource JSON cli can-connect-to-database|create-database|drop-database
//   schema-engine --version
// Logs go to stderr as JSON lines ({ level, fields: { message, … }, target }); an error
// of a `cli` command is the ERROR line of target `schema_engine::logger` and exit code 1;
// a panic is an ERROR line with is_panic and exit code 101.

import { readFileSync, rmSync } from 'node:fs';
import readline from 'node:readline';

import pg from 'pg';

import {
  NO_FILTERS,
  SchemaEngineError,
  acquireDirLock,
  createSchemaEngine,
  loadSchemaEngineWasm,
  openDatabase,
  parseDatasourceUrl,
  toSchemaEngineError,
} from './engine.mjs';

// How long to wait for a PGlite folder held by another process (e.g. the engine
// of the previous CLI command, still closing) before failing.
const LOCK_WAIT_MS = Number(process.env.BANZHANG_PGLITE_LOCK_WAIT_MS ?? 3000);

// ---------------------------------------------------------------------------
// stdout carries JSON-RPC only. Anything else that a library prints goes to
// stderr as a JSON log line (the CLI parses stderr line by line as JSON).

const writeStdout = process.stdout.write.bind(process.stdout);
const writeStderr = process.stderr.write.bind(process.stderr);
let stderrBroken = false;
process.stderr.on('error', () => {
  stderrBroken = true;
});
process.stdout.on('error', () => {
  // the CLI is gone: nothing left to answer
  void shutdown(0);
});

function logLine(level, fields, target = 'schema_engine') {
  if (stderrBroken) return;
  writeStderr(JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target }) + '\n');
}

function forwardEngineLog(line) {
  for (const part of String(line).split('\n')) {
    const text = part.trim();
    if (text === '') continue;
    try {
      JSON.parse(text);
      if (!stderrBroken) writeStderr(text + '\n');
    } catch {
      logLine('INFO', { message: text }, 'schema_engine_wasm');
    }
  }
}

const asText = (chunk, encoding) =>
  typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
process.stdout.write = (chunk, encoding, callback) => {
  forwardEngineLog(JSON.stringify({ level: 'INFO', fields: { message: asText(chunk, encoding).trimEnd() }, target: 'stdout' }));
  if (typeof encoding === 'function') encoding();
  else if (typeof callback === 'function') callback();
  return true;
};
for (const [method, level] of [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['debug', 'DEBUG'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
]) {
  console[method] = (...args) =>
    logLine(level === 'ERROR' ? 'WARN' : level, { message: args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ') });
}
process.removeAllListeners('warning');
process.on('warning', (warning) => logLine('WARN', { message: `${warning.name}: ${warning.message}` }));

// ---------------------------------------------------------------------------
// Arguments

function usage() {
  return [
    'schema-engine (banzhang offline stand-in, @prisma/schema-engine-wasm)',
    '',
    'USAGE:',
    '    schema-engine [OPTIONS] [cli <can-connect-to-database|create-database|drop-database>]',
    '',
    'OPTIONS:',
    '    -d, --datamodels <FILE>...         Prisma schema files',
    '        --datasource <JSON>            { "url": …, "shadowDatabaseUrl": … } from prisma.config.ts',
    '        --enabled-preview-features     accepted, ignored',
    '        --extension-types <JSON>       accepted, ignored',
    '    -V, --version',
    '    -h, --help',
    '',
    'Datasource URLs: postgres://… | postgresql://… | pglite:<folder> | pglite:memory://',
  ].join('\n');
}

function parseArgs(argv) {
  const out = { datamodels: [], datasource: undefined, cli: undefined, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new SchemaEngineError(`Missing value for ${flag}`);
      return next;
    };
    switch (flag) {
      case '-d':
      case '--datamodels':
      case '--datamodel':
        out.datamodels.push(value());
        break;
      case '--datasource':
        out.datasource = JSON.parse(value());
        break;
      case '--enabled-preview-features':
      case '--extension-types':
        value();
        break;
      case '-V':
      case '--version':
        out.version = true;
        break;
      case '-h':
      case '--help':
        out.help = true;
        break;
      case 'cli':
        out.cli = argv[++i];
        if (out.cli === undefined) throw new SchemaEngineError('`cli` needs a command: can-connect-to-database, create-database or drop-database');
        break;
      default:
        throw new SchemaEngineError(`Unknown argument: ${arg}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Databases, engines

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (error) {
    logLine('ERROR', { is_panic: false, message: error.message }, 'schema_engine::logger');
    process.exit(1);
  }
})();

const mainUrl = args.datasource?.url;
const openDatabases = new Set();
const engines = new Map(); // url | '<offline>' -> Promise<engine>

function datamodels() {
  return args.datamodels.map((file) => [file, readFileSync(file, 'utf8')]);
}

async function openTracked(target) {
  const database = await openDatabase(target, { lockWaitMs: LOCK_WAIT_MS });
  openDatabases.add(database);
  return database;
}

function engineFor(url) {
  const key = url ?? '<offline>';
  let engine = engines.get(key);
  if (!engine) {
    engine = (async () => {
      const target = url === undefined ? { kind: 'pglite-memory' } : parseDatasourceUrl(url);
      const database = await openTracked(target);
      try {
        return await createSchemaEngine(database.factory, { datamodels: datamodels(), onLog: forwardEngineLog });
      } catch (error) {
        // Free the database (and a PGlite folder's lock) so that a later request can retry.
        openDatabases.delete(database);
        await database.close().catch(() => {});
        throw error;
      }
    })();
    engines.set(key, engine);
    engine.catch(() => engines.delete(key));
  }
  return engine;
}

function mainEngine() {
  if (mainUrl === undefined) {
    return Promise.reject(
      new SchemaEngineError('The datasource URL is missing: set `datasource.url` in prisma.config.ts (or DATABASE_URL).'),
    );
  }
  return engineFor(mainUrl);
}

/** The URL named by a DatasourceParam ({ tag: 'ConnectionString', url } | { tag: 'Schema', … }). */
function urlOfDatasourceParam(param) {
  return param?.tag === 'ConnectionString' && typeof param.url === 'string' ? param.url : mainUrl;
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withMaintenanceClient(url, fn) {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  let lastError;
  for (const maintenance of ['postgres', 'template1']) {
    const admin = new URL(url);
    admin.pathname = `/${maintenance}`;
    admin.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      lastError = error;
      if (error.code === '3D000') continue;
      break;
    }
    try {
      return await fn(client, database);
    } finally {
      await client.end().catch(() => {});
    }
  }
  const message = lastError?.code === 'ECONNREFUSED' || lastError?.code === 'ENOTFOUND'
    ? `Can't reach database server at \`${target.hostname}:${target.port || 5432}\`\n\nPlease make sure your database server is running at \`${target.hostname}:${target.port || 5432}\`.`
    : String(lastError?.message ?? lastError);
  throw toSchemaEngineError(new Error(message));
}

async function createDatabase(url) {
  const target = parseDatasourceUrl(url);
  if (target.kind === 'pglite') {
    const lock = await acquireDirLock(target.dataDir, { waitMs: LOCK_WAIT_MS });
    lock.release();
    return { databaseName: target.dataDir };
  }
  if (target.kind !== 'postgres') return { databaseName: 'memory' };
  return withMaintenanceClient(url, async (client, database) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (error) {
      if (error.code === '42P04') {
        throw new SchemaEngineError(`Database \`${database}\` already exists on the database server`, { code: 'P1009' });
      }
      throw new SchemaEngineError(String(error.message));
    }
    return { databaseName: database };
  });
}

async function dropDatabase(url) {
  const target = parseDatasourceUrl(url);
  if (target.kind === 'pglite') {
    const lock = await acquireDirLock(target.dataDir, { waitMs: LOCK_WAIT_MS });
    rmSync(target.dataDir, { recursive: true, force: true });
    lock.release();
    return;
  }
  if (target.kind !== 'postgres') return;
  await withMaintenanceClient(url, async (client, database) => {
    await client.query(`DROP DATABASE ${quoteIdent(database)}`);
  });
}

async function canConnect(url) {
  const target = parseDatasourceUrl(url);
  if (target.kind === 'pglite') {
    // Opening a new PGlite folder takes seconds and would create it: only check
    // that nobody else holds it. The RPC session opens it for real.
    const lock = await acquireDirLock(target.dataDir, { waitMs: LOCK_WAIT_MS });
    lock.release();
    return;
  }
  if (target.kind !== 'postgres') return;
  const engine = await engineFor(url);
  await engine.call('ensureConnectionValidity', { datasource: { tag: 'ConnectionString', url } });
}

// ---------------------------------------------------------------------------
// JSON-RPC

const WASM_METHODS = new Set([
  'applyMigrations',
  'createMigration',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'diff',
  'ensureConnectionValidity',
  'evaluateDataLoss',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
]);

let ownRequestId = 0;
const pendingOwnRequests = new Map();

function send(message) {
  writeStdout(JSON.stringify(message) + '\n');
}

/** Asks the CLI to print text (the native engine prints `migrate diff` output this way). */
function printViaCli(text) {
  const id = `banzhang-print-${++ownRequestId}`;
  return new Promise((resolve, reject) => {
    pendingOwnRequests.set(id, { resolve, reject });
    send({ jsonrpc: '2.0', method: 'print', params: { content: text }, id });
  });
}

async function diff(params) {
  const needsDatabase = [params?.from, params?.to].some((t) => t?.tag === 'url' || t?.tag === 'schemaDatasource');
  // Diffs between schema files, migrations and nothing need no database: they run on an
  // in-memory PGlite (the shadow database, when needed, is one too), never on the main one.
  const engine = needsDatabase || engines.has(mainUrl) ? await mainEngine() : await engineFor(undefined);
  const result = await engine.call('diff', params);
  if (typeof result?.stdout === 'string' && result.stdout !== '') {
    await printViaCli(result.stdout.endsWith('\n') ? result.stdout.slice(0, -1) : result.stdout);
  }
  return { exitCode: result?.exitCode ?? 0, stdout: null };
}

// The wasm engine's evaluateDataLoss and createMigration get no shadow database of
// their own: they read the schema of the migrations from a cache that devDiagnostic
// fills (with the shadow database). When `migrate dev` first had to apply pending
// migrations, that cache is empty and they fail with this message; fill it and retry.
const NO_SHADOW_FACTORY = /shadow DB must be provided through an external factory/;

async function withShadowSchemaCache(method, params) {
  const engine = await mainEngine();
  try {
    return await engine.call(method, params);
  } catch (error) {
    if (!NO_SHADOW_FACTORY.test(error?.message ?? '') || !params?.migrationsList) throw error;
    await engine.call('devDiagnostic', { migrationsList: params.migrationsList, filters: params.filters ?? NO_FILTERS });
    return engine.call(method, params);
  }
}

async function dispatch(method, params) {
  switch (method) {
    case 'diff':
      return diff(params);
    case 'evaluateDataLoss':
    case 'createMigration':
      return withShadowSchemaCache(method, params);
    case 'getDatabaseVersion':
      return (await engineFor(urlOfDatasourceParam(params?.datasource))).call('version', params ?? null);
    case 'createDatabase': {
      const url = urlOfDatasourceParam(params?.datasource);
      if (url === undefined) throw new SchemaEngineError('The datasource URL is missing.');
      return createDatabase(url);
    }
    case 'ensureConnectionValidity':
      return (await engineFor(urlOfDatasourceParam(params?.datasource))).call(method, params);
    case 'dbExecute': {
      const type = params?.datasourceType;
      const url = type?.tag === 'url' && typeof type.url === 'string' ? type.url : mainUrl;
      return (await engineFor(url)).call(method, params);
    }
    case 'introspectSql':
      return (await engineFor(typeof params?.url === 'string' ? params.url : mainUrl)).call(method, params);
    case 'debugPanic':
      return (await engineFor(undefined)).call(method, params);
    default:
      if (!WASM_METHODS.has(method)) {
        const error = new SchemaEngineError(`The offline schema engine does not implement \`${method}\`.`);
        error.rpcCode = -32601;
        throw error;
      }
      return (await mainEngine()).call(method, params);
  }
}

function panicExit(error) {
  logLine(
    'ERROR',
    { is_panic: true, message: error.message, backtrace: String(error.cause?.stack ?? error.stack ?? '') },
    'schema_engine::logger',
  );
  void shutdown(101);
}

// After a panic the engine is done: every later request gets the same panic, and
// the process exits with 101 once the CLI closes stdin (as the binary exits 101).
// The panic is answered rather than only logged before exiting: the CLI reports an
// answered panic reliably, while an engine that dies mid-request can race its own
// exit handling.
let panicked;

async function handleRequest(request) {
  const { id, method, params } = request;
  try {
    if (panicked) throw panicked;
    const result = await dispatch(method, params);
    send({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
  } catch (thrown) {
    const error = toSchemaEngineError(thrown);
    if (error.isPanic) {
      if (!panicked) {
        panicked = error;
        logLine(
          'ERROR',
          { is_panic: true, message: error.message, backtrace: String(error.cause?.stack ?? error.stack ?? '') },
          'schema_engine::logger',
        );
      }
      send({
        jsonrpc: '2.0',
        id,
        error: { code: 4466, message: error.message, data: { is_panic: true, message: error.message, backtrace: null } },
      });
      return;
    }
    const data = { is_panic: false, message: error.message };
    if (error.code) {
      data.meta = error.meta ?? {};
      data.error_code = error.code;
    } else {
      data.backtrace = null;
    }
    logLine('ERROR', { is_panic: false, error_code: error.code ?? '', message: error.message }, 'schema_engine::rpc');
    send({
      jsonrpc: '2.0',
      id,
      error: { code: error.rpcCode ?? 4466, message: 'An error happened. Check the data field for details.', data },
    });
  }
}

function serveJsonRpc() {
  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    if (line.trim() === '') return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      // The CLI's answer to one of our requests (print).
      const waiting = pendingOwnRequests.get(message.id);
      if (waiting) {
        pendingOwnRequests.delete(message.id);
        if (message.error) waiting.reject(new SchemaEngineError(String(message.error.message ?? 'print failed')));
        else waiting.resolve(message.result);
      }
      return;
    }
    // One request at a time, in order, as the engine state is shared.
    queue = queue.then(() => handleRequest(message));
  });
  input.on('close', () => {
    void queue.then(() => shutdown(panicked ? 101 : 0));
  });
  logLine('INFO', { message: 'Starting schema engine RPC server', git_hash: 'wasm' });
}

// ---------------------------------------------------------------------------
// Shutdown: close PGlite folders cleanly (stdin closed, SIGTERM, SIGINT).

let shuttingDown;
function shutdown(code) {
  shuttingDown ??= (async () => {
    for (const engine of engines.values()) {
      try {
        (await engine).free();
      } catch {
        // engine that never started
      }
    }
    for (const database of openDatabases) await database.close().catch(() => {});
    process.exit(code);
  })();
  return shuttingDown;
}
process.on('SIGTERM', () => void shutdown(panicked ? 101 : 0));
process.on('SIGINT', () => void shutdown(130));

// ---------------------------------------------------------------------------

async function runCli(command) {
  logLine('INFO', { message: 'Starting schema engine CLI', git_hash: 'wasm' });
  try {
    if (mainUrl === undefined) {
      throw new SchemaEngineError('The datasource URL is missing: set `datasource.url` in prisma.config.ts (or DATABASE_URL).');
    }
    let message;
    switch (command) {
      case 'can-connect-to-database':
        await canConnect(mainUrl);
        message = 'Connection successful';
        break;
      case 'create-database': {
        const { databaseName } = await createDatabase(mainUrl);
        message = `Database '${databaseName}' was successfully created.`;
        break;
      }
      case 'drop-database':
        await dropDatabase(mainUrl);
        message = 'The database was successfully dropped.';
        break;
      default:
        throw new SchemaEngineError(`Unknown cli command: ${command}`);
    }
    logLine('INFO', { message });
    await shutdown(0);
  } catch (thrown) {
    const error = toSchemaEngineError(thrown);
    if (error.isPanic) return panicExit(error);
    logLine(
      'ERROR',
      { is_panic: false, error_code: error.code ?? '', message: error.message },
      'schema_engine::logger',
    );
    await shutdown(1);
  }
}

if (args.help) {
  writeStdout(usage() + '\n');
  process.exit(0);
} else if (args.version) {
  const bindings = await loadSchemaEngineWasm();
  writeStdout(`schema-engine-cli ${bindings.version()}\n`);
  process.exit(0);
} else if (args.cli !== undefined) {
  await runCli(args.cli);
} else {
  serveJsonRpc();
}
