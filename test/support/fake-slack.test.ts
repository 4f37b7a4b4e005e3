import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { interactionBody, postSigned, signSlackRequest, slashCommandBody } from './slack-signing.ts';

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silent });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('answers chat.postMessage with the channel and increasing ts, a D… channel for a user id, and records the form-encoded call', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    const second = await client.chat.postMessage({ channel: 'U0001', text: 'to a user' });
    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'hello' } });
    expect(first.ts).toMatch(/^\d+\.000100$/);
    expect(second.channel).toBe('DU0001');
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = fake.calls('chat.postMessage');
    expect(call).toMatchObject({ method: 'chat.postMessage', token: 'xoxb-test', ok: true, status: 200 });
    expect(call!.body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect(call!.response.ts).toBe(first.ts);
  });

  it('chat.update knows the messages it posted; conversations.open, postEphemeral, views, auth.test, users.info, files.info answer', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'card' });
    await expect(client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'updated' })).resolves.toMatchObject({ ok: true, channel: 'C1', ts: posted.ts });
    await expect(client.chat.update({ channel: 'C1', ts: '1.000100', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    expect(await client.conversations.open({ users: 'U0042' })).toMatchObject({ ok: true, channel: { id: 'DU0042' } });
    expect((await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' })).message_ts).toMatch(/\.000100$/);
    const view = { type: 'modal' as const, callback_id: 'cb', title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: 't1', view });
    expect(opened.view).toMatchObject({ callback_id: 'cb', type: 'modal' });
    expect(opened.view!.id).toMatch(/^V/);
    expect((await client.views.update({ view_id: opened.view!.id!, view })).view!.id).toBe(opened.view!.id);
    expect((await client.views.push({ trigger_id: 't2', view })).ok).toBe(true);
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U0BOT', team_id: 'T0FAKE', bot_id: 'B0BOT' });
    expect((await client.users.info({ user: 'U7' })).user).toMatchObject({ id: 'U7' });
    expect((await client.files.info({ file: 'F1' })).file).toMatchObject({ id: 'F1' });
  });

  it('refuses a call without a bearer token (not_authed), answers JSON bodies, and unknown methods', async () => {
    const noAuth = await fetch(`${fake.url}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":"C1","text":"x"}' });
    expect(await noAuth.json()).toEqual({ ok: false, error: 'not_authed' });
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C2', text: 'json' }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C2' });
    expect(fake.calls('chat.postMessage').map((c) => [c.token, c.ok])).toEqual([
      [undefined, false],
      ['xoxb-json', true],
    ]);
    await expect(client.apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('fails the next calls on demand: 429 with Retry-After, HTTP 500, ok:false errors, then answers again', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
    fake.failNext('chat.postMessage', { status: 500 }, 2);
    fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ statusCode: 500 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    await expect(client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } });
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 500, 500, 200]);
  });

  it('enforces about one message per second per channel when asked, as Slack does', async () => {
    fake.enforceRateLimit(1);
    await client.chat.postMessage({ channel: 'C1', text: 'a' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toMatchObject({ retryAfter: 1 });
    await expect(client.chat.postMessage({ channel: 'C2', text: 'c' })).resolves.toMatchObject({ ok: true });
  });

  it('waitFor resolves when the calls have arrived and rejects after its timeout', async () => {
    const waiting = fake.waitFor('chat.postMessage', 2, 2000);
    await client.chat.postMessage({ channel: 'C1', text: 'a' });
    await client.chat.postMessage({ channel: 'C1', text: 'b' });
    expect(await waiting).toHaveLength(2);
    await expect(fake.waitFor('chat.update', 1, 50)).rejects.toThrow(/chat.update/);
  });
});

describe('Slack request signing', () => {
  it('signs as Slack does: v0= hex HMAC-SHA256 of v0:timestamp:body', () => {
    const headers = signSlackRequest('secret', 'a=b', 1_700_000_000);
    const expected = createHmac('sha256', 'secret').update('v0:1700000000:a=b').digest('hex');
    expect(headers).toEqual({ 'x-slack-signature': `v0=${expected}`, 'x-slack-request-timestamp': '1700000000', 'content-type': 'application/x-www-form-urlencoded' });
    expect(signSlackRequest('secret', '{"type":"event_callback"}', 1)['content-type']).toBe('application/json');
  });

  it('builds slash command and interaction bodies form-encoded, and posts them signed with retry headers', async () => {
    const command = new URLSearchParams(slashCommandBody({ command: '/leave', text: 'sick', user_id: 'U1', trigger_id: 't' }));
    expect(Object.fromEntries(command)).toMatchObject({ command: '/leave', text: 'sick', user_id: 'U1', trigger_id: 't', team_id: 'T0FAKE' });
    const interaction = new URLSearchParams(interactionBody({ type: 'block_actions', user: { id: 'U1' } }));
    expect(JSON.parse(interaction.get('payload')!)).toEqual({ type: 'block_actions', user: { id: 'U1' } });

    const seen: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const raw = slashCommandBody({ command: '/clock', text: 'in', user_id: 'U2' });
      const response = await postSigned(`http://127.0.0.1:${port}/slack/events`, raw, { secret: 's3', timestamp: 42, retryNum: 1 });
      expect(response.status).toBe(200);
      expect(seen[0]!.body).toBe(raw);
      expect(seen[0]!.headers).toMatchObject({
        ...signSlackRequest('s3', raw, 42),
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'error' as never,
  setName() {},
};
