/**
 * The outbox's Teams transport (docs/teams.md): sends one message through the
 * Bot Connector REST API (`{serviceUrl}/v3/conversations/…`) with the app's
 * token, to the conversation stored for the target (conversation-store.ts).
 *
 * It calls the REST API itself rather than `CloudAdapter.continueConversationAsync`:
 * botbuilder's HTTP pipeline retries 429s and 5xx by itself, and the outbox
 * wants every try visible in its table (as with Slack, docs/outbox.md). Errors
 * become the outbox's three kinds: 429 → RateLimitedError (Retry-After), 5xx /
 * 408 / network / 401 (the token is fetched again) → RetryableSendError, any
 * other 4xx → PermanentSendError. Error messages carry an HTTP status and the
 * service's error code, never the message text or a token.
 *
 * - 'dm' (target: AAD object id): the stored personal chat; without one, a 1:1
 *   chat is created (POST /v3/conversations) with the tenant and service URL of
 *   the latest stored reference, and stored. If that is impossible (nothing
 *   stored, or the service refuses: the app is not installed for the person),
 *   the row fails with `teams_unreachable` and the team leader is told once.
 * - 'post' (target: channel id): the stored channel; else `teams_unreachable`.
 * - 'update': PUT of the activity whose id the original's row stored.
 * - 'ephemeral': Teams has no ephemeral messages; the user gets it in their 1:1 chat.
 */
import type { Logger } from '../../shared/logger.ts';
import {
  PermanentSendError,
  RateLimitedError,
  RetryableSendError,
  type OutboxPayload,
  type SentMessageRef,
  type Transport,
} from '../../shared/outbox/transport.ts';
import { AppTokenError, type AppTokenSource } from './bot-auth.ts';
import type { ConversationStore, StoredConversation } from './conversation-store.ts';
import type { UnreachableReporter } from './unreachable.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface TeamsTransportOptions {
  appId: string;
  tokens: AppTokenSource;
  store: ConversationStore;
  reportUnreachable: UnreachableReporter;
  logger: Logger;
  /** Per call (default 10000); the outbox lease must exceed it. */
  timeoutMs?: number;
}

/** The activity of an outbox payload: the card as an attachment (text as its summary), else plain text. */
export function activityOf(payload: OutboxPayload): Record<string, unknown> {
  if (payload.card) {
    return { type: 'message', summary: payload.text, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: payload.card }] };
  }
  return { type: 'message', text: payload.text, textFormat: 'plain' };
}

class Unreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function createTeamsTransport(options: TeamsTransportOptions): Transport {
  const { store, tokens } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(what: string, method: 'POST' | 'PUT', url: string, body: unknown): Promise<Record<string, unknown>> {
    let token: string;
    try {
      token = await tokens.token();
    } catch (error) {
      if (error instanceof AppTokenError && error.refused) throw new PermanentSendError(`${what}: teams_auth (${error.message})`, { cause: error });
      throw new RetryableSendError(`${what}: teams_auth (${error instanceof Error ? error.message : 'error'})`, { cause: error });
    }
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'error';
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      throw new RetryableSendError(`${what}: request_error (${name}${typeof code === 'string' ? ` ${code}` : ''})`, { cause: error });
    }
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return answer;
    const code = errorCode(answer);
    const detail = `${what}: http_${res.status}${code ? ` ${code}` : ''}`;
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new RateLimitedError(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1, detail);
    }
    if (res.status === 401) {
      tokens.invalidate();
      throw new RetryableSendError(detail);
    }
    if (res.status >= 500 || res.status === 408) throw new RetryableSendError(detail);
    if (res.status === 403 || res.status === 404) throw new Unreachable(detail);
    throw new PermanentSendError(detail);
  }

  const activitiesUrl = (c: Pick<StoredConversation, 'serviceUrl' | 'conversationId'>, activityId?: string) =>
    `${c.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(c.conversationId)}/activities${activityId ? `/${encodeURIComponent(activityId)}` : ''}`;

  async function sendTo(c: StoredConversation, payload: OutboxPayload): Promise<SentMessageRef> {
    const answer = await call('send', 'POST', activitiesUrl(c), { ...activityOf(payload), ...(c.reference.bot ? { from: c.reference.bot } : {}) });
    if (typeof answer.id !== 'string' || answer.id === '') throw new RetryableSendError('send: the service answered without an activity id');
    return { platformId: answer.id, platformChannel: c.conversationId };
  }

  /** 1:1 chats being opened, so that two lanes of one person (a dm and an ephemeral) open it once. */
  const opening = new Map<string, Promise<StoredConversation>>();

  /** A stored personal chat, or a new 1:1 chat with the person (stored for next time). */
  async function personalChat(aadObjectId: string): Promise<StoredConversation> {
    const stored = await store.byKey(aadObjectId);
    if (stored) return stored;
    let pending = opening.get(aadObjectId);
    if (!pending) {
      pending = openPersonalChat(aadObjectId).finally(() => opening.delete(aadObjectId));
      opening.set(aadObjectId, pending);
    }
    return pending;
  }

  async function openPersonalChat(aadObjectId: string): Promise<StoredConversation> {
    const anchor = await store.latestInTenant(null);
    if (!anchor?.tenantId) throw new Unreachable('no_conversation: banzhang has no Teams conversation with this person and knows no tenant yet');
    const bot = { id: `28:${options.appId}`, name: anchor.reference.bot?.name ?? '' };
    const created = await call('create_conversation', 'POST', `${anchor.serviceUrl.replace(/\/+$/, '')}/v3/conversations`, {
      bot,
      isGroup: false,
      members: [{ id: aadObjectId }],
      tenantId: anchor.tenantId,
      channelData: { tenant: { id: anchor.tenantId } },
    });
    if (typeof created.id !== 'string' || created.id === '') throw new RetryableSendError('create_conversation: the service answered without a conversation id');
    const conversation: StoredConversation = {
      key: aadObjectId,
      kind: 'personal',
      conversationId: created.id,
      serviceUrl: anchor.serviceUrl,
      tenantId: anchor.tenantId,
      reference: {
        channelId: 'msteams',
        serviceUrl: anchor.serviceUrl,
        bot,
        conversation: { id: created.id, conversationType: 'personal', isGroup: false, name: '', tenantId: anchor.tenantId },
        user: { id: aadObjectId, name: '', aadObjectId },
      },
    };
    await store.save(conversation);
    return conversation;
  }

  /** Runs a send; an unreachable target is reported (log, team leader once) and failed for good. */
  async function reaching<T>(kind: 'person' | 'channel', target: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      await options.reportUnreachable({ kind, target, reason: error.reason });
      throw new PermanentSendError(`teams_unreachable: ${error.reason}`);
    }
  }

  const dm = (aadObjectId: string, payload: OutboxPayload) => reaching('person', aadObjectId, async () => sendTo(await personalChat(aadObjectId), payload));

  return {
    post: (channelId, payload) =>
      reaching('channel', channelId, async () => {
        const channel = await store.byKey(channelId);
        if (!channel) throw new Unreachable('no_conversation: banzhang is not installed in the team of this channel');
        return sendTo(channel, payload);
      }),
    dm,
    async update(conversationId, activityId, payload) {
      const c = await store.byConversationId(conversationId);
      if (!c) throw new PermanentSendError('update: teams_conversation_unknown (no stored reference for the conversation)');
      try {
        await call('update', 'PUT', activitiesUrl(c, activityId), { ...activityOf(payload), id: activityId, ...(c.reference.bot ? { from: c.reference.bot } : {}) });
      } catch (error) {
        if (error instanceof Unreachable) throw new PermanentSendError(error.reason);
        throw error;
      }
    },
    async ephemeral(_channel, user, payload) {
      await dm(user, payload);
    },
  };
}

/** The Bot Connector's error code (`{ error: { code } }`), safe to store. */
function errorCode(answer: Record<string, unknown>): string | undefined {
  const error = answer.error as { code?: unknown } | undefined;
  return typeof error?.code === 'string' ? error.code.slice(0, 80) : undefined;
}
