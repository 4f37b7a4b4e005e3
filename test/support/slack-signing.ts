/**
 * Requests as Slack sends them to `POST /slack/events`: signed with the v0
 * scheme (https://api.slack.com/authentication/verifying-requests-from-slack),
 * slash commands and interactions form-encoded.
 */
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SlackSignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

/**
 * Headers of a request signed as Slack signs it:
 * `v0=` + hex(HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`)). The content
 * type is JSON when the body looks like JSON (Events API), else form-encoded.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
  contentType: string = rawBody.trimStart().startsWith('{') ? JSON_TYPE : FORM,
): SlackSignedHeaders {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return {
    'x-slack-signature': `v0=${signature}`,
    'x-slack-request-timestamp': String(timestamp),
    'content-type': contentType,
  };
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id: string;
  user_name?: string;
  trigger_id?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  response_url?: string;
  api_app_id?: string;
  [extra: string]: string | undefined;
}

/** The form-encoded body of a slash command, with the fields Slack sends. */
export function slashCommandBody(fields: SlashCommandFields): string {
  const full: Record<string, string> = {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_name: fields.user_id.toLowerCase(),
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0FAKE/1/fake',
    trigger_id: `${Date.now()}.1.fake`,
    text: '',
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) full[key] = value;
  return new URLSearchParams(full).toString();
}

/** The body of an interaction (block_actions, view_submission …): `payload=<json>`, form-encoded. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface PostSignedOptions {
  secret: string;
  /** Unix seconds; default now. A stale timestamp tests replay protection. */
  timestamp?: number;
  /** Sets X-Slack-Retry-Num (and X-Slack-Retry-Reason), as Slack does when it delivers again. */
  retryNum?: number;
  retryReason?: string;
  /** Default: JSON for a body that looks like JSON, else form-encoded. */
  contentType?: string;
  /** Replaces the signature (e.g. a wrong one). */
  signature?: string;
}

/** POSTs a body to the program as Slack would, signed with `secret`. */
export async function postSigned(url: string, body: string, options: PostSignedOptions): Promise<Response> {
  const headers: Record<string, string> = { ...signSlackRequest(options.secret, body, options.timestamp, options.contentType) };
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}
