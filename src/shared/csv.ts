/**
 * CSV files of interfaces.md section 5 (UTF-8, header row). Parsing only: each
 * feature validates its rows with zod and reports every bad row (line, column, why).
 */
import { parse } from 'csv-parse/sync';
import type { RowProblem } from './errors.ts';

export interface CsvRow {
  /** 1-based line of the row in the file. */
  line: number;
  values: Record<string, string>;
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; problems: RowProblem[] };

export function parseCsv(text: string, columns: { required: readonly string[]; optional?: readonly string[] }): CsvResult {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { ok: false, problems: [{ line: e.lines, message: `CSV syntax: ${e.message}` }] };
  }
  const header = Object.keys(records[0]?.record ?? firstLineColumns(text));
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  const problems: RowProblem[] = [];
  for (const column of columns.required) {
    if (!header.includes(column)) problems.push({ line: 1, field: column, message: 'required column is missing from the header' });
  }
  for (const column of header) {
    if (!known.has(column)) problems.push({ line: 1, field: column, message: `unknown column; expected ${[...known].join(', ')}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows: records.map((r) => ({ line: r.info.lines, values: r.record })) };
}

function firstLineColumns(text: string): Record<string, string> {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return Object.fromEntries(first.split(',').filter((c) => c.trim() !== '').map((c) => [c.trim().toLowerCase(), '']));
}
