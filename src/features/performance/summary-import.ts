/**
 * PERF-1: `banzhang summary import FILE` — the dialer's export of daily work
 * summaries (interfaces.md section 5): CSV
 * `employee_id,date,calls_made,calls_connected,questionnaires_completed,orders[,customer_issues][,call_type]`;
 * `call_type` (PERF-3) is a key of `perf.callTypeWeights` (empty: the default weight).
 * One summary per employee and day: an import for a day already filed replaces
 * it (audited with what it replaced); the same figures again change nothing.
 * A bad file is refused whole with every bad row listed; nothing is stored.
 */
import { isRealDate, type Policy } from '../../policy/config/schema.ts';
import { parseCsv } from '../../shared/csv.ts';
import { LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { fileRefused } from '../../shared/errors.ts';
import { checkRows } from '../../shared/import-rows.ts';
import { storeSummaries, type SummaryRow, type SummaryStoreResult } from './summary-store.ts';

export type SummaryImportResult = SummaryStoreResult;

const COUNTS = ['calls_made', 'calls_connected', 'questionnaires_completed', 'orders'] as const;

export async function importSummaries(
  prisma: PrismaClient,
  text: string,
  options: { actor: string; file: string; policy?: Policy },
): Promise<SummaryImportResult> {
  const csv = parseCsv(text, { required: ['employee_id', 'date', ...COUNTS], optional: ['customer_issues', 'call_type'] });
  const callTypes = Object.keys(options.policy?.perf.callTypeWeights ?? {});
  if (!csv.ok) throw fileRefused(options.file, csv.problems);
  return prisma.$transaction(async (tx) => {
    const known = new Set((await tx.employee.findMany({ select: { id: true } })).map((e) => e.id));
    const rows = checkRows(options.file, csv.rows, (row): SummaryRow => {
      const { values, bad } = row;
      const employeeId = row.employee(known);
      const date = values.date ?? '';
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
      if (row.ok && callsConnected > callsMade) bad('calls_connected', `cannot exceed calls_made (${callsConnected} > ${callsMade})`);
      const callType = (values.call_type ?? '') || null;
      if (callType !== null && !callTypes.includes(callType))
        bad('call_type', `unknown call type ${JSON.stringify(callType)}; the policy's perf.callTypeWeights has ${callTypes.length ? callTypes.join(', ') : 'none'}`);
      row.unique(`${employeeId}|${date}`, 'date', `${employeeId} on ${date}`);
      return { employeeId, date, callsMade, callsConnected, questionnairesCompleted, orders, customerIssues, callType };
    });

    return (await storeSummaries(tx, rows, { source: 'import', actor: options.actor })).counts;
  }, LONG_TRANSACTION);
}
