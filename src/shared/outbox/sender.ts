/**
 * The outbox sender (design.md: outbox; docs/outbox.md): drains
 * `outbox_message` towards the platforms' transports.
 *
 * - Claims are atomic (`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`
 *   with a lease), so several processes may drain one PostgreSQL database.
 * - Only the head of a lane (platform + target) can be claimed, and only when
 *   the lane's last message was sent at least `perTargetIntervalMs` ago: the
 *   messages of one target go out in id order, paced, whichever process sends
 *   them; different targets go out in parallel.
 * - An 'update' is claimable once the message it updates is no longer pending.
 * - Success is recorded (status, sentAt, platformId, platformChannel) in the
 *   statement that ends the lock. A crash between the platform's answer and
 *   that statement leaves the row locked until the lease ends, then it is sent
 *   again: at-least-once at that one edge.
 */
import { Prisma, type OutboxMessage, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Metrics } from '../../server/metrics.ts';
import type { Logger } from '../logger.ts';
import { storedPayloadSchema } from './outbox.ts';
import { PermanentSendError, RateLimitedError, RetryableSendError, type SentMessageRef, type Transport } from './transport.ts';

export interface OutboxSenderOptions {
  prisma: PrismaClient;
  transports: { slack?: Transport; teams?: Transport };
  logger: Logger;
  metrics?: Pick<Metrics, 'queueDepth' | 'sendFailures'>;
  /**
   * Real time in ms (default Date.now). Pacing, Retry-After and leases are real
   * durations: pass a clock that runs in real time (an offset clock is fine).
   */
  now?: () => number;
  /** This process's id, written to `locked_by`. Must differ between processes. */
  owner: string;
  /** Minimum time between two messages to one target (default 1000: Slack's ~1 message/second/channel). */
  perTargetIntervalMs?: number;
  /** Failed attempts (5xx, network, unknown errors) before a message is given up as 'failed' (default 8). 429s do not count. */
  maxAttempts?: number;
  /** First retry delay after a retryable failure, doubled each attempt (default 1000). */
  backoffBaseMs?: number;
  /** Cap of the retry delay (default 60000). */
  backoffMaxMs?: number;
  /** How long a claim holds a row (default 60000). Must exceed the transport's own timeout. */
  leaseMs?: number;
  /** Rows claimed (and sent in parallel) at most at once (default 50). */
  batchSize?: number;
}

export interface DrainResult {
  sent: number;
  deferred: number;
  failed: number;
}

export interface OutboxSender {
  /** Claims what is due now, sends it (in parallel across targets), records the outcomes. */
  drainOnce(): Promise<DrainResult>;
  /** Drains continuously: wakes when a lane's pacing or a retry delay ends, and at least every pollMs (default 500). */
  start(pollMs?: number): void;
  /** Stops the loop and waits for the sends in flight to be recorded. */
  stop(): Promise<void>;
  /** Resolves once no message is pending (all sent or failed) and nothing is in flight; drives drainOnce itself when not started. For tests. */
  idle(): Promise<void>;
  /** Asks the running loop to look for work now (e.g. right after a use case committed messages). */
  kick(): void;
}

type Outcome = { kind: 'sent' } | { kind: 'deferred'; notBefore: number } | { kind: 'failed' };

const DEFAULTS = {
  perTargetIntervalMs: 1000,
  maxAttempts: 8,
  backoffBaseMs: 1000,
  backoffMaxMs: 60_000,
  leaseMs: 60_000,
  batchSize: 50,
  pollMs: 500,
} as const;

