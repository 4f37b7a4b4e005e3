import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures', name);

type Env = Record<string, string>;
const targets: Array<{ kind: string; skip: boolean; env: () => Promise<{ env: Env; cleanup(): Promise<void> }> }> = [
  {
    kind: 'embedded',
    skip: false,
    env: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'bz-cli-'));
      return { env: { BANZHANG_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    kind: 'postgres',
    skip: !postgresReachable,
    env: async () => {
      const db = await createPostgresDatabase('bz_cli');
      const env = { DATABASE_URL: db.url };
      const migrated = await cli(['db', 'migrate'], env);
      if (migrated.code !== 0) throw new Error(migrated.stderr);
      return { env, cleanup: db.drop };
    },
  },
];

for (const target of targets) {
  describe.skipIf(target.skip)(`banzhang org import [${target.kind}]`, () => {
    let env: Env;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ env, cleanup } = await target.env());
    });
    afterAll(async () => cleanup?.());

    it('ORG-2: a file with two bad rows is refused with both listed (line, field), exit 2, nothing stored', async () => {
      const bad = await cli(['org', 'import', fixture('org-two-bad-rows.yaml')], env);
      expect(bad.code).toBe(2);
      const lines = bad.stderr.split('\n');
      expect(lines[0]).toContain('was refused: 2 bad row(s); nothing was stored');
      expect(lines[1]).toMatch(/org-two-bad-rows\.yaml:12 employees\[1\]\.role: must be one of/);
      expect(lines[2]).toMatch(/org-two-bad-rows\.yaml:19 employees\[2\]\.hireDate: must be a date/);
      // Nothing stored: the good file afterwards creates all three from scratch.
      const good = await cli(['org', 'import', fixture('org-small.yaml')], env);
      expect(good.code).toBe(0);
      expect(good.stdout).toBe('Org import: 3 created, 0 updated, 0 deactivated, 0 unchanged.');
    });

    it('ORG-2: importing the same file again changes nothing and says so', async () => {
      const again = await cli(['org', 'import', fixture('org-small.yaml')], env);
      expect(again.code).toBe(0);
      expect(again.stdout.split('\n')).toEqual([
        'Org import: 0 created, 0 updated, 0 deactivated, 3 unchanged.',
        `Nothing changed: the database already matches ${fixture('org-small.yaml')}.`,
      ]);
      const zh = await cli(['org', 'import', fixture('org-small.yaml')], { ...env, LANG: 'zh_CN.UTF-8' });
      expect(zh.stdout).toContain('组织导入：新增 0，更新 0，停用 0，未变 3。');
    });

    it('a missing file is bad input: exit 2 and a clear line', async () => {
      const missing = await cli(['org', 'import', '/nonexistent/org.yaml'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe('Cannot read /nonexistent/org.yaml: ENOENT');
    });
  });
}

describe('banzhang usage', () => {
  it('--help works for every command, and bad usage exits 2', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['db', 'migrate', '--help'], ['org', 'import', '--help'], ['roster', 'import', '--help'], ['clock', 'import', '--help'], ['summary', 'import', '--help'], ['report', 'lateness', '--help'], ['report', 'pay', '--help'], ['policy', 'check', '--help']]) {
      const help = await cli(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: banzhang');
    }
    const bad = await cli(['org', 'import']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("missing required argument 'file'");
    expect((await cli(['no-such-command'])).code).toBe(2);
  });
});
