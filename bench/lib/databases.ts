/**
 * Fresh, migrated databases for the bench, fast: migrations run once per bench
 * run into a template (a PGlite folder, a PostgreSQL template database); each
 * database the bench needs is a copy of it. Everything is removed by `dropAll`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { embeddedDir, openDatabase } from '../../src/shared/db/database.ts';
import { POSTGRES_ADMIN_URL } from '../../test/support/databases.ts';

export interface BenchDatabase {
  kind: 'embedded' | 'postgres';
  /** PostgreSQL: its URL. */
  url?: string;
  /** Embedded: the data folder (BANZHANG_DATA_DIR). */
  dataDir?: string;
  drop(): Promise<void>;
}

let embeddedTemplate: string | undefined;
let postgresTemplate: string | undefined;
const created: BenchDatabase[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const urlOf = (name: string) => {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** A migrated database of that kind, copied from this run's template. */
export async function freshDatabase(kind: 'embedded' | 'postgres'): Promise<BenchDatabase> {
  let db: BenchDatabase;
  if (kind === 'embedded') {
    if (!embeddedTemplate) {
      embeddedTemplate = mkdtempSync(path.join(tmpdir(), 'bz-bench-template-'));
      const template = await openDatabase({ kind: 'embedded', dataDir: embeddedTemplate });
      await template.migrate();
      await template.close();
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bz-bench-db-'));
    cpSync(embeddedDir(embeddedTemplate), embeddedDir(dataDir), { recursive: true, filter: (source) => path.basename(source) !== 'banzhang.lock' });
    db = { kind, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  } else {
    if (!postgresTemplate) {
      const name = `bz_bench_tpl_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}"`));
      postgresTemplate = name;
      const template = await openDatabase({ kind: 'postgres', url: urlOf(name) });
      await template.migrate();
      await template.close();
    }
    const name = `bz_bench_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplate}"`));
    db = { kind, url: urlOf(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
  }
  created.push(db);
  return db;
}

/** Drops every database this run made, and the templates. */
export async function dropAll(): Promise<void> {
  for (const db of created.splice(0)) await db.drop();
  if (embeddedTemplate) rmSync(embeddedTemplate, { recursive: true, force: true });
  if (postgresTemplate) {
    const name = postgresTemplate;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
  embeddedTemplate = postgresTemplate = undefined;
}
