/**
 * The bench's tables: the summary (printed, written to bench/results/latest.md
 * and kept in the README's Performance section) and the details of each part.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, totalmem } from 'node:os';
import type { AckResult, LatencyRow } from './ack-latency.ts';
import type { FanOutResult } from './fan-out.ts';
import type { IdleRow } from './idle-rss.ts';
import type { MonthEndRow } from './month-end.ts';
import { round } from './lib/stats.ts';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  commit: string;
  loadAtStart: number[];
  loadAtEnd: number[];
}

export interface BenchSizes {
  ack: { staff: number; requests: number; concurrency: number; warmup: number; settleMs: number };
  monthEnd: { sizes: [number, number] };
  fanOut: { channels: number; days: number; teamSize: number; settleMs: number };
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  sizes: BenchSizes;
  machine: Machine;
  ack: AckResult;
  idle: IdleRow[];
  monthEnd: MonthEndRow[];
  fanOut: FanOutResult[];
  seconds: number;
}

export function machine(): Omit<Machine, 'loadAtEnd'> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout: the commit stays unknown, said so in the table
  }
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${platform()} ${process.arch}`,
    date: new Date().toISOString(),
    commit,
    loadAtStart: loadavg().map((l) => round(l, 2)),
  };
}

const n = (value: number) => value.toLocaleString('en-US');
const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const yes = (ok: boolean) => (ok ? 'yes' : 'no');

/** The summary table's header: the smoke test checks the table has exactly these columns. */
export const SUMMARY_HEADER = ['#', 'measure', 'embedded', 'PostgreSQL', 'target', 'met (embedded / PostgreSQL)'] as const;

function latency(rows: LatencyRow[], target: LatencyRow['target']): LatencyRow {
  const r = rows.find((x) => x.target === target);
  if (!r) throw new Error(`no ack figures for ${target}`);
  return r;
}

export function summaryRows(r: BenchResults): string[][] {
  const bare = latency(r.ack.rows, 'bare-bolt');
  const emb = latency(r.ack.rows, 'embedded');
  const pg = latency(r.ack.rows, 'postgres');
  const ratio = (x: LatencyRow) => x.p99Ms / bare.p99Ms;
  const [small, large] = r.sizes.monthEnd.sizes;
  const month = (kind: 'embedded' | 'postgres', staff: number) => {
    const row = r.monthEnd.find((m) => m.kind === kind && m.data.staff === staff);
    if (!row) throw new Error(`no month-end figures for ${kind} at ${staff}`);
    return row.measured;
  };
  const growth = (kind: 'embedded' | 'postgres') => month(kind, large).totalSeconds / month(kind, small).totalSeconds;
  const fan = (kind: 'embedded' | 'postgres') => {
    const row = r.fanOut.find((x) => x.kind === kind);
    if (!row) throw new Error(`no fan-out figures for ${kind}`);
    return row;
  };
  const idle = (kind: 'embedded' | 'postgres') => {
    const row = r.idle.find((x) => x.kind === kind);
    if (!row) throw new Error(`no idle RSS for ${kind}`);
    return row;
  };
  const both = (test: (kind: 'embedded' | 'postgres') => boolean) => `${yes(test('embedded'))} / ${yes(test('postgres'))}`;
  const ack = (x: LatencyRow) => `${f(x.p50Ms)} / ${f(x.p99Ms)} / ${f(x.maxMs)}`;
  const byKind = { embedded: emb, postgres: pg };
  const fanCell = (kind: 'embedded' | 'postgres') => `${f(fan(kind).all.totalSeconds, 2)} (${f(fan(kind).alone.totalSeconds, 2)})`;
  const faults = (kind: 'embedded' | 'postgres') => `${fan(kind).all.duplicates} / ${fan(kind).all.losses} / ${fan(kind).all.rateLimited}`;
  const monthCell = (kind: 'embedded' | 'postgres', staff: number) => `${f(month(kind, staff).totalSeconds)} (${n(month(kind, staff).peakRssMb)})`;
  return [
    ['1', `ack p50 / p99 / max, ms, ${n(r.sizes.ack.requests)} × /clock in at ${r.sizes.ack.concurrency} concurrent (bare Bolt: ${ack(bare)})`, ack(emb), ack(pg), 'every ack ≪ 3,000 ms', both((k) => byKind[k].maxMs < 3000 && byKind[k].ok === byKind[k].requests)],
    ['1', 'ack p99 ÷ bare Bolt p99', f(ratio(emb), 2), f(ratio(pg), 2), '≤ 1.3', both((k) => ratio(byKind[k]) <= 1.3)],
    ['2', `month end, ${n(small)} staff: s (peak RSS, MB)`, monthCell('embedded', small), monthCell('postgres', small), '≤ 10 s', both((k) => month(k, small).totalSeconds <= 10)],
    ['2', `month end, ${n(large)} staff: s (peak RSS, MB)`, monthCell('embedded', large), monthCell('postgres', large), '—', '— / —'],
    ['2', `month end time, ${n(large)} ÷ ${n(small)} staff`, f(growth('embedded'), 2), f(growth('postgres'), 2), '≤ 2.2', both((k) => growth(k) <= 2.2)],
    ['3', `fan-out, ${n(r.sizes.fanOut.channels)} channels × ${r.sizes.fanOut.days} tallies: total s (one channel alone, s)`, fanCell('embedded'), fanCell('postgres'), 'close to one channel', both((k) => fan(k).all.totalSeconds <= fan(k).alone.totalSeconds * 2)],
    ['3', 'fan-out duplicates / losses / 429s', faults('embedded'), faults('postgres'), '0 / 0 / —', both((k) => fan(k).all.duplicates === 0 && fan(k).all.losses === 0)],
    ['4', 'idle RSS of banzhang serve, MB', n(idle('embedded').rssMb), n(idle('postgres').rssMb), '≤ 150', both((k) => idle(k).rssMb <= 150)],
  ];
}

