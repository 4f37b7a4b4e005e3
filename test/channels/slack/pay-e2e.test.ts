/**
 * PAY-1..PAY-8 end to end: a running banzhang (real HTTP server, database,
 * outbox sender) with a fake Slack Web API, driven by signed Slack requests
 * and by the command line.
 *
 * An agent hired three years before November 2026 with 12 late minutes, one
 * sick day filed through the signed /leave modal and approved by the routed
 * approver's signed click, the quota met; then `report pay` equals the hand
 * computation, the xlsx has one row per employee, `jobs run
 * month-end-pay-statements` DMs each employee once in their locale, and
 * `/banzhang pay` answers only the caller's own statement.
 *
 * PostgreSQL: the imports, reports and job run through the real CLI in child
 * processes (cliEnv). Embedded: the database belongs to the running server
 * (a second process is refused, see serve.test.ts), so the same steps call
 * the functions those commands call (imports, payReport with the report
 * formats, the scheduler's runSlot) in this process, on the server's database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importClock } from '../../../src/features/clock/clock-import.ts';
import { PAY_COLUMNS, payReport } from '../../../src/features/pay/pay-report.ts';
import { importSummaries } from '../../../src/features/performance/summary-import.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { formatReport, reportWorkbook } from '../../../src/shared/report-format.ts';
import { DB_KINDS, postgresReachable, type DbKind } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { PAY_EMPLOYEES, PAY_SUMMARIES, PAY_ZONE, punchCsv } from '../../support/pay-floor.ts';
import { leaveValues, startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/pay-org.yaml');
// Tuesday 2026-12-01 08:00 in Shanghai, before the 09:00 slot of the statements: the server's catch-up at start finds nothing to send.
const CLOCK = '2026-12-01T08:00:00+08:00';
const zone = PAY_ZONE;
const EMPLOYEES = PAY_EMPLOYEES;
const SUMMARIES = PAY_SUMMARIES;

interface Driver {
  clockImport(file: string): Promise<void>;
  summaryImport(file: string): Promise<void>;
  payJson(month: string): Promise<Array<Record<string, string | number>>>;
  payXlsx(month: string, file: string): Promise<void>;
  /** 'finished', 'already-done', … */
  runJob(name: string, at: string): Promise<string>;
}

function cliDriver(h: SlackHarness): Driver {
  const ok = async (args: string[]) => {
    const r = await runCli(args, h.cliEnv);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  return {
    clockImport: async (file) => void (await ok(['clock', 'import', file])),
    summaryImport: async (file) => void (await ok(['summary', 'import', file])),
    payJson: async (month) => JSON.parse(await ok(['report', 'pay', '--month', month, '--format', 'json'])) as Array<Record<string, string | number>>,
    payXlsx: async (month, file) => void (await ok(['report', 'pay', '--month', month, '--format', 'xlsx', '--out', file])),
    runJob: async (name, at) => {
      const out = await ok(['jobs', 'run', name, '--at', at]);
      return out.includes(': finished.') ? 'finished' : out.includes('already done') ? 'already-done' : out;
    },
  };
}

function inProcessDriver(h: SlackHarness): Driver {
  const { policy, clock } = h.app;
  const prisma = h.db.prisma;
  const read = (file: string) => readFile(file, 'utf8');
  const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock, logger: createLogger('warn'), owner: 'test:in-process', chat: { slack: true, teams: false } });
  return {
    clockImport: async (file) => void (await importClock(prisma, await read(file), { actor: 'cli', file, policy })),
    summaryImport: async (file) => void (await importSummaries(prisma, await read(file), { actor: 'cli', file })),
    payJson: async (month) => JSON.parse(formatReport(await payReport({ prisma, policy, clock }, month), PAY_COLUMNS, 'json')) as Array<Record<string, string | number>>,
    payXlsx: async (month, file) => writeFile(file, await reportWorkbook(await payReport({ prisma, policy, clock }, month), PAY_COLUMNS, `pay ${month}`)),
    runJob: async (name, at) => (await scheduler.runSlot(name, DateTime.fromISO(at, { zone }), { trigger: 'manual' })).outcome,
  };
}

