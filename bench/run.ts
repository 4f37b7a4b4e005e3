/**
 * `npm run bench`: the four benchmarks of issue 9, one run, one table
 * (docs/performance-bench.md).
 *
 *   npm run bench                    full sizes; writes bench/results/latest.md (and .json) and the README's Performance section
 *   npm run bench -- --smoke         tiny sizes (or BENCH_SMOKE=1), to prove the bench still runs; writes nothing in the repo
 *   npm run bench -- --out DIR       write latest.md / latest.json to DIR instead (and leave the README alone)
 *
 * Progress goes to stderr; the summary table to stdout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../test/support/process.ts';
import { ackBench } from './ack-latency.ts';
import { fanOutBench, type FanOutResult } from './fan-out.ts';
import { idleRss, type IdleRow } from './idle-rss.ts';
import { monthEndBench } from './month-end.ts';
import { BENCH_DIR } from './lib/child.ts';
import { dropAll } from './lib/databases.ts';
import { round } from './lib/stats.ts';
import { latestMarkdown, machine, readmeSection, replaceReadmeSection, summaryTable, type BenchResults, type BenchSizes } from './report.ts';
import { FULL, SMOKE } from './sizes.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
  const out = option('--out') ?? (smoke ? path.join(tmpdir(), 'banzhang-bench-smoke') : path.join(BENCH_DIR, 'results'));
  const sizes = smoke ? SMOKE : FULL;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const m = machine();
  log(`banzhang bench (${smoke ? 'smoke' : 'full'}) on ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`);

  try {
    await parts(smoke, out, sizes, m, started, log);
  } finally {
    await dropAll();
  }
}

async function parts(smoke: boolean, out: string, sizes: BenchSizes, m: ReturnType<typeof machine>, started: number, log: (line: string) => void): Promise<void> {
  log(`1. ack latency: ${sizes.ack.requests} /clock in at ${sizes.ack.concurrency} concurrent`);
  const since = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const ack = await ackBench(sizes.ack, log);
  log(`  (${since()})`);

  log('4. idle RSS of banzhang serve');
  // Both at once: memory is not time, and each start takes seconds.
  const idle: IdleRow[] = await Promise.all((['embedded', 'postgres'] as const).map((kind) => idleRss(kind, sizes.ack.settleMs)));
  for (const row of idle) log(`  ${row.kind}: ${row.rssMb} MB`);
  log(`  (${since()})`);

  log(`3. digest fan-out: ${sizes.fanOut.channels} channels × ${sizes.fanOut.days} tallies`);
  const fanOut: FanOutResult[] = [];
  for (const kind of ['embedded', 'postgres'] as const) {
    const result = await fanOutBench(kind, sizes.fanOut);
    log(`  ${kind}: ${result.all.totalSeconds.toFixed(2)} s (one channel alone ${result.alone.totalSeconds.toFixed(2)} s), ${result.all.duplicates} duplicates, ${result.all.losses} losses`);
    fanOut.push(result);
  }
  log(`  (${since()})`);

  log(`2. month end at ${sizes.monthEnd.sizes.join(' and ')} staff`);
  const monthEnd = await monthEndBench(['embedded', 'postgres'], sizes.monthEnd.sizes, log, { inProcess: smoke });
  log(`  (${since()})`);

  const results: BenchResults = {
    mode: smoke ? 'smoke' : 'full',
    sizes,
    machine: { ...m, loadAtEnd: loadavg().map((l) => round(l, 2)) },
    ack,
    idle,
    monthEnd,
    fanOut,
    seconds: (performance.now() - started) / 1000,
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.md'), `${latestMarkdown(results)}\n`);
  writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (!smoke && option('--out') === undefined) {
    const readme = path.join(REPO, 'README.md');
    writeFileSync(readme, replaceReadmeSection(readFileSync(readme, 'utf8'), readmeSection(results)));
    log('README.md Performance section updated');
  }
  log(`written: ${path.join(out, 'latest.md')}`);
  process.stdout.write(`${summaryTable(results)}\n`);
}

await main();
// Pools and timers of the libraries used in-process (Prisma, PGlite) must not keep the bench alive.
process.exit(0);