export function table(header: readonly string[], rows: string[][]): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

export function summaryTable(r: BenchResults): string {
  return table(SUMMARY_HEADER, summaryRows(r));
}

export function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; ${m.date.slice(0, 16).replace('T', ' ')} UTC, commit ${m.commit}; load average (1/5/15 min) ${m.loadAtStart.join(' / ')} at the start, ${m.loadAtEnd.join(' / ')} at the end`;
}

export function detailsMarkdown(r: BenchResults): string {
  const out: string[] = [];
  out.push('### 1. Ack latency', '');
  out.push(
    table(
      ['target', 'requests', 'answered as expected', 'ack p50 ms', 'ack p99 ms', 'ack max ms', 'over 3 s', 'answer on response_url p50 / p99 / max ms'],
      r.ack.rows.map((x) => [
        x.target === 'bare-bolt' ? 'bare @slack/bolt (ack only)' : `banzhang serve, ${x.target}`,
        n(x.requests),
        n(x.ok),
        f(x.p50Ms, 2),
        f(x.p99Ms, 2),
        f(x.maxMs, 2),
        String(x.over3s),
        x.answerP50Ms === undefined ? '—' : `${f(x.answerP50Ms, 0)} / ${f(x.answerP99Ms!, 0)} / ${f(x.answerMaxMs!, 0)}`,
      ]),
    ),
    '',
    'banzhang acks a slash command at once (empty body) and posts the answer to its response_url; the ack is what Slack times (3 s), the answer is what the user reads.',
    '',
    `Warm-up: ${r.sizes.ack.warmup} \`/clock status\` first, not counted. Clock events stored by the PostgreSQL run: ${r.ack.storedEvents ?? '—'} (of ${r.sizes.ack.requests}).`,
    '',
  );
  out.push('### 2. Month end (lateness report + pay report + ranking of one month)', '');
  out.push(
    table(
      ['database', 'staff', 'clock events', 'leaves', 'summaries', 'study check-ins', 'lateness s', 'pay s', 'ranking s', 'total s', 'peak RSS MB'],
      r.monthEnd.map((m) => [
        m.kind,
        n(m.data.staff),
        n(m.data.clockEvents),
        n(m.data.leaves),
        n(m.data.summaries),
        n(m.data.trainingCheckIns),
        f(m.measured.latenessSeconds),
        f(m.measured.paySeconds),
        f(m.measured.rankingSeconds),
        f(m.measured.totalSeconds),
        n(m.measured.peakRssMb),
      ]),
    ),
    '',
  );
  out.push('### 3. Digest fan-out (fake Slack: 1 message per second per channel, else 429 + Retry-After)', '');
  out.push(
    table(
      ['database', 'channels', 'tallies', 'total s', 'one channel alone s', 'ratio', 'shortest gap in a channel s', 'duplicates', 'losses', '429s', 'unsent rows'],
      r.fanOut.map((x) => [
        x.kind,
        n(x.all.channels),
        n(x.all.messages),
        f(x.all.totalSeconds, 2),
        f(x.alone.totalSeconds, 2),
        f(x.all.totalSeconds / x.alone.totalSeconds, 2),
        f(x.all.minGapSeconds, 2),
        String(x.all.duplicates),
        String(x.all.losses),
        String(x.all.rateLimited),
        String(x.all.unsent),
      ]),
    ),
    '',
  );
  out.push('### 4. Resident memory of `banzhang serve`', '');
  out.push(
    table(
      ['database', 'idle after start MB', 'peak so far MB', `with the ${n(r.sizes.ack.staff)}-person org imported at start MB`, `after the ${n(r.sizes.ack.requests)} acks MB`],
      r.idle.map((x) => {
        const loaded = r.ack.idle.find((a) => a.target === x.kind);
        return [x.kind, n(x.rssMb), n(x.peakRssMb), loaded ? n(loaded.rssMb) : '—', loaded ? n(loaded.afterLoadRssMb) : '—'];
      }),
    ),
    '',
    'Idle: a migrated database, Slack and the scheduler on, no org file, read 10 s after /readyz (the smoke run: 0.5 s). The other two columns are the ack bench\'s servers.',
    '',
  );
  return out.join('\n');
}

