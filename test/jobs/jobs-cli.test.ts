import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';
import { runCli } from '../support/process.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('banzhang jobs', () => {
  it('jobs list: every job with its cron, time zone and next run in the center zone, on the program clock', async () => {
    const list = await runCli(['jobs', 'list'], { BANZHANG_CLOCK: '2026-11-24T19:59:30+08:00' });
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+cron\s+time zone\s+next run\s+does$/);
    expect(lines[1]).toMatch(/^-+(\s+-+){4}$/);
    // Columns are padded to the widest cell; other jobs may be listed too.
    const row = lines.find((l) => l.startsWith('leave-sweeps '));
    expect(row?.split(/\s{2,}/)).toEqual([
      'leave-sweeps',
      '0 20 * * *',
      'Asia/Shanghai',
      '2026-11-24 20:00 +08:00',
      'LEAVE-6 overdue returns and LEAVE-3 overdue sick proofs: flag each once and tell the approver',
    ]);
    const after = await cli(['jobs', 'list'], { BANZHANG_CLOCK: '2026-11-24T20:00:30+08:00', LANG: 'zh_CN.UTF-8' });
    expect(after.stdout).toContain('下次运行');
    expect(after.stdout.split('\n').find((l) => l.startsWith('leave-sweeps '))?.split(/\s{2,}/).slice(3, 4)).toEqual(['2026-11-25 20:00 +08:00']);
  });

  it('jobs run: an unknown job or a bad --at is bad usage (exit 2), naming the jobs there are', async () => {
    const unknown = await cli(['jobs', 'run', 'leave-sweep', '--at', '2026-11-24T20:00']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown job "leave-sweep"\. Jobs: (.+, )?leave-sweeps(, .+)?$/);
    const badAt = await cli(['jobs', 'run', 'leave-sweeps', '--at', '2026-13-40T20:00']);
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('--at must be an ISO-8601 instant');
    expect(badAt.stderr).toContain('"2026-13-40T20:00"');
    const missing = await cli(['jobs', 'run', 'leave-sweeps']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--at <iso>' not specified");
  });

  it('jobs run on the embedded database: the slot runs once; again, it says so and does nothing (exit 0)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-jobs-'));
    dirs.push(dir);
    const env = { BANZHANG_DATA_DIR: dir };
    const first = await cli(['jobs', 'run', 'leave-sweeps', '--at', '2026-11-24T20:00:45'], env);
    expect(first).toMatchObject({ code: 0, stdout: 'Job leave-sweeps, slot 2026-11-24 20:00 +08:00: finished.' });
    const again = await cli(['jobs', 'run', 'leave-sweeps', '--at', '2026-11-24T12:00Z'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Job leave-sweeps, slot 2026-11-24 20:00 \+08:00: already done \(by cli:[^)]+\); nothing was run\.$/);
  });

  it.skipIf(!postgresReachable)('jobs run twice through the real command on PostgreSQL: finished, then already done; one job_run row', async () => {
    const db = await createPostgresDatabase('bz_jobs_cli');
    try {
      const env = { DATABASE_URL: db.url };
      expect((await cli(['db', 'migrate'], env)).code).toBe(0);
      const first = await runCli(['jobs', 'run', 'leave-sweeps', '--at', '2026-11-24T20:00+08:00'], env);
      expect(first).toMatchObject({ code: 0, stdout: 'Job leave-sweeps, slot 2026-11-24 20:00 +08:00: finished.\n', stderr: '' });
      const again = await runCli(['jobs', 'run', 'leave-sweeps', '--at', '2026-11-24T20:00+08:00'], { ...env, LANG: 'zh_CN.UTF-8' });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^任务 leave-sweeps，时间点 2026-11-24 20:00 \+08:00：已运行过（cli:[^）]+），本次未运行。\n$/);
      const off = await runCli(['jobs', 'run', 'leave-sweeps', '--at', '2026-11-24T20:07+08:00'], env);
      expect(off.code).toBe(0);
      expect(off.stdout).toContain('is not a slot of the cron "0 20 * * *" (Asia/Shanghai); running it as asked.');
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ slot: Date; status: string }>(`SELECT slot, status FROM job_run WHERE name = 'leave-sweeps' ORDER BY slot`);
        expect(rows.map((r) => `${r.slot.toISOString()} ${r.status}`)).toEqual(['2026-11-24T12:00:00.000Z finished', '2026-11-24T12:07:00.000Z finished']);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
