/**
 * PERF-1: `banzhang summary import FILE` — the dialer's export of daily work
 * summaries (interfaces.md section 5): CSV
 * `employee_id,date,calls_made,calls_connected,questionnaires_completed,orders[,customer_issues]`.
 * One summary per employee and day: an import for a day already filed replaces
 * it (audited with what it replaced); the same figures again change nothing.
 * A bad file is refused whole with every bad row listed; nothing is stored.
 */
import { isRealDate } from '../../policy/config/schema.ts';
import { recordAudit, type AuditEntry } from '../../shared/audit.ts';
import { parseCsv } from '../../shared/csv.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { fileRefused, type RowProblem } from '../../shared/errors.ts';

export interface SummaryImportResult {
  created: number;
  replaced: number;
  unchanged: number;
}

const COUNTS = ['calls_made', 'calls_connected', 'questionnaires_completed', 'orders'] as const;

export async function importSummaries(prisma: PrismaClient, text: string, options: { actor: string; file: string }): Promise<SummaryImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'date', ...COUNTS], optional: ['customer_issues'] });
  if (!csv.ok) throw fileRefused(options.file, csv.problems);
  return prisma.$transaction(async (tx) => {
    const known = new Set((await tx.employee.findMany({ select: { id: true } })).map((e) => e.id));
    const problems: RowProblem[] = [];
    const rows: Array<{ employeeId: string; date: string; callsMade: number; callsConnected: number; questionnairesCompleted: number; orders: number; customerIssues: number }> = [];
    const seen = new Map<string, number>();
    for (const { line, values } of csv.rows) {
      let ok = true;
      const bad = (field: string, message: string) => {
        problems.push({ line, field, message });
        ok = false;
      };
      const employeeId = values.employee_id ?? '';
      const date = values.date ?? '';
      if (!known.has(employeeId)) bad('employee_id', employeeId ? `unknown employee ${employeeId}` : 'must not be empty');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date)) bad('date', `must be a date YYYY-MM-DD (got ${JSON.stringify(date)})`);
      const count = (column: string, optional = false): number => {
        const raw = values[column] ?? '';
        if (optional && raw === '') return 0;
        if (!/^\d{1,7}$/.test(raw)) {
          bad(column, `must be a whole number ≥ 0 (got ${JSON.stringify(raw)})`);
          return 0;
        }
        return Number(raw);
      };
      const [callsMade, callsConnected, questionnairesCompleted, orders] = COUNTS.map((c) => count(c)) as [number, number, number, number];
      const customerIssues = count('customer_issues', true);
      if (ok && callsConnected > callsMade) bad('calls_connected', `cannot exceed calls_made (${callsConnected} > ${callsMade})`);
      const key = `${employeeId}|${date}`;
      const first = seen.get(key);
      if (first !== undefined) bad('date', `${employeeId} on ${date} is already given on line ${first}`);
      seen.set(key, line);
      if (ok) rows.push({ employeeId, date, callsMade, callsConnected, questionnairesCompleted, orders, customerIssues });
    }
    if (problems.length > 0) throw fileRefused(options.file, problems);

    const existing = rows.length
      ? await tx.dailySummary.findMany({ where: { OR: rows.map((r) => ({ employeeId: r.employeeId, date: dateColumn(r.date) })) } })
      : [];
    const byKey = new Map(existing.map((e) => [`${e.employeeId}|${isoDateOf(e.date)}`, e]));
    const result: SummaryImportResult = { created: 0, replaced: 0, unchanged: 0 };
    const audit: AuditEntry[] = [];
    for (const r of rows) {
      const before = byKey.get(`${r.employeeId}|${r.date}`);
      const figures = { callsMade: r.callsMade, callsConnected: r.callsConnected, questionnairesCompleted: r.questionnairesCompleted, orders: r.orders, customerIssues: r.customerIssues };
      if (before && Object.entries(figures).every(([k, v]) => before[k as keyof typeof figures] === v)) {
        result.unchanged++;
        continue;
      }
      const data = { ...figures, source: 'import', recordedBy: options.actor };
      await tx.dailySummary.upsert({
        where: { employeeId_date: { employeeId: r.employeeId, date: dateColumn(r.date) } },
        create: { employeeId: r.employeeId, date: dateColumn(r.date), ...data },
        update: data,
      });
      if (before) result.replaced++;
      else result.created++;
      audit.push({
        actor: options.actor,
        action: before ? 'summary.replace' : 'summary.create',
        entity: 'daily_summary',
        entityId: `${r.employeeId}:${r.date}`,
        details: before
          ? { ...figures, replaced: { callsMade: before.callsMade, callsConnected: before.callsConnected, questionnairesCompleted: before.questionnairesCompleted, orders: before.orders, customerIssues: before.customerIssues } }
          : figures,
      });
    }
    await recordAudit(tx, audit);
    return result;
  }, LONG_TRANSACTION);
}
