import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';
import { REPO, runCli, startServe, waitForStatus } from '../support/process.ts';

const { Client } = pg;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-serve-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('banzhang serve', () => {
  it('comes up with no settings at all on a new embedded database: healthz, readyz and metrics answer 200', async () => {
    const dataDir = tempDir();
    const served = await startServe({ BANZHANG_DATA_DIR: dataDir });
    try {
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
      expect(await waitForStatus(`${served.url}/readyz`, 200)).toBe('ready\n');
      const metrics = await fetch(`${served.url}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('banzhang_http_requests_total{route="/healthz",status="200"} 1');
      expect(text).toContain('banzhang_outbox_queue_depth');
      expect((await fetch(`${served.url}/nowhere`)).status).toBe(404);
      expect((await fetch(`${served.url}/healthz`, { method: 'POST' })).status).toBe(405);

      // The embedded database belongs to this process: a second one is refused, untouched.
      const org = path.join(REPO, 'test/fixtures/org-small.yaml');
      const blocked = await runCli(['org', 'import', org], { BANZHANG_DATA_DIR: dataDir });
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('is in use by another banzhang process');
    } finally {
      expect(await served.stop()).toBe(0);
    }
    // Stopped cleanly: the lock is gone and the database reopens, already migrated.
    const again = await startServe({ BANZHANG_DATA_DIR: dataDir });
    try {
      await waitForStatus(`${again.url}/readyz`, 200, 20_000);
      expect(again.output()).not.toContain('migrations applied');
    } finally {
      await again.stop();
    }
  });

  it('a bad setting stops the start with one line naming it, exit 2', async () => {
    const bad = await runCli(['serve'], { DATABASE_URL: 'mysql://x', PORT: '0' });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('DATABASE_URL');
    const preset = await runCli(['serve'], { BANZHANG_POLICY: 'no-such-preset', PORT: '0' });
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain('BANZHANG_POLICY');
    const zh = await runCli(['serve'], { PORT: 'eighty', LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('配置项 PORT 有误');
  });

  it.skipIf(!postgresReachable)('on PostgreSQL, readyz is 503 until `banzhang db migrate` has run; then BANZHANG_ORG is imported and readyz is 200', async () => {
    const tempDb = await createPostgresDatabase('bz_serve');
    const served = await startServe({ DATABASE_URL: tempDb.url, BANZHANG_ORG: path.join(REPO, 'test/fixtures/org-small.yaml') });
    try {
      const notReady = await waitForStatus(`${served.url}/readyz`, 503, 60_000, /pending/);
      expect(notReady).toMatch(/^not ready: \d+ migration\(s\) pending: run banzhang db migrate/);
      const migrate = await runCli(['db', 'migrate'], { DATABASE_URL: tempDb.url });
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toMatch(/Applied \d+ migration/);
      await waitForStatus(`${served.url}/readyz`, 200);
      const client = new Client({ connectionString: tempDb.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string }>('SELECT id FROM employee ORDER BY id');
        expect(rows.map((r) => r.id)).toEqual(['E001', 'E002', 'E100']);
      } finally {
        await client.end();
      }
      const twice = await runCli(['db', 'migrate'], { DATABASE_URL: tempDb.url });
      expect(twice.stdout).toContain('up to date');
    } finally {
      await served.stop();
      await tempDb.drop();
    }
  });
});
