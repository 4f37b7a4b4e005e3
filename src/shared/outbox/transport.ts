/**
 * What the outbox sender needs from a chat platform (design.md: outbox). A
 * transport sends one message and says, through the class of the error it
 * throws, whether trying again can help:
 *
 * - `RateLimitedError`: the platform asked us to wait (HTTP 429, Retry-After);
 * - `RetryableSendError`: a 5xx, a timeout, a network error: back off and retry;
 * - `PermanentSendError`: the platform refused the message itself (unknown
 *   channel, bad blocks, missing scope): retrying would give the same answer.
 *
 * Any other error is treated as retryable. Error messages must be safe to store
 * and log: a platform error code, an HTTP status, never the message text or a token.
 */

/** The content of one message: plain text (always: notifications, screen readers) and optional rich blocks/cards. */
export interface OutboxPayload {
  text: string;
  /** Slack Block Kit blocks (the Slack transport's). */
  blocks?: unknown[];
  /** A Teams Adaptive Card, sent as the activity's attachment (the Teams transport's; Slack ignores it). */
  card?: Record<string, unknown>;
  /**
   * A file to share instead of a plain message (the Slack transport's, 'post'
   * only: files.getUploadURLExternal, upload, files.completeUploadExternal with
   * `text` as its comment). Kept small: it is stored in the outbox row.
   */
  file?: OutboxFile;
}

export interface OutboxFile {
  filename: string;
  title: string;
  /** The bytes, base64. */
  contentBase64: string;
  /** Alt text for an image. */
  altText?: string | undefined;
}

/** Where a sent message lives on the platform, so that it can be updated later. */
export interface SentMessageRef {
  /** Platform message id (Slack `ts`, Teams activity id). */
  platformId: string;
  /** Channel the message was posted in (for a DM: the DM channel, not the user id). */
  platformChannel: string;
}

export interface Transport {
  post(target: string, payload: OutboxPayload): Promise<SentMessageRef>;
  dm(userId: string, payload: OutboxPayload): Promise<SentMessageRef>;
  update(platformChannel: string, platformId: string, payload: OutboxPayload): Promise<void>;
  ephemeral(channel: string, user: string, payload: OutboxPayload): Promise<void>;
}

/** The platform rate-limited the call: try again after `retryAfterSeconds`. Not a failure attempt. */
export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = `rate_limited (retry after ${retryAfterSeconds}s)`, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A transient failure (5xx, network, timeout): retried with exponential backoff, counted toward maxAttempts. */
export class RetryableSendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RetryableSendError';
  }
}

/** The platform refused the message for good (4xx other than 429, Slack `ok:false`): failed at once. */
export class PermanentSendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentSendError';
  }
}
