/**
 * What the playground sends to its banzhang instance's POST /slack/events, as
 * Slack sends it: slash commands and interactions form-encoded, signed with
 * the v0 scheme (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret).
 */
import { createHmac } from 'node:crypto';
import { PLAYGROUND_IDS } from './workspace.ts';

export function signedHeaders(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp), 'content-type': 'application/x-www-form-urlencoded' };
}

export interface SlashCommand {
  command: string;
  text: string;
  user: string;
  channel: string;
  triggerId: string;
  responseUrl: string;
}

/** The form fields of a slash command, as Slack posts them. */
export function slashCommandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'playground',
    team_id: PLAYGROUND_IDS.teamId,
    team_domain: 'playground',
    channel_id: c.channel,
    channel_name: c.channel,
    user_id: c.user,
    user_name: c.user.toLowerCase(),
    command: c.command,
    text: c.text,
    api_app_id: PLAYGROUND_IDS.appId,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  }).toString();
}

/** An interaction (block_actions, view_submission …): `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({
    payload: JSON.stringify({ api_app_id: PLAYGROUND_IDS.appId, token: 'playground', team: { id: PLAYGROUND_IDS.teamId, domain: 'playground' }, is_enterprise_install: false, ...payload }),
  }).toString();
}

/** Splits `/leave sick` into the command and its text; null when it is not a slash command. */
export function parseCommandLine(line: string): { command: string; text: string } | null {
  const match = /^\s*(\/[a-z][a-z0-9_-]*)(?:\s+(.*))?$/is.exec(line);
  return match ? { command: match[1]!.toLowerCase(), text: (match[2] ?? '').trim() } : null;
}