const statementDms = (h: SlackHarness) =>
  h.fake.calls('chat.postMessage').filter((c) => /Pay statement|薪资明细/.test(String(c.body.text)));

for (const kind of DB_KINDS as readonly DbKind[]) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`pay statements over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let dir: string;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      dir = mkdtempSync(path.join(tmpdir(), 'bz-pay-'));
    });
    afterAll(async () => {
      await h?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('PAY-8: report pay equals the hand computation; the xlsx has one row per employee; month-end statements DM each employee once in their locale; /banzhang pay shows only one’s own', async () => {
      const drive = kind === 'postgres' ? cliDriver(h) : inProcessDriver(h);
      const punches = path.join(dir, 'punches.csv');
      const summaries = path.join(dir, 'summaries.csv');
      writeFileSync(punches, punchCsv());
      writeFileSync(summaries, SUMMARIES);
      await drive.clockImport(punches);
      await drive.summaryImport(summaries);

      // The sick day through the signed /leave modal, approved by the routed approver (agent → dept head) with a signed click.
      const filed = await h.submitView('UP001', 'leave_request', leaveValues({ type: 'sick', start: '2026-11-10', files: ['F0PROOF'] }));
      expect(await filed.text()).toBe('');
      const request = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'P001' } });
      expect(request.approverId).toBe('P100');
      expect((await h.click('UP100', 'leave_approve', String(request.id))).status).toBe(200);
      await expect.poll(async () => (await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('approved');

      // PAY-8 by hand, in fen, for P001:
      const base = 120000; // PAY-1: 450 orders ≥ 400 → 1200 yuan
      const fullAttendance = 10000; // PAY-3: sick leave keeps it; no absenteeism
      const seniority = 20000; // PAY-4: 2023-11-01 → 2026-11-30 is 6 full half-years = 300 yuan, capped at 200
      const commission = (450 - 400) * 100; // PAY-5: 1 yuan per order above the quota
      const top = 5000; // PAY-6: 50 commission beats P002's 20
      const late = 12 * 100; // LATE-4 (all): 12 minutes > 10, every minute 1 yuan
      const sick = Math.round((120000 / 21.75) * 0.1); // LEAVE-8: 10% of the daily base at ≥ 2 years
      expect(sick).toBe(552);
      const rows = await drive.payJson('2026-11');
      expect(rows.map((r) => r.employee_id)).toEqual(EMPLOYEES);
      const p1 = rows.find((r) => r.employee_id === 'P001')!;
      expect(p1).toMatchObject({
        base_fen: base,
        full_attendance_fen: fullAttendance,
        seniority_fen: seniority,
        commission_fen: commission,
        top_commission_fen: top,
        earnings_fen: base + fullAttendance + seniority + commission + top,
        deductions_fen: late + sick,
        net_effect_fen: base + fullAttendance + seniority + commission + top - late - sick,
        insurance: 'yes',
      });
      expect(p1.lines).toBe(
        [`PAY-1 ${base}`, `PAY-3 ${fullAttendance}`, `PAY-4 ${seniority}`, `PAY-5 ${commission}`, `PAY-6 ${top}`, `LATE-4@lateness:P001:2026-11 -${late}`, `LEAVE-8@leave:${request.id} -${sick}`].join('; '),
      );
      expect(rows.find((r) => r.employee_id === 'P002')).toMatchObject({ commission_fen: 2000, top_commission_fen: 0, deductions_fen: 0 });

      const xlsx = path.join(dir, 'pay.xlsx');
      await drive.payXlsx('2026-11', xlsx);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('employee_id');
      expect(sheet.rowCount).toBe(EMPLOYEES.length + 1);
      const ids = [2, 3, 4, 5].map((n) => sheet.getRow(n).getCell(1).value);
      expect(ids).toEqual(EMPLOYEES);
      expect(sheet.getRow(2).getCell(10).value).toBe(p1.net_effect_fen); // net_effect_fen stays a number

      // The month-end statements: one DM per employee with a Slack id, in their locale.
      // (The leave's own DMs may still be on their way: statements are told apart by their title.)
      expect(await drive.runJob('month-end-pay-statements', '2026-12-01T09:00+08:00')).toBe('finished');
      await expect.poll(() => statementDms(h).length, { timeout: 20_000 }).toBe(3);
      const dms = statementDms(h);
      expect(dms.map((c) => c.body.channel).sort()).toEqual(['DUP001', 'DUP002', 'DUP100']);
      const textTo = (channel: string) => String(dms.find((c) => c.body.channel === channel)!.body.text);
      const zhang = textTo('DUP001');
      expect(zhang.split('\n')[0]).toBe('2026-11 薪资明细 — 张三');
      expect(zhang).toContain('`PAY-1` ¥1200.00 — 底薪：已达保底量（成单 450 ≥ 400）');
      expect(zhang).toContain('`PAY-4` ¥200.00 — 工龄奖');
      expect(zhang).toContain('`PAY-6` ¥50.00 — 当月提成冠军奖');
      expect(zhang).toContain('`LATE-4` -¥12.00 — 迟到 2026-11：共 12 分钟，每月迟到免扣额度 10 分钟; 迟到 2026-11-05 上午班，12 分钟');
      expect(zhang).toContain(`\`LEAVE-8\` -¥5.52 — 假条 #${request.id} 病假 2026-11-10，全天：日底薪 ¥55.17 的 10%`);
      expect(zhang).toContain('`PAY-7` ¥0.00 — 试用期已满，缴纳社会保险和医疗保险');
      expect(zhang).toContain('收入 ¥1600.00 · 扣款 ¥17.52 · 合计 ¥1582.48');
      expect(zhang).not.toContain('Li Si');
      const li = textTo('DUP002');
      expect(li.split('\n')[0]).toBe('Pay statement 2026-11 — Li Si');
      expect(li).toContain('`PAY-1` ¥1200.00 — base pay: quota met (420 ≥ 400 orders)');
      expect(li).toContain('`PAY-5` ¥20.00 — commission: 20 orders above the quota × ¥1.00');
      expect(li).toContain('`PAY-7` ¥0.00 — social and medical insurance apply (after probation)');
      expect(li).not.toContain('张三');
      expect(textTo('DUP100')).toContain('`PAY-1` ¥3000.00 — base pay');

      // Again: the slot is done; a run of another minute of the same day finds every statement already sent.
      expect(await drive.runJob('month-end-pay-statements', '2026-12-01T09:00+08:00')).toBe('already-done');
      expect(await drive.runJob('month-end-pay-statements', '2026-12-01T09:01+08:00')).toBe('finished');
      await new Promise((r) => setTimeout(r, 1500));
      expect(statementDms(h)).toHaveLength(3);
      expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'pay-statement:' } } })).toBe(3);

      // /banzhang pay: one's own statement only, ephemeral.
      const own = JSON.parse(await (await h.command('UP002', '/banzhang', 'pay 2026-11')).text()) as { response_type: string; text: string };
      expect(own.response_type).toBe('ephemeral');
      expect(own.text.split('\n')[0]).toBe('Pay statement 2026-11 — Li Si');
      expect(own.text).not.toContain('张三');
      const soFar = JSON.parse(await (await h.command('UP001', '/banzhang', 'pay')).text()) as { text: string };
      expect(soFar.text).toContain('2026-12 薪资明细 — 张三');
      expect(soFar.text).toContain('当月截至 2026-12-01 的数据，并非最终结果');
      expect(await (await h.command('UP002', '/banzhang', 'pay P001')).text()).toBe('Use /banzhang pay for this month so far, or /banzhang pay YYYY-MM.');
      expect(await (await h.command('UP002', '/banzhang', 'pay 2026-11 P001')).text()).toBe('Use /banzhang pay for this month so far, or /banzhang pay YYYY-MM.');
      expect(await (await h.command('UP002', '/banzhang', 'pay 2027-01')).text()).toBe('2027-01 has not started yet.');
      expect(await (await h.command('UP002', '/banzhang', 'pay 2026-07')).text()).toBe('There is no statement of 2026-07 for you (not employed in that month).');
    });
  });
}
