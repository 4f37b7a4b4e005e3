/**
 * Part 3, digest fan-out: the daily tally (LATE-8, job daily-lateness-tally)
 * of `days` working days to every team channel, through the outbox sender and
 * the real Slack transport, to a fake Slack that allows one message per second
 * per channel and answers 429 + Retry-After beyond that.
 *
 * The tallies are enqueued first (the job run for each day's 17:35 slot, as
 * after a stop of a few days); then the sender starts and the clock runs. The
 * same is done for one channel alone: the fan-out's total time is compared to
 * that one channel's. Duplicates (a channel getting the same tally twice) and
 * losses (a tally never delivered) are counted from the fake Slack's record.
 */
import { DateTime } from 'luxon';
import { hostname } from 'node:os';
import { createSlackTransport } from '../src/channels/slack/slack-transport.ts';
import { importClock } from '../src/features/clock/clock-import.ts';
import { importOrg } from '../src/features/org/org-import.ts';
import { createScheduler, jobsFor } from '../src/jobs/index.ts';
import { loadPolicy } from '../src/policy/config/load.ts';
import { createLogger } from '../src/shared/logger.ts';
import { openDatabase, type Database } from '../src/shared/db/database.ts';
import { createOutboxSender } from '../src/shared/outbox/sender.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { freshDatabase, type BenchDatabase } from './lib/databases.ts';
import { generateOrg, orgYaml } from './lib/org.ts';
import { seeded } from './lib/stats.ts';

const ZONE = 'Asia/Shanghai';
/** Working days from Monday 2 November 2026. */
const FIRST_DAY = '2026-11-02';

export interface FanOutOptions {
  channels: number;
  days: number;
  /** People per team. */
  teamSize: number;
  /** How long to listen after the last tally arrived, for a duplicate. */
  settleMs: number;
}

export interface FanOutRun {
  channels: number;
  messages: number;
  /** Sender start → last tally accepted by Slack, s. */
  totalSeconds: number;
  /** The shortest time between two tallies accepted in one channel, s (Slack's pace: at least 1). */
  minGapSeconds: number;
  duplicates: number;
  losses: number;
  /** 429 answers of the fake Slack (banzhang paces itself: expected 0). */
  rateLimited: number;
  /** Outbox rows not `sent` at the end. */
  unsent: number;
}

export interface FanOutResult {
  kind: 'embedded' | 'postgres';
  all: FanOutRun;
  alone: FanOutRun;
}

async function policy() {
  const loaded = await loadPolicy('outbound-basic');
  if (!loaded.ok) throw new Error('outbound-basic preset does not load');
  return loaded.policy;
}

function workingDays(count: number): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(FIRST_DAY, { zone: ZONE }); out.length < count; d = d.plus({ days: 1 })) if (d.weekday <= 5) out.push(d.toISODate()!);
  return out;
}

/** One run: an org of `channels` teams, `days` tallies each, then the sender drains them. */
async function run(kind: 'embedded' | 'postgres', channels: number, options: FanOutOptions): Promise<FanOutRun> {
  const { days, teamSize } = options;
  const p = await policy();
  const logger = createLogger('warn');
  const fake = await startFakeSlack();
  let fresh: BenchDatabase | undefined;
  let db: Database | undefined;
  try {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.url ? { kind: 'postgres', url: fresh.url } : { kind: 'embedded', dataDir: fresh.dataDir! });
    const prisma = db.prisma;
    const org = generateOrg(channels * teamSize, teamSize);
    await importOrg(prisma, orgYaml(org), { actor: 'bench', file: 'bench-org.yaml' });
    const dates = workingDays(days);
    // Punches: most on time, some late or leaving early, a few absent — every tally has lines.
    const random = seeded(11);
    const rows = ['employee_id,timestamp,direction'];
    for (const date of dates)
      for (const e of org.employees) {
        if (random() < 0.03) continue;
        const late = random() < 0.1 ? 1 + Math.floor(random() * 20) : 0;
        rows.push(`${e.id},${date} ${late ? `08:${String(late).padStart(2, '0')}` : '07:55'},in`, `${e.id},${date} 14:25,in`, `${e.id},${date} ${random() < 0.05 ? '17:10' : '17:35'},out`);
      }
    await importClock(prisma, rows.join('\n'), { actor: 'bench', file: 'bench-punches.csv', policy: p });
    const scheduler = createScheduler({
      prisma,
      policy: p,
      jobs: jobsFor(p),
      clock: { now: () => DateTime.fromISO(`${dates[dates.length - 1]}T21:00`, { zone: ZONE }) },
      logger,
      owner: `bench:${hostname()}:${process.pid}`,
      chat: { slack: true, teams: false },
    });
    for (const date of dates) {
      const result = await scheduler.runSlot('daily-lateness-tally', DateTime.fromISO(`${date}T17:35`, { zone: ZONE }), { trigger: 'manual' });
      if (result.outcome !== 'finished') throw new Error(`daily-lateness-tally ${date}: ${result.outcome}`);
    }
    const teamChannels = new Set(org.teams.filter((t) => t.id !== 'office').map((t) => t.channel));
    const toTeam = (c: { body: Record<string, unknown> }) => teamChannels.has(String(c.body.channel));
    const queued = await prisma.outboxMessage.count({ where: { target: { in: [...teamChannels] } } });
    const expected = teamChannels.size * dates.length;
    if (queued !== expected) throw new Error(`expected ${expected} tallies queued, found ${queued}`);

    fake.enforceRateLimit(1);
    const sender = createOutboxSender({
      prisma,
      transports: { slack: createSlackTransport({ token: 'xoxb-bench', apiUrl: fake.url, logger }) },
      logger,
      owner: `bench-sender:${process.pid}`,
    });
    const t0 = Date.now();
    sender.start();
    await fake.waitFor('chat.postMessage', expected, 60_000 + expected * 2000, { okOnly: true, where: toTeam }).catch(() => undefined);
    // Listen a little longer: a duplicate would arrive now.
    await new Promise((r) => setTimeout(r, options.settleMs));
    await sender.stop();

    const calls = fake.calls('chat.postMessage').filter(toTeam);
    const ok = calls.filter((c) => c.ok);
    const seen = new Set<string>();
    let duplicates = 0;
    const lastAt = new Map<string, number>();
    let minGap = Infinity;
    for (const c of ok) {
      const channel = String(c.body.channel);
      const key = `${channel}\n${String(c.body.text)}`;
      if (seen.has(key)) duplicates++;
      seen.add(key);
      const last = lastAt.get(channel);
      if (last !== undefined) minGap = Math.min(minGap, c.at - last);
      lastAt.set(channel, c.at);
    }
    const unsent = await prisma.outboxMessage.count({ where: { target: { in: [...teamChannels] }, status: { not: 'sent' } } });
    return {
      channels: teamChannels.size,
      messages: expected,
      totalSeconds: (Math.max(...ok.map((c) => c.at)) - t0) / 1000,
      minGapSeconds: minGap / 1000,
      duplicates,
      losses: expected - seen.size,
      rateLimited: calls.filter((c) => c.status === 429).length,
      unsent,
    };
  } finally {
    await db?.close();
    await fresh?.drop();
    await fake.close();
  }
}

export async function fanOutBench(kind: 'embedded' | 'postgres', options: FanOutOptions): Promise<FanOutResult> {
  const all = await run(kind, options.channels, options);
  const alone = await run(kind, 1, options);
  return { kind, all, alone };
}
