/**
 * The outbox (design.md): a use case never calls Slack or Teams itself. It
 * writes the messages to send with `enqueue`, inside the transaction that
 * changes the state, so that a message exists if and only if the change was
 * committed. The sender (`sender.ts`) drains the table. See docs/outbox.md.
 */
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Tx } from '../db/types.ts';
import type { OutboxPayload } from './transport.ts';

export type OutboxPlatform = 'slack' | 'teams';
export type OutboxKind = 'post' | 'dm' | 'update' | 'ephemeral';

export interface OutboxInput {
  platform: OutboxPlatform;
  kind: OutboxKind;
  /**
   * 'post': the channel id; 'dm': the user's platform id; 'ephemeral': the
   * channel id; 'update': the same target as the message it updates (messages
   * to one target go out in order, so give an update its original's target).
   */
  target: string;
  /** 'ephemeral' only: the user who sees the message. */
  user?: string;
  payload: OutboxPayload;
  /** Idempotency key: enqueueing the same key again is a no-op (e.g. `leave:42:approval-card`). */
  dedupeKey: string;
  /** 'update' only: the dedupeKey of the earlier 'post' or 'dm' whose message is replaced. */
  updateOf?: string;
}

const payloadSchema = z.object({
  text: z.string().min(1, 'text is required (notifications and screen readers use it)'),
  blocks: z.array(z.unknown()).optional(),
  card: z.record(z.string(), z.unknown()).optional(),
  file: z.object({ filename: z.string().min(1), title: z.string().min(1), contentBase64: z.string().min(1), altText: z.string().optional() }).optional(),
});

const inputSchema = z
  .object({
    platform: z.enum(['slack', 'teams']),
    kind: z.enum(['post', 'dm', 'update', 'ephemeral']),
    target: z.string().min(1),
    user: z.string().min(1).optional(),
    payload: payloadSchema,
    dedupeKey: z.string().min(1).max(500),
    updateOf: z.string().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'ephemeral' && !m.user) ctx.addIssue({ code: 'custom', path: ['user'], message: "an 'ephemeral' message needs the user who sees it" });
    if (m.kind !== 'ephemeral' && m.user) ctx.addIssue({ code: 'custom', path: ['user'], message: "only an 'ephemeral' message has a user" });
    if (m.kind === 'update' && !m.updateOf) ctx.addIssue({ code: 'custom', path: ['updateOf'], message: "an 'update' needs updateOf, the dedupeKey of the message it replaces" });
    if (m.kind !== 'update' && m.updateOf) ctx.addIssue({ code: 'custom', path: ['updateOf'], message: "only an 'update' has updateOf" });
    if (m.updateOf !== undefined && m.updateOf === m.dedupeKey) ctx.addIssue({ code: 'custom', path: ['updateOf'], message: 'a message cannot update itself' });
  });

/**
 * The JSON stored in `outbox_message.payload`: the message, plus for an
 * ephemeral the user who sees it (the table has no column for it).
 */
export const storedPayloadSchema = payloadSchema.extend({ user: z.string().min(1).optional() });
export type StoredPayload = z.infer<typeof storedPayloadSchema>;

/**
 * Writes messages to send inside the caller's transaction. A dedupeKey already
 * in the table (or twice in `messages`) is skipped silently: a retried use case
 * never sends twice. Throws (and so rolls the caller's transaction back) on an
 * invalid message: that is a programming error, not a user's.
 */
export async function enqueue(tx: Tx, messages: OutboxInput[]): Promise<void> {
  if (messages.length === 0) return;
  const seen = new Set<string>();
  const data: Prisma.OutboxMessageCreateManyInput[] = [];
  for (const [index, message] of messages.entries()) {
    const parsed = inputSchema.safeParse(message);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
      throw new Error(`outbox: message ${index} (${String(message?.dedupeKey)}) is invalid: ${problems}`);
    }
    const m = parsed.data;
    if (seen.has(m.dedupeKey)) continue;
    seen.add(m.dedupeKey);
    const payload: StoredPayload = { text: m.payload.text };
    if (m.payload.blocks !== undefined) payload.blocks = m.payload.blocks;
    if (m.payload.card !== undefined) payload.card = m.payload.card;
    if (m.payload.file !== undefined) payload.file = m.payload.file;
    if (m.user !== undefined) payload.user = m.user;
    data.push({
      platform: m.platform,
      kind: m.kind,
      target: m.target,
      payload: payload as Prisma.InputJsonValue,
      dedupeKey: m.dedupeKey,
      updateOf: m.updateOf ?? null,
    });
  }
  await tx.outboxMessage.createMany({ data, skipDuplicates: true });
}
