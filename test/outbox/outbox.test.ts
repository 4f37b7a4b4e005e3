/**
 * The outbox end to end: messages enqueued in a use case's transaction, drained
 * by the sender through the real Slack transport (WebClient) to a fake Slack
 * Web API over HTTP, on the embedded database and on PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackTransport, SLACK_METHODS_USED } from '../../src/channels/slack/slack-transport.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { openDatabase, type Database } from '../../src/shared/db/database.ts';
import type { PrismaClient } from '../../src/shared/db/types.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { enqueue, type OutboxInput } from '../../src/shared/outbox/outbox.ts';
import { createOutboxSender, type OutboxSenderOptions } from '../../src/shared/outbox/sender.ts';
import { PermanentSendError, RateLimitedError, RetryableSendError } from '../../src/shared/outbox/transport.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../support/fake-slack.ts';

const TOKEN = 'xoxb-outbox-test-token';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());

/** pino lines written during a test, parsed. */
let logLines: Array<Record<string, unknown> & { level: number; msg: string }> = [];
let rawLog = '';
const logger = createLogger('debug', {
  write(line: string) {
    rawLog += line;
    logLines.push(JSON.parse(line) as (typeof logLines)[number]);
  },
});

beforeEach(() => {
  fake.reset();
  logLines = [];
  rawLog = '';
});

const post = (target: string, key: string, text = `text of ${key}`): OutboxInput => ({ platform: 'slack', kind: 'post', target, dedupeKey: key, payload: { text } });
const textOf = (c: FakeSlackCall | undefined) => String(c?.body.text);

describe('Slack transport', () => {
  it('maps Slack answers to the outbox error kinds: 429, 5xx, ok:false, unreachable', async () => {
    const t = createSlackTransport({ token: TOKEN, apiUrl: fake.url, logger });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    fake.failNext('chat.update', { status: 502 });
    fake.failNext('chat.postEphemeral', { error: 'invalid_blocks' });
    fake.failNext('conversations.open', { error: 'internal_error' });
    await expect(t.post('C1', { text: 'x' })).rejects.toSatisfy((e) => e instanceof RateLimitedError && e.retryAfterSeconds === 7);
    await expect(t.update('C1', '1.000100', { text: 'x' })).rejects.toSatisfy((e) => e instanceof RetryableSendError && e.message === 'chat.update: http_502');
    await expect(t.ephemeral('C1', 'U1', { text: 'x' })).rejects.toSatisfy((e) => e instanceof PermanentSendError && e.message === 'chat.postEphemeral: invalid_blocks');
    await expect(t.dm('U1', { text: 'x' })).rejects.toSatisfy((e) => e instanceof RetryableSendError && e.message === 'conversations.open: internal_error');
    const closed = createSlackTransport({ token: TOKEN, apiUrl: 'http://127.0.0.1:9/api/', logger });
    await expect(closed.post('C1', { text: 'x' })).rejects.toSatisfy((e) => e instanceof RetryableSendError && e.message.startsWith('chat.postMessage: request_error'));
    expect(fake.calls().every((c) => c.token === TOKEN)).toBe(true);
    expect(new Set(fake.calls().map((c) => c.method))).toEqual(new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'conversations.open']));
    // files.*: a post that shares a file (the month-end ranking chart, test/dashboard/ranking-chart.test.ts).
    expect([...SLACK_METHODS_USED].sort()).toEqual(['chat.postEphemeral', 'chat.postMessage', 'chat.update', 'conversations.open', 'files.completeUploadExternal', 'files.getUploadURLExternal']);
  });

  it('opens a DM once per user and opens it again after channel_not_found', async () => {
    const t = createSlackTransport({ token: TOKEN, apiUrl: fake.url, logger });
    await t.dm('U1', { text: 'a' });
    await t.dm('U1', { text: 'b' });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(t.dm('U1', { text: 'c' })).rejects.toBeInstanceOf(PermanentSendError);
    await t.dm('U1', { text: 'd' });
    expect(fake.calls().map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'conversations.open', 'chat.postMessage']);
  });
});