export function latestMarkdown(r: BenchResults): string {
  return [
    `# banzhang bench${r.mode === 'smoke' ? ' (smoke: tiny sizes, figures mean nothing)' : ''}`,
    '',
    `Machine: ${machineLine(r.machine)}. The bench took ${f(r.seconds / 60)} min.`,
    '',
    summaryTable(r),
    '',
    '**Noise.** Other engineers run tests on this 2-core machine at the same time (see the load average), so absolute figures move between runs by tens of per cent. Compare the ratios, measured within one run. What each figure means and how it is measured: [docs/performance-bench.md](../../docs/performance-bench.md).',
    '',
    detailsMarkdown(r),
  ].join('\n');
}

/** The README's Performance section, between the markers. */
export const README_BEGIN = '<!-- bench:begin (written by npm run bench) -->';
export const README_END = '<!-- bench:end -->';

export function readmeSection(r: BenchResults): string {
  return [README_BEGIN, '', summaryTable(r), '', `Measured ${r.machine.date.slice(0, 10)} on ${r.machine.cores} cores / ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, while other work loaded the machine (load average ${r.machine.loadAtStart[0]} → ${r.machine.loadAtEnd[0]}): figures are noisy, ratios within the run are what to compare. Details: [bench/results/latest.md](bench/results/latest.md).`, '', README_END].join('\n');
}

export function replaceReadmeSection(readme: string, section: string): string {
  const start = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md has no bench markers in its Performance section');
  return readme.slice(0, start) + section + readme.slice(end + README_END.length);
}

/** Reads a markdown table (the first after `after`, if given) back into rows of cells: for the smoke test. */
export function parseTable(markdown: string, after = ''): { header: string[]; rows: string[][] } {
  const from = after ? markdown.indexOf(after) : 0;
  const lines = markdown.slice(Math.max(0, from)).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) throw new Error('no table');
  const block: string[] = [];
  for (let i = first; i < lines.length && lines[i]!.startsWith('|'); i++) block.push(lines[i]!);
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  const [header, , ...rows] = block;
  return { header: cells(header!), rows: rows.map(cells) };
}
