/**
 * The Slack Web API client of banzhang: one `WebClient` configured for the
 * outbox. The client never retries or waits on its own (`retries: 0`,
 * `rejectRateLimitedCalls`): retries, Retry-After and pacing belong to the
 * outbox sender, which records them in the database.
 */
import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../../shared/logger.ts';

/** Slack's own Web API base URL (`SLACK_API_URL` overrides it; tests point it at a local fake). */
export const SLACK_API_URL_DEFAULT = 'https://slack.com/api/';

export interface SlackApiOptions {
  token: string;
  /** Base URL ending in `/api/` (default Slack's own). */
  apiUrl?: string | undefined;
  logger: Logger;
  /** Per-request timeout in ms (default 10000); keep it well under the outbox lease. */
  timeoutMs?: number;
}

export function createSlackWebClient(options: SlackApiOptions): WebClient {
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? SLACK_API_URL_DEFAULT,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logger: slackLogger(options.logger),
  });
}

/**
 * Forwards the WebClient's warnings and errors to pino; its debug and info
 * lines (which include request bodies) are dropped.
 */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack-web-api' });
  return {
    debug() {},
    info() {},
    warn(...msg: unknown[]) {
      child.warn(msg.map(String).join(' '));
    },
    error(...msg: unknown[]) {
      child.error(msg.map(String).join(' '));
    },
    setLevel() {},
    getLevel: () => LogLevel.WARN,
    setName() {},
  };
}
