/**
 * Fault: a crash while the outbox drains (issue 9). 500 messages wait in the
 * outbox (50 channels × 10, so the sender has many lanes in flight at once);
 * a real `banzhang serve` drains them to a fake Slack and is killed with
 * SIGKILL part-way; a new process finishes the drain once the dead one's
 * claims expire (BANZHANG_OUTBOX_LEASE_SECONDS). None is lost, and only a
 * message that was in flight at the crash (claimed by the dead process, sent,
 * not recorded) can reach Slack twice: at most one per lane in flight, at most
 * `batchSize` (50) per crash. See docs/outbox.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, type OutboxInput } from '../../src/shared/outbox/outbox.ts';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startServe, type Served } from '../support/process.ts';

const LANES = 50;
const PER_LANE = 10;
const TOTAL = LANES * PER_LANE;
const BATCH_SIZE = 50; // the sender's default: rows claimed (and in flight) at most at once

describe.skipIf(!postgresReachable)('fault: a process killed while the outbox drains [postgres]', () => {
  let tdb: TestDatabase;
  let fake: FakeSlack;
  const processes: Served[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    fake = await startFakeSlack();
    const messages: OutboxInput[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const key = `crash:${String(i).padStart(3, '0')}`;
      messages.push({ platform: 'slack', kind: 'post', target: `C${String(i % LANES).padStart(3, '0')}`, dedupeKey: key, payload: { text: key } });
    }
    await tdb.db.prisma.$transaction((tx) => enqueue(tx, messages));
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.stop()));
    await fake?.close();
    await tdb?.drop();
  });

  it('kill -9 mid-drain, restart: all 500 reach Slack; a duplicate only for a message in flight at the crash, at most one per lane', async () => {
    const env = {
      DATABASE_URL: tdb.url!,
      SLACK_SIGNING_SECRET: 'crash-secret',
      SLACK_BOT_TOKEN: 'xoxb-crash',
      SLACK_API_URL: fake.url,
      BANZHANG_SCHEDULER: 'off',
      BANZHANG_OUTBOX_LEASE_SECONDS: '15',
      LOG_LEVEL: 'info',
    };
    const prisma = tdb.db.prisma;
    const sentKeys = () => fake.calls('chat.postMessage').filter((c) => c.ok).map((c) => String(c.body.text));

    const first = await startServe(env);
    processes.push(first);
    await fake.waitFor('chat.postMessage', 120, 45_000, { okOnly: true });
    first.child.kill('SIGKILL');
    await first.stop();
    const beforeCrash = sentKeys();
    // Part-way: some sent, not all.
    expect(beforeCrash.length).toBeGreaterThanOrEqual(120);
    expect(beforeCrash.length).toBeLessThan(TOTAL);

    // What the dead process held: claimed (locked by it) and not recorded. Only these can be sent twice.
    const dead = `:${first.child.pid}:${first.port}`;
    const held = await prisma.outboxMessage.findMany({ where: { status: 'pending', lockedBy: { endsWith: dead } }, select: { dedupeKey: true, target: true } });
    expect(held.length).toBeLessThanOrEqual(BATCH_SIZE);
    expect(new Set(held.map((h) => h.target)).size).toBe(held.length); // one per lane: only a lane's head is claimable

    const second = await startServe(env);
    processes.push(second);
    await expect.poll(() => prisma.outboxMessage.count({ where: { status: { not: 'sent' } } }), { timeout: 60_000, interval: 250 }).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));

    // None lost: every dedupe key reached the fake Slack, in its own channel.
    const all = sentKeys();
    expect(new Set(all).size).toBe(TOTAL);
    for (const call of fake.calls('chat.postMessage').filter((c) => c.ok)) {
      expect(String(call.body.channel)).toBe(`C${String(Number(String(call.body.text).slice(6)) % LANES).padStart(3, '0')}`);
    }
    // Sent twice: only messages the dead process held, each at most twice; so at most one per lane in flight and at most BATCH_SIZE per crash.
    const counts = new Map<string, number>();
    for (const key of all) counts.set(key, (counts.get(key) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice.every(([, n]) => n === 2)).toBe(true);
    const heldKeys = new Set(held.map((h) => h.dedupeKey));
    expect(twice.map(([key]) => key).filter((key) => !heldKeys.has(key))).toEqual([]);
    // A duplicate's first copy went out before the crash (the dead process sent it but did not record it).
    expect(twice.map(([key]) => key).filter((key) => !beforeCrash.includes(key))).toEqual([]);
    expect(all.length - TOTAL).toBe(twice.length);
    expect(twice.length).toBeLessThanOrEqual(held.length);
    expect(second.child.exitCode).toBeNull();
  }, 90_000); // a loaded 2-core machine: generous; the waits inside have their own deadlines
});
