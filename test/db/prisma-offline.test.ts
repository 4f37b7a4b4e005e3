/**
 * The real prisma CLI works offline with this repository's own schema engine
 * (tools/schema-engine, wired by prisma.config.ts): the environment of every
 * run has no PRISMA_SCHEMA_ENGINE_BINARY, so nothing but the repository can
 * provide the engine. See docs/prisma-offline.md.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationStatus } from '../../src/shared/db/migrate.ts';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI_TIMEOUT = 180_000;

const LOCAL_MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** This environment without anything that would pick the database or the engine for the CLI. */
function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) {
    if (/^(PRISMA_|BANZHANG_)|^DATABASE_URL$/.test(key)) delete base[key];
  }
  return { ...base, NO_COLOR: '1', ...env };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

function prisma(args: string[], env: Record<string, string> = {}, cwd = REPO): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['prisma', ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` }));
  });
}

function expectSuccess(run: Run): void {
  if (run.code !== 0) throw new Error(`prisma exited with ${run.code}:\n${run.output}`);
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-prisma-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('uses the schema engine of this repository, from prisma.config.ts', { timeout: CLI_TIMEOUT }, async () => {
  expect(cliEnv().PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
  const run = await prisma(['--version']);
  expectSuccess(run);
  expect(run.stdout).toMatch(/Schema Engine\s*: schema-engine-cli \w+ \(at tools\/schema-engine\/schema-engine\.mjs, resolved by PRISMA_SCHEMA_ENGINE_BINARY\)/);
});

it(
  'migrate diff prints the SQL of the whole schema, without opening any database',
  { timeout: CLI_TIMEOUT },
  async () => {
    const dataDir = path.join(tempDir(), 'data');
    const run = await prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.prisma', '--script'], {
      BANZHANG_DATA_DIR: dataDir,
    });
    expectSuccess(run);
    expect(run.stdout).toContain('CREATE TABLE "employee"');
    expect(run.stdout).toContain('CREATE UNIQUE INDEX "job_run_name_slot_key"');
    expect(existsSync(dataDir)).toBe(false);
  },
);

it('the migrations of prisma/migrations match prisma/schema.prisma', { timeout: CLI_TIMEOUT }, async () => {
  const run = await prisma([
    'migrate',
    'diff',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema',
    'prisma/schema.prisma',
    '--exit-code',
  ]);
  if (run.code !== 0) {
    throw new Error(
      `prisma/schema.prisma differs from prisma/migrations (exit ${run.code}); create a migration (docs/prisma-offline.md):\n${run.output}`,
    );
  }
});

describe('migrate deploy and status on a new embedded database (PGlite folder)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(tempDir(), 'data');
  });

  it('deploy applies every migration; status says up to date', { timeout: CLI_TIMEOUT }, async () => {
    const deploy = await prisma(['migrate', 'deploy'], { BANZHANG_DATA_DIR: dataDir });
    expectSuccess(deploy);
    expect(deploy.output).toContain('All migrations have been successfully applied.');
    for (const name of LOCAL_MIGRATIONS) expect(deploy.output).toContain(name);
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'pglite', 'banzhang.lock'))).toBe(false);

    const status = await prisma(['migrate', 'status'], { BANZHANG_DATA_DIR: dataDir });
    expectSuccess(status);
    expect(status.output).toContain('Database schema is up to date!');
  });

  it('the program agrees with the CLI about what is applied', async () => {
    expect(await migrationStatus({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') })).toMatchObject({
      pending: [],
      failed: [],
    });
  });
});

describe.skipIf(!postgresReachable)('migrate deploy and status on a new PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createPostgresDatabase('bz_mig');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('deploy applies every migration; status says up to date', { timeout: CLI_TIMEOUT }, async () => {
    const deploy = await prisma(['migrate', 'deploy'], { DATABASE_URL: database.url });
    expectSuccess(deploy);
    expect(deploy.output).toContain('All migrations have been successfully applied.');
    const status = await prisma(['migrate', 'status'], { DATABASE_URL: database.url });
    expectSuccess(status);
    expect(status.output).toContain('Database schema is up to date!');
    expect(await migrationStatus({ kind: 'postgres', url: database.url })).toMatchObject({ pending: [], failed: [] });
  });

  it('an unreachable server is an error the CLI prints, with a non-zero exit', { timeout: CLI_TIMEOUT }, async () => {
    const url = new URL(database.url);
    url.port = '1';
    const run = await prisma(['migrate', 'deploy'], { DATABASE_URL: url.toString() });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('P1001');
    expect(run.output).toContain("Can't reach database server");
  });
});

it('a panic of the engine is printed by the CLI, which exits non-zero', { timeout: CLI_TIMEOUT }, async () => {
  const run = await prisma(['migrate', 'status'], {
    FORCE_PANIC_SCHEMA_ENGINE: '1',
    BANZHANG_DATA_DIR: path.join(tempDir(), 'data'),
  });
  expect(run.code).not.toBe(0);
  expect(run.output).toContain('This is the debugPanic artificial panic');
});

it(
  'migrate dev creates a migration for a schema change, with an in-memory shadow database',
  { timeout: CLI_TIMEOUT },
  async () => {
    // A copy of the project, so that the new migration lands outside this repository.
    const project = tempDir();
    cpSync(path.join(REPO, 'prisma'), path.join(project, 'prisma'), { recursive: true });
    cpSync(path.join(REPO, 'prisma.config.ts'), path.join(project, 'prisma.config.ts'));
    symlinkSync(path.join(REPO, 'tools'), path.join(project, 'tools'));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'));
    appendFileSync(
      path.join(project, 'prisma', 'schema.prisma'),
      '\nmodel Probe {\n  id   Int    @id @default(autoincrement())\n  note String\n\n  @@map("probe")\n}\n',
    );

    const run = await prisma(['migrate', 'dev', '--name', 'add_probe'], {}, project);
    expectSuccess(run);
    const created = readdirSync(path.join(project, 'prisma', 'migrations')).filter((n) => n.endsWith('_add_probe'));
    expect(created).toHaveLength(1);
    const sql = readFileSync(path.join(project, 'prisma', 'migrations', created[0]!, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "probe"');
    expect(sql).not.toContain('CREATE TABLE "employee"');

    const status = await prisma(['migrate', 'status'], {}, project);
    expectSuccess(status);
    expect(status.output).toContain('Database schema is up to date!');
  },
);
