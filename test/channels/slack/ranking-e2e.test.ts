/**
 * PERF-2..PERF-8 end to end: a floor of six outbound agents (two with equal
 * figures) and a complaint handler; November's summaries imported from a CSV
 * generated here (with call types), October's for PERF-8, exam scores, a
 * complaint handler's KPIs, an approved sick day and a missed weekly study.
 * `month-end-ranking` run for a slot after the last segment of the month's last
 * working day posts to the rankings channel the ranking this file computes by
 * its own arithmetic (not the production functions); ties share a rank; every
 * ranked employee gets their lines by DM; the PERF-8 flag reaches the active
 * training supervisor and department head; `report ranking` agrees (json and
 * xlsx); the slot again sends nothing.
 *
 * PostgreSQL: everything through the real command line (`summary import`,
 * `kpi import`, `exam import`, `jobs run`, `report ranking`) against the
 * running server's database, whose sender posts to the fake Slack. Embedded:
 * the running server owns the database (a second process is refused), so the
 * same code runs in this process: the import functions the CLI calls, the
 * scheduler's `runSlot` (the path of `jobs run`), and the report's functions
 * and columns.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../../src/channels/slack/blocks/leave-blocks.ts';
import { decideLeave, fileLeave } from '../../../src/features/leave/leave-service.ts';
import { importKpis } from '../../../src/features/performance/kpi-import.ts';
import { RANKING_COLUMNS, rankingReport } from '../../../src/features/performance/ranking.ts';
import { importSummaries } from '../../../src/features/performance/summary-import.ts';
import { importExamScores } from '../../../src/features/training/exam-scores.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { formatReport, reportWorkbook } from '../../../src/shared/report-format.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { expectedRanking, examCsv, kpiCsv, summariesCsv, ZONE } from '../../support/ranking-floor.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/perf-org.yaml');
const POLICY = path.join(import.meta.dirname, '../../fixtures/perf-policy.yaml');
// Monday 30 November 2026 is the month's last working day (Mon–Fri); its afternoon ends at 17:30 (winter).
const CLOCK = '2026-11-30T16:40:00+08:00';
const SLOT = '2026-11-30T17:35+08:00';

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`month-end ranking [${kind}]`, () => {
    let h: SlackHarness;
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-ranking-'));
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG, policy: POLICY });
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const cliOk = async (args: string[]) => {
      const run = await runCli(args, h.cliEnv);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return run.stdout.trim();
    };

    it('PERF-7: the month-end ranking posted, DMed and reported equals the one computed by hand; ties share a rank; PERF-8 reaches the interviewers; the slot again sends nothing', async () => {
      const prisma = h.db.prisma;
      const policy = h.app.policy;
      // ---- facts
      const files = { summaries: path.join(dir, 'summaries.csv'), exams: path.join(dir, 'exams.csv'), kpis: path.join(dir, 'kpis.csv') };
      writeFileSync(files.summaries, summariesCsv());
      writeFileSync(files.exams, examCsv());
      writeFileSync(files.kpis, kpiCsv());
      if (kind === 'postgres') {
        expect(await cliOk(['summary', 'import', files.summaries])).toMatch(/^Summary import: \d+ created, 0 replaced, 0 unchanged\.$/);
        await cliOk(['exam', 'import', files.exams]);
        expect(await cliOk(['kpi', 'import', files.kpis])).toBe('KPI import: 1 created, 0 replaced, 0 unchanged.');
      } else {
        await importSummaries(prisma, summariesCsv(), { actor: 'cli', file: files.summaries, policy });
        await importExamScores(prisma, examCsv(), { actor: 'cli', file: files.exams });
        await importKpis(prisma, kpiCsv(), { actor: 'cli', file: files.kpis, policy });
      }
      expect(await prisma.dailySummary.count({ where: { callType: 'marketing' } })).toBe(20);
      // A4's approved sick day: not a working day.
      const leaveDeps = {
        prisma,
        policy,
        clock: { now: () => DateTime.fromISO('2026-11-09T18:00', { zone: ZONE }) },
        source: 'test',
        messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
      };
      const { request } = await fileLeave(leaveDeps, { employeeId: 'A4', type: 'sick', startDate: '2026-11-10', endDate: '2026-11-10', part: 'full', emergency: false, proof: 'attached' });
      await decideLeave(leaveDeps, { requestId: request.id, actorId: request.approverId, decision: 'approved' });
      // The weekly study of Friday 27 November: everyone expected checked in but A5.
      const session = await prisma.trainingSession.create({ data: { date: new Date('2026-11-27T00:00:00Z'), startsAt: DateTime.fromISO('2026-11-27T16:30', { zone: ZONE }).toJSDate() } });
      await prisma.trainingAttendance.createMany({
        data: ['A1', 'A2', 'A3', 'A4', 'A6', 'C1'].map((employeeId) => ({ sessionId: session.id, employeeId, checkedInAt: DateTime.fromISO('2026-11-27T16:31', { zone: ZONE }).toJSDate(), source: 'slack' })),
      });

      // ---- the job
      if (kind === 'postgres') expect(await cliOk(['jobs', 'run', 'month-end-ranking', '--at', SLOT])).toContain('finished');
      else {
        const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('silent'), owner: 'test' });
        expect((await scheduler.runSlot('month-end-ranking', DateTime.fromISO(SLOT, { setZone: true }), { trigger: 'manual' })).outcome).toBe('finished');
      }
      const mine = { dedupeKey: { startsWith: 'ranking:2026-11:' } };
      await expect.poll(() => prisma.outboxMessage.count({ where: { ...mine, status: 'sent' } }), { timeout: 30_000 }).toBe(11); // channel + its chart (a file) + 7 own + 2 interviews
      const outbox = await prisma.outboxMessage.findMany({ where: mine, orderBy: { id: 'asc' } });
      const sent = h.fake.calls('chat.postMessage').filter((c) => c.ok);
      const textTo = (key: string) => {
        const row = outbox.find((m) => m.dedupeKey === key);
        expect(row, key).toBeDefined();
        const text = (row!.payload as { text: string }).text;
        expect(sent.some((c) => c.body.text === text), `${key} reached Slack`).toBe(true);
        return { target: row!.target, text };
      };

      const { rows: expected, flagged } = expectedRanking();
      expect(flagged).toEqual(['A6']);
      const a1 = expected.find((r) => r.id === 'A1')!;
      const a2 = expected.find((r) => r.id === 'A2')!;
      expect(a1.score).toBe(a2.score); // the tie the floor is built for
      expect(a1.rank).toBe(a2.rank);

      // ---- the channel: rank, name, score per role, in the center's language; ties share a rank; no money
      const channel = textTo('ranking:2026-11:channel');
      expect(channel.target).toBe('C0RANK');
      const byRank = (role: string) =>
        expected
          .filter((r) => r.role === role)
          .sort((x, y) => x.rank - y.rank || x.id.localeCompare(y.id))
          .map((r) => `${r.rank}. ${r.name} — ${r.score} 分`);
      expect(channel.text).toBe(['2026-11 月度排名', ['*外呼员*', ...byRank('outbound_agent')].join('\n'), ['*投诉处理员*', ...byRank('complaint_handler')].join('\n')].join('\n\n'));
      expect(channel.text).not.toMatch(/¥|元/);

      // ---- each ranked employee: their score and every line, in their language
      for (const r of expected) {
        const dm = textTo(`ranking:2026-11:own:${r.id}`);
        expect(dm.target).toBe(`U0${r.id}`);
        const of = expected.filter((x) => x.role === r.role).length;
        const title = r.id === 'A1' || r.id === 'C1' ? `Your performance score for 2026-11: ${r.score} (rank ${r.rank} of ${of}).` : `你 2026-11 的绩效得分：${r.score} 分（第 ${r.rank} 名，共 ${of} 人）。`;
        expect(dm.text.split('\n')[0], r.id).toBe(title);
        expect(dm.text.split('\n').filter((l) => l.startsWith('• ')), r.id).toHaveLength(r.lineCount);
      }
      const a3 = textTo('ranking:2026-11:own:A3').text;
      expect(a3).toContain('• PERF-2 2026-11-18 -60：未填写每日工作总结：按问卷完成 0/60 计');
      expect(a3).toContain('• PERF-2 2026-11-03 -2：问卷完成 58/60，差 2 份');
      expect(a3).toContain('• PERF-3 +40：业务量第 1 名');
      expect(textTo('ranking:2026-11:own:A1').text).toContain('• PERF-3 +38: volume place 2');
      expect(textTo('ranking:2026-11:own:A6').text).toContain('• PERF-8 0：2026-10, 2026-11 成单最少：约谈');
      expect(textTo('ranking:2026-11:own:A5').text).toContain('• PERF-5 -5：无故缺席业务学习 1 次');
      expect(textTo('ranking:2026-11:own:C1').text).toContain('• PERF-6 -4: customer satisfaction missed: could not be solved');

      // ---- PERF-8 to every active training supervisor and department head, once
      const interviews = outbox.filter((m) => m.dedupeKey.startsWith('ranking:2026-11:interview:'));
      expect(interviews.map((m) => m.target).sort()).toEqual(['U0H1', 'U0T1']);
      expect(textTo('ranking:2026-11:interview:T1').text).toContain('• 赵六（外呼员），月份 2026-10, 2026-11');
      expect(textTo('ranking:2026-11:interview:H1').text).toContain('• 赵六 (outbound agents), months 2026-10, 2026-11');

      // ---- report ranking agrees
      let json: string;
      const xlsx = path.join(dir, 'ranking.xlsx');
      if (kind === 'postgres') {
        json = await cliOk(['report', 'ranking', '--month', '2026-11', '--format', 'json']);
        await cliOk(['report', 'ranking', '--month', '2026-11', '--format', 'xlsx', '--out', xlsx]);
      } else {
        const rows = await rankingReport({ prisma, policy, clock: h.app.clock }, '2026-11');
        json = formatReport(rows, RANKING_COLUMNS, 'json');
        writeFileSync(xlsx, await reportWorkbook(rows, RANKING_COLUMNS, 'ranking 2026-11'));
      }
      const report = JSON.parse(json) as Array<{ role: string; rank: number; employee_id: string; name: string; score: number; interview: string; lines: string }>;
      expect(report.map((r) => `${r.role} ${r.rank} ${r.employee_id} ${r.name} ${r.score}`).sort()).toEqual(expected.map((r) => `${r.role} ${r.rank} ${r.id} ${r.name} ${r.score}`).sort());
      for (const r of report) expect(r.lines.split('; ').filter(Boolean), r.employee_id).toHaveLength(expected.find((e) => e.id === r.employee_id)!.lineCount);
      expect(report.find((r) => r.employee_id === 'A6')!.interview).toBe('yes');
      expect(report.find((r) => r.employee_id === 'A3')!.lines).toContain('PERF-2 2026-11-18 -60');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).values).toEqual([undefined, 'role', 'rank', 'employee_id', 'name', 'score', 'interview', 'lines']);
      expect(sheet.rowCount).toBe(1 + expected.length);
      const ids: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) ids.push(String(row.getCell(3).value));
      });
      expect(ids.sort()).toEqual(expected.map((r) => r.id).sort());
      expect(sheet.getRow(2).getCell(5).value).toBe(report[0]!.score); // numbers stay numbers

      // ---- again: the same slot is done; a later slot of the day posts nothing new
      if (kind === 'postgres') {
        expect(await cliOk(['jobs', 'run', 'month-end-ranking', '--at', SLOT])).toContain('already done');
        expect(await cliOk(['jobs', 'run', 'month-end-ranking', '--at', '2026-11-30T18:00+08:00'])).toContain('finished');
      } else {
        const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('silent'), owner: 'test-2' });
        expect((await scheduler.runSlot('month-end-ranking', DateTime.fromISO(SLOT, { setZone: true }), { trigger: 'manual' })).outcome).toBe('already-done');
        expect((await scheduler.runSlot('month-end-ranking', DateTime.fromISO('2026-11-30T18:00+08:00', { setZone: true }), { trigger: 'manual' })).outcome).toBe('finished');
      }
      await new Promise((r) => setTimeout(r, 1500));
      expect(await prisma.outboxMessage.count({ where: mine })).toBe(11); // the chart is a file, not a chat.postMessage
      expect(h.fake.calls('chat.postMessage').filter((c) => c.ok && outbox.some((m) => (m.payload as { text: string }).text === c.body.text))).toHaveLength(10);
    });
  });
}
