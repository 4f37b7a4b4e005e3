import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CHANNEL_METHODS_USED, REGISTERED_COMMANDS } from '../../../src/channels/slack/slack-channel.ts';
import { SLACK_METHODS_USED } from '../../../src/channels/slack/slack-transport.ts';

const manifest = parse(readFileSync(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { request_url: string }; event_subscriptions: { request_url: string } };
};

/** The bot scope each Web API method needs (Slack's method reference); null: none. */
const SCOPE_OF: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'views.publish': null,
  'views.open': null,
  'views.update': null,
};

describe('Slack app manifest', () => {
  it('lists exactly the slash commands the code registers, all at /slack/events', () => {
    const commands = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(commands).toEqual([...REGISTERED_COMMANDS].sort());
    for (const c of manifest.features.slash_commands) expect(new URL(c.url).pathname).toBe('/slack/events');
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe('/slack/events');
  });

  it('asks for exactly the bot scopes the Web API methods it calls need (and commands)', () => {
    const methods = [...new Set([...SLACK_METHODS_USED, ...CHANNEL_METHODS_USED])];
    for (const method of methods) expect(Object.keys(SCOPE_OF), `${method} has a known scope`).toContain(method);
    const needed = new Set(methods.map((m) => SCOPE_OF[m]).filter((s): s is string => s !== null));
    needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
