import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../src/shared/csv.ts';
import { AppError } from '../../src/shared/errors.ts';
import { checkRows, type RowCheck } from '../../src/shared/import-rows.ts';

const rows = (...lines: Array<Record<string, string>>): CsvRow[] => lines.map((values, i) => ({ line: i + 2, values }));

const refused = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

/** A small import: employee_id and day, one row per employee and day. */
const known = new Set(['E1', 'E2']);
const check = (row: RowCheck) => {
  const employeeId = row.employee(known);
  const day = row.values.day ?? '';
  if (!/^\d+$/.test(day)) row.bad('day', `must be a number (got ${JSON.stringify(day)})`);
  row.unique(`${employeeId}|${day}`, 'day', `${employeeId} on ${day}`);
  return { employeeId, day: Number(day) };
};

describe('checkRows (the CSV imports\' row checking)', () => {
  it('keeps every row in file order when none has a problem', () => {
    expect(checkRows('f.csv', rows({ employee_id: 'E1', day: '1' }, { employee_id: 'E2', day: '1' }, { employee_id: 'E1', day: '2' }), check)).toEqual([
      { employeeId: 'E1', day: 1 },
      { employeeId: 'E2', day: 1 },
      { employeeId: 'E1', day: 2 },
    ]);
    expect(checkRows('f.csv', [], check)).toEqual([]);
  });

  it('refuses the file whole with every problem by line and column, in order; a repeated key names the line that gave it last', () => {
    const error = refused(() =>
      checkRows(
        'f.csv',
        rows(
          { employee_id: 'E1', day: '1' }, // line 2
          { employee_id: 'E9', day: 'x' }, // line 3: two problems
          { employee_id: '', day: '3' }, // line 4
          { employee_id: 'E1', day: '1' }, // line 5: repeats line 2
          { employee_id: 'E1', day: '1' }, // line 6: repeats line 5
        ),
        check,
      ),
    );
    expect(error.code).toBe('bad_file');
    expect(error.details).toEqual({ file: 'f.csv', count: 5 });
    expect(error.problems).toEqual([
      { line: 3, field: 'employee_id', message: 'unknown employee E9' },
      { line: 3, field: 'day', message: 'must be a number (got "x")' },
      { line: 4, field: 'employee_id', message: 'must not be empty' },
      { line: 5, field: 'day', message: 'E1 on 1 is already given on line 2' },
      { line: 6, field: 'day', message: 'E1 on 1 is already given on line 5' },
    ]);
  });

  it('row.ok says whether the row has a problem so far; a row the check returns nothing for is not kept', () => {
    const seen: boolean[] = [];
    const kept = checkRows('f.csv', rows({ employee_id: 'E1' }, { employee_id: 'E2' }), (row) => {
      seen.push(row.ok);
      return row.values.employee_id === 'E1' ? row.line : undefined;
    });
    expect(kept).toEqual([2]);
    expect(seen).toEqual([true, true]);
    const later: boolean[] = [];
    refused(() =>
      checkRows('f.csv', rows({ employee_id: 'E7' }), (row) => {
        later.push(row.ok);
        row.employee(known);
        later.push(row.ok);
        return row.line;
      }),
    );
    expect(later).toEqual([true, false]);
  });
});
