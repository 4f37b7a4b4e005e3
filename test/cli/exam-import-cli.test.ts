/**
 * TRAIN-3: `banzhang exam import FILE` through the command line, on both
 * databases: a good file is stored (upsert by month and employee, audited); a
 * file with bad rows is refused whole with every bad row (line, column, why),
 * exit 2, nothing stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/shared/db/database.ts';
import { cli } from '../support/cli.ts';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures', name);

type Env = Record<string, string>;
const targets: Array<{ kind: string; skip: boolean; env: () => Promise<{ env: Env; cleanup(): Promise<void> }> }> = [
  {
    kind: 'embedded',
    skip: false,
    env: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'bz-exam-'));
      return { env: { BANZHANG_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    kind: 'postgres',
    skip: !postgresReachable,
    env: async () => {
      const db = await createPostgresDatabase('bz_exam');
      const env = { DATABASE_URL: db.url };
      const migrated = await cli(['db', 'migrate'], env);
      if (migrated.code !== 0) throw new Error(migrated.stderr);
      return { env, cleanup: db.drop };
    },
  },
];

/** Reads the exam_score rows and their audit, with the database closed again (the embedded one allows one opener). */
async function stored(env: Env) {
  const db = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'embedded', dataDir: env.BANZHANG_DATA_DIR! });
  try {
    const scores = await db.prisma.examScore.findMany({ orderBy: [{ month: 'asc' }, { employeeId: 'asc' }] });
    const audit = await db.prisma.auditLog.findMany({ where: { entity: 'exam_score' }, orderBy: { id: 'asc' } });
    return { scores: scores.map((s) => `${s.month} ${s.employeeId} ${s.score} ${s.source} ${s.recordedBy}`), audit: audit.map((a) => `${a.actor} ${a.action} ${a.entityId}`) };
  } finally {
    await db.close();
  }
}

for (const target of targets) {
  describe.skipIf(target.skip)(`banzhang exam import [${target.kind}]`, () => {
    let env: Env;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ env, cleanup } = await target.env());
      const org = await cli(['org', 'import', fixture('training-org.yaml')], env);
      if (org.code !== 0) throw new Error(org.stderr);
    });
    afterAll(async () => cleanup?.());

    it('TRAIN-3: a file with bad rows is refused whole, every bad row listed (line, column, why), exit 2, nothing stored', async () => {
      const file = fixture('training-exam-bad.csv');
      const bad = await cli(['exam', 'import', file], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr.split('\n')).toEqual([
        `${file} was refused: 5 bad row(s); nothing was stored.`,
        `${file}:3 employee_id: unknown employee E999`,
        `${file}:4 month: must be a month YYYY-MM (got "2026-13")`,
        `${file}:5 score: must be at most 100 (got 100.5)`,
        `${file}:6 score: must be a number from 0 to 100, at most 2 decimals (got "abc")`,
        `${file}:7 month: E001 in 2026-05 is already given on line 2`,
      ]);
      expect(await stored(env)).toEqual({ scores: [], audit: [] });
    });

    it('TRAIN-3: a good file is stored and audited; again, nothing changes; a changed score replaces the month\'s, audited', async () => {
      const good = await cli(['exam', 'import', fixture('training-exam-good.csv')], env);
      expect(good, good.stderr).toMatchObject({ code: 0, stdout: 'Exam import: 4 created, 0 replaced, 0 unchanged.' });
      expect(await cli(['exam', 'import', fixture('training-exam-good.csv')], env)).toMatchObject({ code: 0, stdout: 'Exam import: 0 created, 0 replaced, 4 unchanged.' });
      const dir = mkdtempSync(path.join(tmpdir(), 'bz-exam-csv-'));
      try {
        const changed = path.join(dir, 'changed.csv');
        writeFileSync(changed, 'employee_id,month,score\nE002,2026-05,90.25\n');
        expect(await cli(['exam', 'import', changed], { ...env, LANG: 'zh_CN.UTF-8' })).toMatchObject({ code: 0, stdout: '业务考试成绩导入：新增 0 条，替换 1 条，未变 0 条。' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const { scores, audit } = await stored(env);
      expect(scores).toEqual(['2026-04 E001 0 import cli', '2026-05 E001 92 import cli', '2026-05 E002 90.25 import cli', '2026-05 E003 100 import cli']);
      expect(audit).toEqual(['cli exam.create 2026-05:E001', 'cli exam.create 2026-05:E002', 'cli exam.create 2026-05:E003', 'cli exam.create 2026-04:E001', 'cli exam.replace 2026-05:E002']);
    });
  });
}
