/**
 * Row checking shared by the CSV imports (interfaces.md section 5): every row is
 * checked, every problem collected with its line and column, and a file with any
 * problem is refused whole (nothing stored). Pure: the caller loads what it
 * checks against (e.g. the known employees) inside its own transaction.
 */
import type { CsvRow } from './csv.ts';
import { fileRefused, type RowProblem } from './errors.ts';

/** One row being checked. */
export interface RowCheck {
  /** 1-based line of the row in the file. */
  readonly line: number;
  readonly values: Record<string, string>;
  /** No problem recorded for this row so far. */
  readonly ok: boolean;
  /** Records a problem of this row (`field` is the column); the row is then not kept. */
  readonly bad: (field: string, message: string) => void;
  /**
   * The `employee_id` column, which must name one of `known` (a problem otherwise).
   * Returns the column as written, known or not.
   */
  readonly employee: (known: { has(id: string): boolean }) => string;
  /**
   * A row may give `key` once: a later row with the same key is a problem in
   * `field`, "`what` is already given on line N" (N: the row that gave it last).
   */
  readonly unique: (key: string, field: string, what: string) => void;
}

/**
 * Checks every row with `check`, which records problems through the row and
 * returns what to keep. Returns the kept values in file order when no row has a
 * problem; otherwise throws `fileRefused(file, …)` with every problem in order.
 */
export function checkRows<T>(file: string, rows: readonly CsvRow[], check: (row: RowCheck) => T | undefined): T[] {
  const problems: RowProblem[] = [];
  const kept: T[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    let ok = true;
    const bad = (field: string, message: string) => {
      problems.push({ line, field, message });
      ok = false;
    };
    const value = check({
      line,
      values,
      get ok() {
        return ok;
      },
      bad,
      employee: (known) => {
        const id = values.employee_id ?? '';
        if (!known.has(id)) bad('employee_id', id ? `unknown employee ${id}` : 'must not be empty');
        return id;
      },
      unique: (key, field, what) => {
        const first = seen.get(key);
        if (first !== undefined) bad(field, `${what} is already given on line ${first}`);
        seen.set(key, line);
      },
    });
    if (ok && value !== undefined) kept.push(value);
  }
  if (problems.length > 0) throw fileRefused(file, problems);
  return kept;
}
