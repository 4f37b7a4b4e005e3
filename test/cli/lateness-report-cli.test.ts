/**
 * LATE-9 end to end through the command line: `clock import` of a month of
 * punches for 50 people, then `report lateness` must equal a table computed
 * here, independently, from the rules (LATE-2..6 with outbound-basic's winter day).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { createPostgresDatabase, postgresReachable } from '../support/databases.ts';

const PEOPLE = 50;
// November 2026, Monday to Friday (outbound-basic, winter: 08:00–12:00 and 14:30–17:30), no holidays.
const WORKING_DAYS: string[] = [];
for (let d = 1; d <= 30; d++) {
  const date = `2026-11-${String(d).padStart(2, '0')}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday !== 0 && weekday !== 6) WORKING_DAYS.push(date);
}
const id = (i: number) => `A${String(i).padStart(3, '0')}`;
const two = (n: number) => String(n).padStart(2, '0');

interface Expected { late: number; early: number; absent: number; fen: number }

function generate(): { org: string; csv: string; expected: Map<string, Expected> } {
  const org = [
    'center: { name: 测试中心, timeZone: Asia/Shanghai }',
    'teams: [{ id: t1, name: 一组 }]',
    'employees:',
    ...Array.from({ length: PEOPLE }, (_, i) => `  - { id: ${id(i)}, name: 员工${i}, role: outbound_agent, team: t1, hireDate: 2025-01-01, basePay: 1200 }`),
  ].join('\n');
  const rows = ['employee_id,timestamp,direction'];
  const expected = new Map<string, Expected>();
  for (let i = 0; i < PEOPLE; i++) {
    const e: Expected = { late: 0, early: 0, absent: 0, fen: 0 };
    WORKING_DAYS.forEach((date, d) => {
      if (i % 10 === 0 && d === 5) {
        e.absent++; // LATE-6: no clock-in on a working day
        return;
      }
      // Many late minutes for the first half, a few for the others (the 10-minute allowance).
      const morningLate = i < 25 ? (i + d) % 3 : d === 0 ? 4 : 0;
      const afternoonLate = i < 25 ? (i * d) % 2 : d === 1 ? 3 : 0;
      const early = (i + d) % 7 === 0 ? 5 : 0;
      const seconds = two((i * 13 + d * 7) % 60); // LATE-2: seconds never count
      rows.push(`${id(i)},${date} 07:${two(50 + (d % 9))}:${seconds},in`);
      if (morningLate > 0) rows.pop(), rows.push(`${id(i)},${date} 08:${two(morningLate)}:${seconds},in`);
      rows.push(`${id(i)},${date} 12:00:${seconds},out`);
      rows.push(`${id(i)},${date} 14:${two(20 + (d % 10))}:${seconds},in`);
      if (afternoonLate > 0) rows.pop(), rows.push(`${id(i)},${date} 14:${two(30 + afternoonLate)}:${seconds},in`);
      rows.push(`${id(i)},${date}T17:${two(30 - early)}:${seconds}+08:00,out`);
      e.late += morningLate + afternoonLate;
      e.early += early;
    });
    // LATE-3: 2 yuan a minute early; LATE-4 (all): every late minute once over 10; LATE-6: a day's base, 120000/21.75 → 5517 fen.
    e.fen = e.early * 200 + (e.late > 10 ? e.late * 100 : 0) + e.absent * 5517;
    expected.set(id(i), e);
  }
  return { org, csv: rows.join('\n'), expected };
}

const targets = [
  { kind: 'embedded', skip: false },
  { kind: 'postgres', skip: !postgresReachable },
] as const;

for (const target of targets) {
  describe.skipIf(target.skip)(`report lateness after clock import [${target.kind}]`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-report-'));
    let env: Record<string, string> = {};
    let dropDb: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      // The report is read in December, when every day of November is over.
      env = { BANZHANG_CLOCK: '2026-12-05T10:00:00+08:00' };
      if (target.kind === 'postgres') {
        const db = await createPostgresDatabase('bz_report');
        dropDb = db.drop;
        env.DATABASE_URL = db.url;
        expect((await cli(['db', 'migrate'], env)).code).toBe(0);
      } else {
        env.BANZHANG_DATA_DIR = dir;
      }
    });
    afterAll(async () => {
      await dropDb?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('LATE-9: the report equals the table computed independently from the rules', async () => {
      const { org, csv, expected } = generate();
      writeFileSync(path.join(dir, 'org.yaml'), org);
      writeFileSync(path.join(dir, 'punches.csv'), csv);
      expect((await cli(['org', 'import', path.join(dir, 'org.yaml')], env)).code).toBe(0);
      const imported = await cli(['clock', 'import', path.join(dir, 'punches.csv')], env);
      expect(imported.stdout).toBe(`Clock import: ${csv.split('\n').length - 1} event(s) imported, 0 duplicate(s) skipped.`);
      const again = await cli(['clock', 'import', path.join(dir, 'punches.csv')], env);
      expect(again.stdout).toBe(`Clock import: 0 event(s) imported, ${csv.split('\n').length - 1} duplicate(s) skipped.`);

      const report = await cli(['report', 'lateness', '--month', '2026-11', '--format', 'json'], env);
      expect(report.code, report.stderr).toBe(0);
      const rows = JSON.parse(report.stdout) as Array<Record<string, string | number>>;
      expect(rows).toHaveLength(PEOPLE);
      const actual = new Map(rows.map((r) => [String(r.employee_id), { late: r.late_minutes, early: r.early_minutes, absent: r.absenteeism_days, fen: r.deduction_fen }]));
      expect(actual).toEqual(expected);
      // The allowance both ways: someone at or under 10 minutes pays nothing for lateness.
      expect([...expected.values()].some((e) => e.late > 0 && e.late <= 10)).toBe(true);
      expect([...expected.values()].some((e) => e.late > 10)).toBe(true);

      const table = await cli(['report', 'lateness', '--month', '2026-11'], env);
      expect(table.stdout.split('\n')[0]).toMatch(/^employee_id\s+name\s+team\s+late_minutes/);
      const csvOut = await cli(['report', 'lateness', '--month', '2026-11', '--format', 'csv', '--out', path.join(dir, 'r.csv')], env);
      expect(csvOut.code).toBe(0);
      const xlsxFile = path.join(dir, 'r.xlsx');
      expect((await cli(['report', 'lateness', '--month', '2026-11', '--format', 'xlsx', '--out', xlsxFile], env)).code).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxFile);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('employee_id');
      expect(sheet.rowCount).toBe(PEOPLE + 1);
      const first = sheet.getRow(2);
      expect(first.getCell(1).value).toBe(id(0));
      expect(first.getCell(9).value).toBe(expected.get(id(0))!.fen);
      expect((await cli(['report', 'lateness', '--month', '2026-11', '--format', 'xlsx'], env)).code).toBe(2);

      // PAY-8 for payroll: one row per employee, the LATE deductions carried with their rule ids.
      const payFile = path.join(dir, 'pay.xlsx');
      expect((await cli(['report', 'pay', '--month', '2026-11', '--format', 'xlsx', '--out', payFile], env)).code).toBe(0);
      const payBook = new ExcelJS.Workbook();
      await payBook.xlsx.readFile(payFile);
      const paySheet = payBook.worksheets[0]!;
      expect(paySheet.rowCount).toBe(PEOPLE + 1);
      const payJson = JSON.parse((await cli(['report', 'pay', '--month', '2026-11', '--format', 'json'], env)).stdout) as Array<Record<string, string | number>>;
      for (const row of payJson) expect(row.deductions_fen).toBe(expected.get(String(row.employee_id))!.fen);
      expect((await cli(['report', 'lateness', '--month', '2026-13'], env)).code).toBe(2);
      expect((await cli(['report', 'lateness', '--month', '2026-11', '--format', 'pdf'], env)).code).toBe(2);
    });
  });
}
