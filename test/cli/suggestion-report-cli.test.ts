/**
 * SUGG-3 through the command line: `banzhang report suggestions --month` on the
 * embedded database a previous process filled (the CLI opens and migrates it itself).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSuggestionRenderer } from '../../src/channels/slack/blocks/suggestion-blocks.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { completeSuggestion, rateSuggestion, reviewSuggestion, submitSuggestion, type SuggestionDeps } from '../../src/features/suggestions/suggestion-service.ts';
import { openDatabase } from '../../src/shared/db/database.ts';
import { cli } from '../support/cli.ts';
import { OUTBOUND_BASIC as policy } from '../support/fixtures.ts';

const zone = 'Asia/Shanghai';
const ORG = `center: { name: 测试中心, timeZone: Asia/Shanghai }
teams: [{ id: t1, name: 外呼一组 }, { id: office, name: 中心办公室 }]
employees:
  - { id: A1, name: 张三, role: outbound_agent, team: t1, manager: TL, hireDate: 2025-01-01 }
  - { id: A2, name: 李四, role: outbound_agent, team: t1, manager: TL, hireDate: 2025-01-01 }
  - { id: TL, name: 班长, role: team_leader, team: t1, manager: CM, hireDate: 2020-01-01 }
  - { id: CM, name: 中心经理, role: center_manager, team: office, hireDate: 2018-01-01 }
`;

describe('report suggestions [embedded]', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-sugg-'));
  const env = { BANZHANG_DATA_DIR: dir, BANZHANG_CLOCK: '2026-12-02T10:00:00+08:00' };
  beforeAll(async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: dir });
    try {
      await db.migrate();
      await importOrg(db.prisma, ORG, { actor: 'test', file: 'org.yaml' });
      let now = DateTime.fromISO('2026-11-10T10:00', { zone });
      const deps: SuggestionDeps = { prisma: db.prisma, policy, clock: { now: () => now }, channel: 'test', messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: () => null } };
      const flow = async (submitterId: string, title: string, at: string, adopted: boolean, grade: string) => {
        now = DateTime.fromISO(at, { zone });
        const { id } = await submitSuggestion(deps, { submitterId, title, currentPractice: '现状', proposal: '方案', source: 'training' });
        await reviewSuggestion(deps, { id, actorId: 'TL', decision: 'forward' });
        await rateSuggestion(deps, { id, actorId: 'CM', grade, adopted, ownerId: adopted ? 'A2' : null, deadline: adopted ? '2026-12-15' : null });
        return id;
      };
      await flow('A1', '话术库共享, "全组"', '2026-11-10T10:00', true, 'A');
      await flow('A2', '不采纳的', '2026-11-12T10:00', false, 'D');
      const done = await flow('A2', '耳机备件', '2026-11-30T17:00', true, 'B');
      now = DateTime.fromISO('2026-12-01T09:00', { zone });
      await completeSuggestion(deps, { id: done, actorId: 'A2' });
      await flow('A1', '十二月的', '2026-12-01T10:00', true, 'C');
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SUGG-3: report suggestions --month lists the adopted ones of that month in every format; a bad month is bad usage', async () => {
    const json = await cli(['report', 'suggestions', '--month', '2026-11', '--format', 'json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Array<Record<string, unknown>>).map((r) => [r.id, r.adopted_on, r.name, r.title, r.grade, r.owner, r.deadline, r.status, r.done_on])).toEqual([
      [1, '2026-11-10', '张三', '话术库共享, "全组"', 'A', '李四', '2026-12-15', 'adopted', ''],
      [3, '2026-11-30', '李四', '耳机备件', 'B', '李四', '2026-12-15', 'done', '2026-12-01'],
    ]);
    const csv = await cli(['report', 'suggestions', '--month', '2026-11', '--format', 'csv'], env);
    expect(csv.stdout.split('\n')[1]).toBe('1,2026-11-10,A1,张三,外呼一组,"话术库共享, ""全组""",training,A,李四,2026-12-15,adopted,');
    const table = await cli(['report', 'suggestions', '--month', '2026-12'], env);
    expect(table.stdout.split('\n')).toHaveLength(3);
    expect(table.stdout).toContain('十二月的');
    const xlsx = path.join(dir, 's.xlsx');
    expect((await cli(['report', 'suggestions', '--month', '2026-11', '--format', 'xlsx', '--out', xlsx], env)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets[0]!.rowCount).toBe(3);
    expect(book.worksheets[0]!.getRow(3).getCell(1).value).toBe(3);
    expect((await cli(['report', 'suggestions', '--month', '2026-13'], env)).code).toBe(2);
  });
});