/** Delays between tries of the bookkeeping statements after a send (the database may blink). */
const RECORD_RETRY_DELAYS_MS = [100, 500, 1000, 2000, 5000] as const;
const MAX_ERROR_LENGTH = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { prisma, transports, metrics, owner } = options;
  const logger = options.logger.child({ component: 'outbox', owner });
  const now = options.now ?? Date.now;
  const interval = options.perTargetIntervalMs ?? DEFAULTS.perTargetIntervalMs;
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoffBase = options.backoffBaseMs ?? DEFAULTS.backoffBaseMs;
  const backoffMax = options.backoffMaxMs ?? DEFAULTS.backoffMaxMs;
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  if (!owner) throw new Error('outbox sender: owner is required');

  // ---- claiming -------------------------------------------------------------

  async function claim(limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    const t = now();
    const nowAt = new Date(t);
    const leaseUntil = new Date(t + leaseMs);
    const paceCutoff = new Date(t - interval);
    const claimed = await prisma.$queryRaw<Array<{ id: bigint }>>(Prisma.sql`
      UPDATE outbox_message SET locked_by = ${owner}, locked_until = ${leaseUntil}
      WHERE id IN (
        SELECT m.id FROM outbox_message m
        WHERE m.status = 'pending'
          AND m.not_before <= ${nowAt}
          AND (m.locked_until IS NULL OR m.locked_until < ${nowAt})
          -- the head of its lane: nothing earlier to the same target still waits
          AND NOT EXISTS (
            SELECT 1 FROM outbox_message e
            WHERE e.platform = m.platform AND e.target = m.target AND e.status = 'pending' AND e.id < m.id)
          -- pacing: the lane's last message went out at least perTargetIntervalMs ago
          AND NOT EXISTS (
            SELECT 1 FROM outbox_message s
            WHERE s.platform = m.platform AND s.target = m.target AND s.status = 'sent' AND s.sent_at > ${paceCutoff})
          -- an update waits for the message it updates
          AND (m.kind <> 'update' OR NOT EXISTS (
            SELECT 1 FROM outbox_message o WHERE o.dedupe_key = m.update_of AND o.status = 'pending'))
        ORDER BY m.id
        LIMIT ${limit}
        FOR UPDATE OF m SKIP LOCKED
      )
      RETURNING id`);
    if (claimed.length === 0) return [];
    return prisma.outboxMessage.findMany({
      where: { id: { in: claimed.map((r) => BigInt(r.id)) }, lockedBy: owner },
      orderBy: { id: 'asc' },
    });
  }

  // ---- sending one message --------------------------------------------------

  async function send(row: OutboxMessage, transport: Transport): Promise<SentMessageRef | undefined> {
    const parsed = storedPayloadSchema.safeParse(row.payload);
    if (!parsed.success) throw new PermanentSendError('bad_payload: the stored payload does not have the outbox shape');
    const { user, ...payload } = parsed.data;
    switch (row.kind) {
      case 'post':
        return transport.post(row.target, payload);
      case 'dm':
        return transport.dm(row.target, payload);
      case 'ephemeral':
        if (!user) throw new PermanentSendError('bad_payload: an ephemeral message without its user');
        await transport.ephemeral(row.target, user, payload);
        return undefined;
      case 'update': {
        if (!row.updateOf) throw new PermanentSendError('bad_payload: an update without update_of');
        const original = await prisma.outboxMessage.findUnique({
          where: { dedupeKey: row.updateOf },
          select: { status: true, platform: true, platformId: true, platformChannel: true },
        });
        if (!original) throw new PermanentSendError(`update_of_unknown: no message with dedupe key ${row.updateOf}`);
        if (original.platform !== row.platform) throw new PermanentSendError(`update_of_other_platform: ${row.updateOf} is a ${original.platform} message`);
        if (original.status !== 'sent') throw new PermanentSendError(`original_${original.status}: ${row.updateOf} was not sent`);
        if (!original.platformId || !original.platformChannel) {
          throw new PermanentSendError(`original_not_updatable: ${row.updateOf} has no platform message id (an ephemeral?)`);
        }
        await transport.update(original.platformChannel, original.platformId, payload);
        // Recorded on the update too, so that a later update may name this one.
        return { platformId: original.platformId, platformChannel: original.platformChannel };
      }
      default:
        throw new PermanentSendError(`unknown_kind: ${row.kind}`);
    }
  }

  async function processRow(row: OutboxMessage): Promise<Outcome> {
    const ctx = {
      outboxId: row.id.toString(),
      dedupeKey: row.dedupeKey,
      platform: row.platform,
      kind: row.kind,
      target: row.target,
    };
    const transport = row.platform === 'slack' ? transports.slack : row.platform === 'teams' ? transports.teams : undefined;
    let ref: SentMessageRef | undefined;
    try {
      if (!transport) throw new PermanentSendError(`no_transport: ${row.platform} is not configured in this process`);
      ref = await send(row, transport);
    } catch (error) {
      return recordFailure(row, error, ctx);
    }
    const recorded = await record(row, ctx, 'sent', {
      status: 'sent',
      sentAt: new Date(now()),
      platformId: ref?.platformId ?? null,
      platformChannel: ref?.platformChannel ?? null,
      lockedBy: null,
      lockedUntil: null,
    });
    if (recorded) logger.debug({ ...ctx }, 'outbox: sent');
    return { kind: 'sent' };
  }

  async function recordFailure(row: OutboxMessage, error: unknown, ctx: Record<string, unknown>): Promise<Outcome> {
    const reason = safeReason(error);
    const t = now();
    if (error instanceof RateLimitedError) {
      const notBefore = t + Math.max(0, error.retryAfterSeconds) * 1000;
      logger.warn({ ...ctx, retryAfterSeconds: error.retryAfterSeconds, attempts: row.attempts }, 'outbox: rate limited; trying again after Retry-After');
      await record(row, ctx, 'rate limit', { notBefore: new Date(notBefore), lastError: reason, lockedBy: null, lockedUntil: null });
      return { kind: 'deferred', notBefore };
    }
    metrics?.sendFailures.inc({ platform: row.platform });
    const attempts = row.attempts + 1;
    const permanent = error instanceof PermanentSendError;
    if (permanent || attempts >= maxAttempts) {
      logger.error(
        { ...ctx, attempts, error: errorName(error), reason },
        permanent ? 'outbox: the platform refused the message; failed, not retried' : 'outbox: failed after the last attempt',
      );
      await record(row, ctx, 'failure', { status: 'failed', attempts, lastError: reason, lockedBy: null, lockedUntil: null });
      return { kind: 'failed' };
    }
    const delay = Math.min(backoffBase * 2 ** (attempts - 1), backoffMax);
    const retryable = error instanceof RetryableSendError;
    (retryable ? logger.warn.bind(logger) : logger.error.bind(logger))(
      { ...ctx, attempts, maxAttempts, retryInMs: delay, error: errorName(error), reason },
      retryable ? 'outbox: send failed; will retry' : 'outbox: unexpected error from the transport; will retry',
    );
    await record(row, ctx, 'retry', { attempts, notBefore: new Date(t + delay), lastError: reason, lockedBy: null, lockedUntil: null });
    return { kind: 'deferred', notBefore: t + delay };
  }

  /**
   * Writes an outcome and ends our lock in one statement, guarded by the lock:
   * a row whose lease we lost is not overwritten. Retried a few times, because
   * a message the platform accepted but we did not record would be sent again
   * once the lease ends.
   */
  async function record(row: OutboxMessage, ctx: Record<string, unknown>, what: string, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { count } = await prisma.outboxMessage.updateMany({ where: { id: row.id, lockedBy: owner, status: 'pending' }, data });
        if (count === 1) return true;
        logger.error({ ...ctx }, `outbox: lost the lease before recording the ${what}; the message may be handled twice (lease too short?)`);
        return false;
      } catch (error) {
        const delay = RECORD_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          logger.error(
            { ...ctx, error: errorName(error), reason: safeReason(error) },
            `outbox: could not record the ${what}; the row stays locked until its lease ends${what === 'sent' ? ', then the message is sent again' : ''}`,
          );
          return false;
        }
        logger.warn({ ...ctx, error: errorName(error), retryInMs: delay }, `outbox: recording the ${what} failed; trying again`);
        await sleep(delay);
      }
    }
  }

  async function refreshDepth(): Promise<void> {
    if (!metrics) return;
    try {
      metrics.queueDepth.set(await prisma.outboxMessage.count({ where: { status: 'pending' } }));
    } catch (error) {
      logger.warn({ error: errorName(error), reason: safeReason(error) }, 'outbox: could not count the queue');
    }
  }

  // ---- the loop -------------------------------------------------------------

  const inFlight = new Set<Promise<Outcome>>();
  let running = false;
  let pollMs: number = DEFAULTS.pollMs;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let wakes: number[] = [];
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;

  function track(row: OutboxMessage): Promise<Outcome> {
    const p = processRow(row).catch((error: unknown): Outcome => {
      // processRow records its own failures; this is a bug or a database outage while recording.
      logger.error({ outboxId: row.id.toString(), dedupeKey: row.dedupeKey, error: errorName(error), reason: safeReason(error) }, 'outbox: processing failed');
      return { kind: 'deferred', notBefore: now() + leaseMs };
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  function arm(at: number): void {
    if (!running) return;
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      void pump();
    }, Math.max(0, at - now()));
  }

  function wakeAt(at: number): void {
    wakes.push(at);
    arm(at);
  }

  function afterOutcome(outcome: Outcome): void {
    const t = now();
    if (outcome.kind === 'sent') {
      wakeAt(t); // an update may wait for this message
      wakeAt(t + interval + 2); // the lane's next message
    } else if (outcome.kind === 'deferred') {
      wakeAt(outcome.notBefore + 2);
    } else {
      wakeAt(t); // the lane is free again
    }
  }

  function pump(): Promise<void> {
    if (!running) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          pumpAgain = false;
          const room = batchSize - inFlight.size;
          if (room <= 0) break;
          const rows = await claim(room);
          for (const row of rows) void track(row).then(afterOutcome);
          if (rows.length === room) pumpAgain = true;
        } while (pumpAgain && running);
        await refreshDepth();
      } catch (error) {
        logger.error({ error: errorName(error), reason: safeReason(error) }, 'outbox: claiming failed; trying again at the next poll');
      } finally {
        pumping = undefined;
        const t = now();
        wakes = wakes.filter((w) => w > t);
        arm(Math.min(t + pollMs, ...wakes));
      }
    })();
    return pumping;
  }

  async function drainOnce(): Promise<DrainResult> {
    const rows = await claim(batchSize);
    const outcomes = await Promise.all(rows.map((row) => track(row)));
    await refreshDepth();
    const result: DrainResult = { sent: 0, deferred: 0, failed: 0 };
    for (const o of outcomes) result[o.kind]++;
    return result;
  }

  return {
    drainOnce,
    start(ms = DEFAULTS.pollMs) {
      if (running) return;
      running = true;
      pollMs = ms;
      logger.info({ pollMs, perTargetIntervalMs: interval, maxAttempts }, 'outbox: sender started');
      void pump();
    },
    async stop() {
      if (!running) {
        await Promise.allSettled([...inFlight]);
        return;
      }
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      wakes = [];
      await pumping;
      await Promise.allSettled([...inFlight]);
      logger.info('outbox: sender stopped');
    },
    async idle() {
      for (;;) {
        if (running) {
          await pumping;
          await Promise.allSettled([...inFlight]);
        } else {
          await drainOnce();
        }
        if (inFlight.size === 0 && !pumping) {
          const pending = await prisma.outboxMessage.count({ where: { status: 'pending' } });
          if (pending === 0) return;
        }
        await sleep(20);
      }
    },
    kick() {
      if (running) wakeAt(now());
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** The error's message, cut short: transports put platform error codes and HTTP statuses there, never message text or tokens. */
function safeReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
