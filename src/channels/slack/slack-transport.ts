/**
 * The outbox's Slack transport: sends one message through the Web API and
 * turns the WebClient's errors into the outbox's three kinds (transport.ts).
 * Error messages carry Slack's error code or the HTTP status, never the
 * message text or the token.
 */
import { ErrorCode, type WebAPICallResult, type WebClient } from '@slack/web-api';
import type { Logger } from '../../shared/logger.ts';
import {
  PermanentSendError,
  RateLimitedError,
  RetryableSendError,
  type OutboxFile,
  type OutboxPayload,
  type SentMessageRef,
  type Transport,
} from '../../shared/outbox/transport.ts';
import { createSlackWebClient } from './slack-api.ts';

/** Every Web API method this file calls (the app manifest must grant their scopes: chat:write, im:write, files:write). */
export const SLACK_METHODS_USED = ['chat.postMessage', 'conversations.open', 'chat.update', 'chat.postEphemeral', 'files.getUploadURLExternal', 'files.completeUploadExternal'] as const;
export type SlackMethodUsed = (typeof SLACK_METHODS_USED)[number];

/** `ok:false` errors that say "try again later" rather than "this message is wrong". */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Platform errors after which a cached DM channel must be opened again. */
const STALE_CHANNEL_ERRORS = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

const DM_CACHE_LIMIT = 10_000;

export interface SlackTransportOptions {
  token: string;
  /** `SLACK_API_URL`; default Slack's own. */
  apiUrl?: string | undefined;
  logger: Logger;
  timeoutMs?: number;
  /** A ready client instead (the other options but logger are then ignored). */
  client?: WebClient;
}

export function createSlackTransport(options: SlackTransportOptions): Transport {
  const client = options.client ?? createSlackWebClient(options);
  /** user id → DM channel id: conversations.open once per user and process. */
  const dmChannels = new Map<string, string>();

  async function call(method: SlackMethodUsed, args: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      return await client.apiCall(method, args);
    } catch (error) {
      throw toSendError(method, error);
    }
  }

  function content(payload: OutboxPayload): Record<string, unknown> {
    return payload.blocks === undefined ? { text: payload.text } : { text: payload.text, blocks: payload.blocks };
  }

  async function postMessage(channel: string, payload: OutboxPayload): Promise<SentMessageRef> {
    const result = await call('chat.postMessage', { channel, ...content(payload) });
    const ts = stringField(result, 'ts');
    const posted = stringField(result, 'channel') ?? channel;
    if (!ts) throw new PermanentSendError('chat.postMessage: answer without ts');
    return { platformId: ts, platformChannel: posted };
  }

  async function openDm(userId: string): Promise<string> {
    const cached = dmChannels.get(userId);
    if (cached) return cached;
    const result = await call('conversations.open', { users: userId });
    const channel = (result as { channel?: { id?: unknown } }).channel?.id;
    if (typeof channel !== 'string' || !channel) throw new PermanentSendError('conversations.open: answer without channel.id');
    if (dmChannels.size >= DM_CACHE_LIMIT) dmChannels.clear();
    dmChannels.set(userId, channel);
    return channel;
  }

  /**
   * Shares a file in a channel the way Slack asks now: an upload URL, the
   * bytes to it, then completeUploadExternal (the file appears in the channel
   * with `comment`). Nothing is visible before the last step, so a retry after
   * a failure part way uploads again and shares once.
   */
  async function shareFile(channel: string, file: OutboxFile, comment: string): Promise<SentMessageRef> {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    const url = await call('files.getUploadURLExternal', { filename: file.filename, length: bytes.length, ...(file.altText ? { alt_txt: file.altText } : {}) });
    const uploadUrl = stringField(url, 'upload_url');
    const fileId = stringField(url, 'file_id');
    if (!uploadUrl || !fileId) throw new PermanentSendError('files.getUploadURLExternal: answer without upload_url or file_id');
    let status: number;
    try {
      const res = await fetch(uploadUrl, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' }, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
      status = res.status;
      await res.arrayBuffer();
    } catch (error) {
      throw new RetryableSendError(`file upload: request_error (${error instanceof Error ? error.name : 'error'})`, { cause: error });
    }
    if (status >= 500 || status === 429 || status === 408) throw new RetryableSendError(`file upload: http_${status}`);
    if (status >= 300) throw new PermanentSendError(`file upload: http_${status}`);
    await call('files.completeUploadExternal', { files: [{ id: fileId, title: file.title }], channel_id: channel, initial_comment: comment });
    return { platformId: fileId, platformChannel: channel };
  }

  return {
    post: (target, payload) => (payload.file ? shareFile(target, payload.file, payload.text) : postMessage(target, payload)),

    async dm(userId, payload) {
      const channel = await openDm(userId);
      try {
        return await postMessage(channel, payload);
      } catch (error) {
        if (error instanceof PermanentSendError && STALE_CHANNEL_ERRORS.has(slackCode(error))) dmChannels.delete(userId);
        throw error;
      }
    },

    async update(platformChannel, platformId, payload) {
      await call('chat.update', { channel: platformChannel, ts: platformId, ...content(payload) });
    },

    async ephemeral(channel, user, payload) {
      await call('chat.postEphemeral', { channel, user, ...content(payload) });
    },
  };
}

function stringField(result: WebAPICallResult, key: string): string | undefined {
  const value = (result as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The Slack error code at the start of a PermanentSendError's message (`method: code`). */
function slackCode(error: PermanentSendError): string {
  return error.message.split(': ')[1] ?? '';
}

/** Maps a WebClient error to the outbox's kinds. Exported for tests. */
export function toSendError(method: string, error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case ErrorCode.RateLimitedError: {
      const retryAfter = Number((error as { retryAfter?: unknown }).retryAfter);
      return new RateLimitedError(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1, `${method}: rate_limited`, { cause: error });
    }
    case ErrorCode.PlatformError: {
      const slackError = String((error as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
      return TRANSIENT_PLATFORM_ERRORS.has(slackError)
        ? new RetryableSendError(`${method}: ${slackError}`, { cause: error })
        : new PermanentSendError(`${method}: ${slackError}`, { cause: error });
    }
    case ErrorCode.HTTPError: {
      const status = Number((error as { statusCode?: unknown }).statusCode);
      return status >= 500 || status === 408 || !Number.isFinite(status)
        ? new RetryableSendError(`${method}: http_${status}`, { cause: error })
        : new PermanentSendError(`${method}: http_${status}`, { cause: error });
    }
    case ErrorCode.RequestError: {
      const original = (error as { original?: unknown }).original;
      const why = original instanceof Error ? `${original.name}: ${describeCause(original)}` : 'request failed';
      return new RetryableSendError(`${method}: request_error (${why})`, { cause: error });
    }
    default:
      return new RetryableSendError(`${method}: ${error instanceof Error ? error.name : 'error'}`, { cause: error });
  }
}

/** `fetch failed` says little; its cause (ECONNREFUSED, timeout …) says more. */
function describeCause(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const errno = (cause as { code?: unknown }).code;
    return typeof errno === 'string' ? `${error.message} (${errno})` : `${error.message} (${cause.message})`;
  }
  return error.message;
}
