/**
 * Part 1, ack latency: signed `/clock in` slash commands, each from a different
 * employee, `concurrency` at a time over loopback, against
 *   - a bare @slack/bolt HTTP app that only acks (bench/bare-bolt.ts),
 *   - `banzhang serve` on the embedded database,
 *   - `banzhang serve` on PostgreSQL,
 * each its own process, started here in the same run; banzhang's outgoing
 * Slack calls go to a fake Slack (test/support/fake-slack.ts). A latency is
 * from just before the request is sent to the end of the ack's body. banzhang
 * acks a command at once and posts the answer to the command's response_url
 * (the fake Slack's): that answer is checked, and its time (request sent to
 * answer received) reported beside the ack's.
 *
 * The resident memory of the two servers is read too (after start with the
 * org imported, and after the load), for the details of part 4 (idle-rss.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/shared/db/database.ts';
import { startFakeSlack, type FakeSlack } from '../test/support/fake-slack.ts';
import { startServe, waitForStatus, type Served } from '../test/support/process.ts';
import { signSlackRequest, slashCommandBody } from '../test/support/slack-signing.ts';
import { BENCH_DIR, startScript } from './lib/child.ts';
import { freshDatabase } from './lib/databases.ts';
import { generateOrg, orgYaml } from './lib/org.ts';
import { max, percentile } from './lib/stats.ts';

const SECRET = 'bench-signing-secret';
/** common.try_again in either locale. */
const TRY_AGAIN = /cannot reach its database|连不上数据库/;
/** Monday 23 November 2026, 08:01 in Shanghai: every /clock in is one minute late (no LATE-5 explanation is asked). */
const CLOCK = '2026-11-23T08:01:00+08:00';

export interface AckOptions {
  staff: number;
  requests: number;
  concurrency: number;
  warmup: number;
  /** How long a started server is left alone before its idle RSS is read. */
  settleMs: number;
}

export interface LatencyRow {
  target: 'bare-bolt' | 'embedded' | 'postgres';
  requests: number;
  /** 200 answers whose text is the expected one (banzhang: the clock-in answer). */
  ok: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers slower than Slack's 3 s. */
  over3s: number;
  /** banzhang: from the request sent to its answer received on the response_url (p50 / p99 / max, ms). */
  answerP50Ms?: number;
  answerP99Ms?: number;
  answerMaxMs?: number;
}

export interface IdleRss {
  target: 'embedded' | 'postgres';
  rssMb: number;
  peakRssMb: number;
  /** RSS after the measured requests, for comparison. */
  afterLoadRssMb: number;
}

export interface AckResult {
  rows: LatencyRow[];
  idle: IdleRss[];
  /** PostgreSQL: clock events stored by the measured requests (must equal the requests). */
  storedEvents: number | null;
}

/** VmRSS and VmHWM (peak) of a process, in MB (Linux /proc). */
export function rssOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Prepared {
  id: string;
  body: string;
  headers: Record<string, string>;
}

function prepare(fake: FakeSlack, users: string[], text: string, tag: string): Prepared[] {
  return users.map((user, i) => {
    const id = `bench.${tag}.${i}.${process.pid}`;
    const body = slashCommandBody({ command: '/clock', text, user_id: user, trigger_id: id, response_url: fake.responseUrl(id) });
    return { id, body, headers: { ...signSlackRequest(SECRET, body) } };
  });
}

interface Loaded {
  latencies: number[];
  /** Request sent to answer received on the response_url (banzhang). */
  answers: number[];
  ok: number;
  unexpected: string[];
}

/**
 * Sends every request, `concurrency` in flight at once (each in flight until
 * answered); the ack latency of each, and its answer: the ack's body, or when
 * that is empty the last thing that reached its response_url (waited for up
 * to 30 s; a "try again" replaced later by the real answer counts as that
 * answer, at its time); how many were as expected.
 */
async function load(fake: FakeSlack, url: string, requests: Prepared[], concurrency: number, expect: (status: number, text: string) => boolean, answered = true): Promise<Loaded> {
  const latencies: number[] = [];
  const sent = new Map<string, { at: number; status: number; text: string }>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const at = Date.now();
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: r.headers, body: r.body });
      const text = await res.text();
      latencies.push(performance.now() - started);
      sent.set(r.id, { at, status: res.status, text });
      // `concurrency` conversations in flight: the next request once this one's answer came (as before ack-first).
      if (answered && text === '' && res.status === 200) await fake.waitForResponse(r.id, 30_000);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // A "try again" sent at banzhang's 2.5 s deadline is replaced by the real answer of a slow command: wait for those.
  const last = (r: Prepared) => String(fake.responses(r.id).at(-1)?.body.text ?? '');
  for (const until = Date.now() + 15_000; answered && Date.now() < until && requests.some((r) => TRY_AGAIN.test(last(r))); ) await sleep(200);
  const answers: number[] = [];
  const unexpected: string[] = [];
  let ok = 0;
  for (const r of requests) {
    const s = sent.get(r.id)!;
    // What the user reads in the end (the last answer), and when it came.
    const posted = answered && s.text === '' ? fake.responses(r.id).at(-1) : undefined;
    if (posted) answers.push(posted.at - s.at);
    const text = posted ? String(posted.body.text ?? '') : s.text;
    if (expect(s.status, text)) ok++;
    else if (unexpected.length < 3) unexpected.push(`${s.status} ${text.slice(0, 200) || '(no answer)'}`);
  }
  return { latencies, answers, ok, unexpected };
}