describeEachDatabase('outbox', (current) => {
  const prisma = (): PrismaClient => current().db.prisma;
  const transport = () => createSlackTransport({ token: TOKEN, apiUrl: fake.url, logger });
  const sender = (o: Partial<OutboxSenderOptions> = {}) =>
    createOutboxSender({ prisma: prisma(), transports: { slack: transport() }, logger, owner: 'test-1', perTargetIntervalMs: 10, backoffBaseMs: 20, ...o });
  const put = (messages: OutboxInput[]) => prisma().$transaction((tx) => enqueue(tx, messages));
  const row = (dedupeKey: string) => prisma().outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });

  it('a message enqueued in a transaction that rolls back is never stored nor sent', async () => {
    await expect(
      prisma().$transaction(async (tx) => {
        await enqueue(tx, [post('C1', 'rolled-back')]);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await sender().drainOnce()).toEqual({ sent: 0, deferred: 0, failed: 0 });
    expect(await prisma().outboxMessage.count()).toBe(0);
    expect(fake.calls()).toHaveLength(0);
  });

  it('the same dedupeKey enqueued twice (a retried use case) is stored and sent once', async () => {
    await put([post('C1', 'leave:1:filed', 'first')]);
    await put([post('C1', 'leave:1:filed', 'second'), post('C1', 'leave:1:filed', 'third')]);
    const s = sender();
    await s.idle();
    expect(await prisma().outboxMessage.count()).toBe(1);
    expect(fake.calls('chat.postMessage').map(textOf)).toEqual(['first']);
    const sent = await row('leave:1:filed');
    expect(sent).toMatchObject({ status: 'sent', platformChannel: 'C1', platformId: fake.calls('chat.postMessage')[0]!.response.ts, lockedBy: null, lockedUntil: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('a 429 with Retry-After 1 is sent once after the wait, without counting as a failed attempt', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const metrics = createMetrics();
    await put([post('C1', 'rate-limited')]);
    const s = sender({ metrics });
    expect(await s.drainOnce()).toEqual({ sent: 0, deferred: 1, failed: 0 });
    expect((await metrics.queueDepth.get()).values[0]!.value).toBe(1);
    await s.idle();
    const calls = fake.calls('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(await row('rate-limited')).toMatchObject({ status: 'sent', attempts: 0, platformId: calls[1]!.response.ts });
    expect(logLines.find((l) => l.level === 40 && l.dedupeKey === 'rate-limited')).toMatchObject({ retryAfterSeconds: 1 });
    expect((await metrics.queueDepth.get()).values[0]!.value).toBe(0);
    expect((await metrics.sendFailures.get()).values).toEqual([]);
  });

  it('HTTP 500 three times then 200: sent once, the three failed attempts recorded', async () => {
    fake.failNext('chat.postMessage', { status: 500 }, 3);
    const metrics = createMetrics();
    await put([post('C1', 'flaky')]);
    await sender({ metrics }).idle();
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(fake.calls('chat.postMessage').filter((c) => c.ok)).toHaveLength(1);
    expect(await row('flaky')).toMatchObject({ status: 'sent', attempts: 3, lastError: 'chat.postMessage: http_500' });
    expect((await metrics.sendFailures.get()).values).toEqual([expect.objectContaining({ value: 3, labels: { platform: 'slack' } })]);
  });

  it('retryable failures end as failed after maxAttempts, logged at error level', async () => {
    fake.failNext('chat.postMessage', { status: 503 }, 5);
    await put([post('C1', 'down')]);
    await sender({ maxAttempts: 3 }).idle();
    expect(fake.calls('chat.postMessage')).toHaveLength(3);
    expect(await row('down')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'chat.postMessage: http_503' });
    expect(logLines.filter((l) => l.level === 50 && l.dedupeKey === 'down')).toHaveLength(1);
  });

  it('a permanent error (channel_not_found) fails at once, is not retried, and is logged without text or token', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const metrics = createMetrics();
    await put([post('C404', 'lost', 'SECRET-MESSAGE-BODY 工资单')]);
    expect(await sender({ metrics }).drainOnce()).toEqual({ sent: 0, deferred: 0, failed: 1 });
    await sender().idle();
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
    expect(await row('lost')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'chat.postMessage: channel_not_found', lockedBy: null });
    const logged = logLines.find((l) => l.level === 50 && l.dedupeKey === 'lost');
    expect(logged).toMatchObject({ reason: 'chat.postMessage: channel_not_found', target: 'C404' });
    expect(rawLog).not.toContain('SECRET-MESSAGE-BODY');
    expect(rawLog).not.toContain(TOKEN);
    expect((await metrics.sendFailures.get()).values[0]!.value).toBe(1);
  });

  it('a dm opens the conversation, then posts to the D… channel it returned, and stores that channel', async () => {
    await put([{ platform: 'slack', kind: 'dm', target: 'U0001', dedupeKey: 'dm-1', payload: { text: 'hello', blocks: [{ type: 'divider' }] } }]);
    await sender().idle();
    expect(fake.calls().map((c) => `${c.method} ${String(c.body.users ?? c.body.channel)}`)).toEqual(['conversations.open U0001', 'chat.postMessage DU0001']);
    expect(fake.calls('chat.postMessage')[0]!.body.blocks).toEqual([{ type: 'divider' }]);
    expect(await row('dm-1')).toMatchObject({ status: 'sent', platformChannel: 'DU0001', platformId: fake.calls('chat.postMessage')[0]!.response.ts });
  });

  it('an update enqueued with its post waits for it, then calls chat.update with the stored ts and channel', async () => {
    await put([
      post('C1', 'card'),
      { platform: 'slack', kind: 'update', target: 'C1', updateOf: 'card', dedupeKey: 'card:decided', payload: { text: 'approved' } },
      { platform: 'slack', kind: 'dm', target: 'U0100', dedupeKey: 'dm-card', payload: { text: 'please approve' } },
      { platform: 'slack', kind: 'update', target: 'U0100', updateOf: 'dm-card', dedupeKey: 'dm-card:decided', payload: { text: 'done' } },
    ]);
    await sender().idle();
    const [posted, dmPosted] = fake.calls('chat.postMessage');
    const updates = fake.calls('chat.update');
    expect(updates.map((u) => [u.body.channel, u.body.ts, u.body.text, u.ok])).toEqual(
      expect.arrayContaining([
        ['C1', posted!.response.ts, 'approved', true],
        ['DU0100', dmPosted!.response.ts, 'done', true],
      ]),
    );
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(u.at).toBeGreaterThanOrEqual(posted!.at);
    expect(await row('card:decided')).toMatchObject({ status: 'sent', platformId: posted!.response.ts, platformChannel: 'C1' });
  });

  it('an update of a message that failed fails too, saying why', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await put([post('C404', 'gone'), { platform: 'slack', kind: 'update', target: 'C404', updateOf: 'gone', dedupeKey: 'gone:update', payload: { text: 'x' } }]);
    await sender().idle();
    expect(fake.calls('chat.update')).toHaveLength(0);
    expect(await row('gone:update')).toMatchObject({ status: 'failed', lastError: 'original_failed: gone was not sent' });
  });

  it('an ephemeral goes to chat.postEphemeral with its channel and user', async () => {
    await put([{ platform: 'slack', kind: 'ephemeral', target: 'C1', user: 'U0009', dedupeKey: 'eph-1', payload: { text: 'only you' } }]);
    await sender().idle();
    expect(fake.calls('chat.postEphemeral').map((c) => [c.body.channel, c.body.user, c.body.text])).toEqual([['C1', 'U0009', 'only you']]);
    expect(await row('eph-1')).toMatchObject({ status: 'sent', platformId: null });
  });

  it('a message for a platform without a transport fails, logged, instead of waiting forever', async () => {
    await put([{ platform: 'teams', kind: 'post', target: '19:conv', dedupeKey: 'teams-1', payload: { text: 'x' } }]);
    await sender().idle();
    expect(await row('teams-1')).toMatchObject({ status: 'failed', lastError: 'no_transport: teams is not configured in this process' });
  });

  it('enqueue refuses malformed messages and the transaction rolls back', async () => {
    await expect(put([post('C1', 'ok'), { platform: 'slack', kind: 'ephemeral', target: 'C1', dedupeKey: 'no-user', payload: { text: 'x' } }])).rejects.toThrow(/user/);
    await expect(put([{ platform: 'slack', kind: 'update', target: 'C1', dedupeKey: 'no-of', payload: { text: 'x' } }])).rejects.toThrow(/updateOf/);
    expect(await prisma().outboxMessage.count()).toBe(0);
  });

  it('three messages to one channel go out in order about a second apart; another channel is not held back', async () => {
    fake.enforceRateLimit(1);
    await put([post('C1', 'a1', 'a1'), post('C1', 'a2', 'a2'), post('C1', 'a3', 'a3'), post('C2', 'b1', 'b1')]);
    const s = sender({ perTargetIntervalMs: 1000 });
    s.start(50);
    try {
      await s.idle();
    } finally {
      await s.stop();
    }
    const calls = fake.calls('chat.postMessage');
    expect(calls.every((c) => c.ok)).toBe(true);
    const c1 = calls.filter((c) => c.body.channel === 'C1');
    expect(c1.map(textOf)).toEqual(['a1', 'a2', 'a3']);
    expect(c1[1]!.at - c1[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(c1[2]!.at - c1[1]!.at).toBeGreaterThanOrEqual(1000);
    const b1 = calls.find((c) => c.body.channel === 'C2')!;
    expect(b1.at).toBeLessThan(c1[1]!.at);
  });

  it('a message locked by a process that died is taken over when its lease ends, not before', async () => {
    await put([post('C1', 'orphan'), post('C2', 'held')]);
    await prisma().outboxMessage.update({ where: { dedupeKey: 'orphan' }, data: { lockedBy: 'dead-process', lockedUntil: new Date(Date.now() - 1) } });
    await prisma().outboxMessage.update({ where: { dedupeKey: 'held' }, data: { lockedBy: 'live-process', lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await sender().drainOnce()).toEqual({ sent: 1, deferred: 0, failed: 0 });
    expect(fake.calls('chat.postMessage').map((c) => c.body.channel)).toEqual(['C1']);
    expect(await row('held')).toMatchObject({ status: 'pending', lockedBy: 'live-process' });
  });

  it('two senders draining one table at once send every message exactly once, each channel in order', async () => {
    const channels = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
    const messages: OutboxInput[] = [];
    for (let i = 0; i < 4; i++) for (const ch of channels) messages.push(post(ch, `${ch}-${i}`, `${ch}-${i}`));
    await put(messages);
    // On PostgreSQL the second sender has its own connection pool, as a second process would.
    let second: Database | undefined;
    const url = current().url;
    if (url) second = await openDatabase({ kind: 'postgres', url });
    try {
      const a = sender({ owner: 'process-a', batchSize: 4 });
      const b = createOutboxSender({
        prisma: second?.prisma ?? prisma(),
        transports: { slack: transport() },
        logger,
        owner: 'process-b',
        perTargetIntervalMs: 10,
        batchSize: 4,
      });
      a.start(5);
      b.start(5);
      try {
        await Promise.all([a.idle(), b.idle()]);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    } finally {
      await second?.close();
    }
    const calls = fake.calls('chat.postMessage');
    expect(calls.every((c) => c.ok)).toBe(true);
    expect(calls.map(textOf).sort()).toEqual(messages.map((m) => m.dedupeKey).sort());
    for (const ch of channels) expect(calls.filter((c) => c.body.channel === ch).map(textOf)).toEqual([0, 1, 2, 3].map((i) => `${ch}-${i}`));
    expect(await prisma().outboxMessage.count({ where: { status: 'sent' } })).toBe(messages.length);
    // Both really took part: with 6 channels and 4 rows a claim, neither can take every head alone.
    const senders = new Set(logLines.filter((l) => l.msg === 'outbox: sent').map((l) => l.owner));
    expect([...senders].sort()).toEqual(['process-a', 'process-b']);
    expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
