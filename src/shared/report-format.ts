/** Reports of interfaces.md section 4: one list of rows, written as a table, CSV, JSON or an Excel workbook. */

export type ReportFormat = 'table' | 'csv' | 'json' | 'xlsx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'csv', 'json', 'xlsx'];

export interface ReportColumn<Row> {
  header: string;
  value(row: Row): string | number;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function formatReport<Row>(rows: Row[], columns: ReportColumn<Row>[], format: Exclude<ReportFormat, 'xlsx'>): string {
  if (format === 'json') {
    return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c.header, c.value(r)]))), null, 2);
  }
  const cells = rows.map((r) => columns.map((c) => String(c.value(r))));
  if (format === 'csv') {
    return [columns.map((c) => csvCell(c.header)).join(','), ...cells.map((line) => line.map(csvCell).join(','))].join('\n');
  }
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((line) => width(line[i]!))));
  const pad = (text: string, i: number) => text + ' '.repeat(widths[i]! - width(text));
  const line = (values: string[]) => values.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The same rows as one worksheet of an .xlsx workbook (numbers stay numbers, for payroll). */
export async function reportWorkbook<Row>(rows: Row[], columns: ReportColumn<Row>[], sheetName: string): Promise<Buffer> {
  // exceljs (~14 MB) only when a workbook is written, not in every process that formats a report.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: Math.max(12, c.header.length + 2) }));
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.header, c.value(row)])));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