function row(target: LatencyRow['target'], result: Loaded, log: (line: string) => void): LatencyRow {
  const { latencies, answers, ok } = result;
  for (const answer of result.unexpected) log(`  ${target}: unexpected answer: ${answer}`);
  return {
    target,
    requests: latencies.length,
    ok,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: max(latencies),
    over3s: latencies.filter((l) => l > 3000).length,
    ...(answers.length > 0 ? { answerP50Ms: percentile(answers, 50), answerP99Ms: percentile(answers, 99), answerMaxMs: max(answers) } : {}),
  };
}

export async function ackBench(options: AckOptions, log: (line: string) => void): Promise<AckResult> {
  const org = generateOrg(options.staff);
  const agents = org.employees.filter((e) => e.role === 'outbound_agent' || e.role === 'complaint_handler');
  // Every employee clocks in once (staff ≥ requests); the warm-up asks /clock status of the same people.
  const users = org.employees.map((e) => e.slack).slice(0, options.requests);
  if (users.length < options.requests) throw new Error(`an org of ${options.staff} cannot send ${options.requests} different clock-ins`);
  const warmUsers = agents.slice(0, options.warmup).map((e) => e.slack);
  const dir = mkdtempSync(path.join(tmpdir(), 'bz-bench-ack-'));
  const orgFile = path.join(dir, 'org.yaml');
  writeFileSync(orgFile, orgYaml(org));
  const fake: FakeSlack = await startFakeSlack();
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => fake.close(), () => rmSync(dir, { recursive: true, force: true })];
  const rows: LatencyRow[] = [];
  const idle: IdleRss[] = [];
  let storedEvents: number | null = null;
  const slackEnv = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fake.url };
  const clockedIn = (status: number, text: string) => status === 200 && /Clocked in at|上班打卡/.test(text);
  try {
    // The baseline.
    const bare = await startScript(path.join(BENCH_DIR, 'bare-bolt.ts'), slackEnv);
    cleanups.unshift(() => bare.stop());
    const bareUrl = `http://127.0.0.1:${bare.port}/slack/events`;
    // It only acks: no answer follows on the response_url.
    await load(fake, bareUrl, prepare(fake, warmUsers, 'status', 'bare-warm'), options.concurrency, (s) => s === 200, false);
    const bareRow = row('bare-bolt', await load(fake, bareUrl, prepare(fake, users, 'in', 'bare'), options.concurrency, (s) => s === 200, false), log);
    rows.push(bareRow);
    log(`  bare Bolt: p50 ${bareRow.p50Ms.toFixed(1)} ms, p99 ${bareRow.p99Ms.toFixed(1)} ms`);
    await bare.stop();

    for (const target of ['embedded', 'postgres'] as const) {
      // LOG_LEVEL stays at its default (info), as in production.
      const env: Record<string, string> = { ...slackEnv, BANZHANG_CLOCK: CLOCK, BANZHANG_ORG: orgFile };
      // A migrated database, as after a first start: the server starts as it restarts in production.
      const fresh = await freshDatabase(target);
      cleanups.push(() => fresh.drop());
      const dbUrl = fresh.url;
      if (dbUrl) env.DATABASE_URL = dbUrl;
      else env.BANZHANG_DATA_DIR = fresh.dataDir!;
      const served: Served = await startServe(env);
      try {
        await waitForStatus(`${served.url}/readyz`, 200, 120_000);
        await sleep(options.settleMs);
        const rss = rssOf(served.child.pid!);
        const url = `${served.url}/slack/events`;
        await load(fake, url, prepare(fake, warmUsers, 'status', `${target}-warm`), options.concurrency, (s) => s === 200);
        const measured = row(target, await load(fake, url, prepare(fake, users, 'in', target), options.concurrency, clockedIn), log);
        rows.push(measured);
        idle.push({ target, ...rss, afterLoadRssMb: rssOf(served.child.pid!).rssMb });
        log(`  banzhang ${target}: p50 ${measured.p50Ms.toFixed(1)} ms, p99 ${measured.p99Ms.toFixed(1)} ms (answer p99 ${measured.answerP99Ms?.toFixed(0) ?? '—'} ms), ${measured.ok}/${measured.requests} answered; RSS after start ${rss.rssMb} MB`);
      } finally {
        await served.stop();
      }
      if (dbUrl) {
        const db = await openDatabase({ kind: 'postgres', url: dbUrl });
        storedEvents = await db.prisma.clockEvent.count({ where: { source: 'slack' } });
        await db.close();
      }
    }
  } finally {
    for (const c of cleanups) await c();
  }
  return { rows, idle, storedEvents };
}
