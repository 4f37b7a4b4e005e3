/**
 * Part 2, month end at scale: for each database and each size, a fresh
 * database is filled by one child process (bench/month-end-worker.ts generate;
 * not timed here) and the month's lateness report, pay report and ranking are
 * timed by another (measure), which reports its own peak RSS. The smoke run
 * calls the same two functions in the bench's own process (`inProcess`), to
 * be quick: its peak RSS is then the bench's.
 */
import path from 'node:path';
import { BENCH_DIR, runScript } from './lib/child.ts';
import { freshDatabase } from './lib/databases.ts';
import { generate, measure, type GenerateResult, type MeasureResult } from './month-end-worker.ts';

export interface MonthEndRow {
  kind: 'embedded' | 'postgres';
  data: GenerateResult;
  measured: MeasureResult;
}

const WORKER = path.join(BENCH_DIR, 'month-end-worker.ts');

export async function monthEndBench(
  kinds: ReadonlyArray<'embedded' | 'postgres'>,
  sizes: readonly number[],
  log: (line: string) => void,
  options: { inProcess?: boolean } = {},
): Promise<MonthEndRow[]> {
  const rows: MonthEndRow[] = [];
  for (const kind of kinds) {
    for (const staff of sizes) {
      const db = await freshDatabase(kind);
      const where = db.url ? ['--url', db.url] : ['--dir', db.dataDir!];
      try {
        let row: MonthEndRow;
        if (options.inProcess) {
          const a = Object.fromEntries([['staff', String(staff)], [where[0]!.slice(2), where[1]!]]);
          row = { kind, data: await generate(a), measured: await measure(a) };
        } else {
          const data = (await runScript<GenerateResult>(WORKER, ['generate', '--staff', String(staff), ...where])).result;
          log(`  ${kind} ${staff} staff: ${data.clockEvents} clock events generated in ${data.seconds.toFixed(0)} s; measuring`);
          row = { kind, data, measured: (await runScript<MeasureResult>(WORKER, ['measure', ...where])).result };
        }
        log(`  ${kind} ${staff} staff: ${row.measured.totalSeconds.toFixed(1)} s, peak RSS ${row.measured.peakRssMb} MB`);
        rows.push(row);
      } finally {
        await db.drop();
      }
    }
  }
  return rows;
}
