/**
 * The playground's workspace over HTTP: the Slack Web API subset banzhang
 * calls, answered to Slack's own WebClient (the client banzhang uses), the
 * response_url, and the playground's access rules (BANZHANG_PLAYGROUND).
 */
import { networkInterfaces } from 'node:os';
import { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountPlayground, playgroundMode } from '../../src/channels/playground/playground.ts';
import { parseCommandLine, signedHeaders } from '../../src/channels/playground/slack-requests.ts';
import { startWorkspace, type Workspace } from '../../src/channels/playground/workspace.ts';
import { policyFromSettings } from '../../src/app.ts';
import { createHttpServer } from '../../src/server/http-server.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { settableClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { signSlackRequest } from '../support/slack-signing.ts';
import { loadSettings } from '../../src/shared/settings.ts';

describe('playground workspace: the Slack Web API subset', () => {
  let ws: Workspace;
  let client: WebClient;
  let changes = 0;
  beforeAll(async () => {
    ws = await startWorkspace();
    ws.addChannel('CDEMOINC', '# incidents');
    ws.onChange(() => changes++);
    client = new WebClient(ws.token, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => ws?.close());

  it('refuses a wrong token and an unknown method as Slack does', async () => {
    const stranger = new WebClient('xoxb-wrong', { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } });
    await expect(stranger.chat.postMessage({ channel: 'CDEMOINC', text: 'x' })).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(client.apiCall('admin.users.remove', {})).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(ws.messages('CDEMOINC')).toEqual([]);
  });

  it('conversations.open → a DM; chat.postMessage to it and to a channel; chat.update edits the message', async () => {
    const before = changes;
    const dm = await client.conversations.open({ users: 'UDEMO001' });
    expect(dm.channel?.id).toBe(ws.dmOf('UDEMO001'));
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hello*' } }];
    const posted = await client.chat.postMessage({ channel: dm.channel!.id!, text: 'hello', blocks });
    expect(posted.ok).toBe(true);
    await client.chat.postMessage({ channel: 'CDEMOINC', text: 'fire drill' });
    await expect(client.chat.postMessage({ channel: 'CNOWHERE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(ws.messages(dm.channel!.id!)).toEqual([{ ts: posted.ts, channel: dm.channel!.id, text: 'hello', blocks }]);
    await client.chat.update({ channel: dm.channel!.id!, ts: posted.ts!, text: 'updated', blocks: [] });
    expect(ws.messages(dm.channel!.id!)[0]).toMatchObject({ text: 'updated', blocks: [], edited: true });
    await expect(client.chat.update({ channel: dm.channel!.id!, ts: '1.000000', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    expect(ws.messages('CDEMOINC').map((m) => m.text)).toEqual(['fire drill']);
    expect(changes - before).toBeGreaterThanOrEqual(4);
    expect(ws.conversations().map((c) => `${c.kind}:${c.id}`).sort()).toEqual(['channel:CDEMOINC', 'dm:DUDEMO001']);
  });

  it('chat.postEphemeral is seen by its user only', async () => {
    await client.chat.postEphemeral({ channel: 'CDEMOINC', user: 'UDEMO002', text: 'just for you' });
    expect(ws.ephemerals('UDEMO002').map((e) => `${e.channel}:${e.text}`)).toEqual(['CDEMOINC:just for you']);
    expect(ws.ephemerals('UDEMO001')).toEqual([]);
  });

  it('views.open needs a live trigger of the user; push, update and a submission answer move the stack', async () => {
    const view = { type: 'modal' as const, callback_id: 'leave_request', title: { type: 'plain_text' as const, text: 'Leave' }, blocks: [] };
    await expect(client.views.open({ trigger_id: 'made-up', view })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
    const opened = await client.views.open({ trigger_id: ws.trigger('UDEMO003'), view });
    const id = opened.view!.id!;
    expect(ws.modals('UDEMO003').map((v) => v.callback_id)).toEqual(['leave_request']);
    await client.views.push({ trigger_id: ws.trigger('UDEMO003'), view: { ...view, callback_id: 'second' } });
    await client.views.update({ view_id: id, view: { ...view, callback_id: 'first_updated' } });
    expect(ws.modals('UDEMO003').map((v) => v.callback_id)).toEqual(['first_updated', 'second']);
    const second = ws.modals('UDEMO003')[1]!.id;
    ws.applySubmissionAnswer('UDEMO003', second, { response_action: 'errors', errors: { leave_start: 'pick a date' } });
    expect(ws.modals('UDEMO003')[1]!.errors).toEqual({ leave_start: 'pick a date' });
    ws.applySubmissionAnswer('UDEMO003', second, null);
    expect(ws.modals('UDEMO003').map((v) => v.id)).toEqual([id]);
    ws.applySubmissionAnswer('UDEMO003', id, { response_action: 'clear' });
    expect(ws.modals('UDEMO003')).toEqual([]);
  });

  it('views.publish keeps the App Home per user; a response_url posts an ephemeral answer', async () => {
    await client.views.publish({ user_id: 'UDEMO001', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(ws.home('UDEMO001')?.blocks).toEqual([{ type: 'divider' }]);
    const url = ws.responseUrl('UDEMO001', 'CDEMOINC');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'answered later' }) });
    expect(res.status).toBe(200);
    expect(ws.ephemerals('UDEMO001').at(-1)).toMatchObject({ channel: 'CDEMOINC', text: 'answered later' });
  });

  it('files: getUploadURLExternal → upload → completeUploadExternal posts the image to the channel', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'ranking.png', length: 4 });
    const upload = await fetch(url.upload_url!, { method: 'POST', body: new Uint8Array([137, 80, 78, 71]) });
    expect(upload.status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: url.file_id!, title: 'Ranking' }], channel_id: 'CDEMOINC' });
    const message = ws.messages('CDEMOINC').at(-1)!;
    expect(message.files).toEqual([{ id: url.file_id, title: 'Ranking', url: `/playground/files?id=${url.file_id}`, mimetype: 'image/png' }]);
    expect([...ws.file(url.file_id!)!.bytes]).toEqual([137, 80, 78, 71]);
  });
});

describe('playground access', () => {
  it('BANZHANG_PLAYGROUND: auto is on (loopback only) without a chat platform, off with one; on opens it; off closes it', () => {
    const mode = (env: Record<string, string>) => playgroundMode(loadSettings(env));
    expect(mode({})).toBe('loopback');
    expect(mode({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('off');
    expect(mode({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' })).toBe('off');
    expect(mode({ BANZHANG_PLAYGROUND: 'on', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('open');
    expect(mode({ BANZHANG_PLAYGROUND: 'off' })).toBe('off');
    expect(() => loadSettings({ BANZHANG_PLAYGROUND: 'maybe' })).toThrow(/BANZHANG_PLAYGROUND: must be on, off or auto/);
  });

  it('in auto mode a client from another address gets 403 and nothing starts; loopback gets the page', async () => {
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const http = createHttpServer({ logger: createLogger('silent'), metrics: createMetrics(), readiness: { check: async () => null } });
    let started = 0;
    const settings = loadSettings({ BANZHANG_DATA_DIR: '/nonexistent' });
    const playground = mountPlayground({
      http,
      settings,
      policy: await policyFromSettings(settings),
      logger: createLogger('silent'),
      mode: 'loopback',
      start: async () => {
        started++;
        throw new Error('not in this test');
      },
    });
    const port = await http.listen(0);
    try {
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/playground/app.js');
      if (external) {
        const refused = await fetch(`http://${external}:${port}/playground/api/state`);
        expect(refused.status).toBe(403);
        expect(started).toBe(0);
      }
    } finally {
      await playground.close();
      await http.close();
    }
  });

  it('requests to the instance are signed as Slack signs them; commands are parsed as typed', () => {
    const headers = signedHeaders('secret', 'a=1', 1_700_000_000);
    expect(headers).toEqual(signSlackRequest('secret', 'a=1', 1_700_000_000));
    expect(parseCommandLine('  /Leave   sick ')).toEqual({ command: '/leave', text: 'sick' });
    expect(parseCommandLine('/banzhang help')).toEqual({ command: '/banzhang', text: 'help' });
    expect(parseCommandLine('leave sick')).toBeNull();
  });
});

describe('the demo clock', () => {
  it('runs on in real time from the instant it was last set', () => {
    let real = 1_000_000;
    const clock = settableClock(DateTime.fromISO('2026-11-23T09:00:00+08:00'), () => real);
    real += 90_000;
    expect(clock.now().toISO()).toBe('2026-11-23T01:01:30.000Z');
    clock.set(DateTime.fromISO('2026-11-27T16:30:00', { zone: 'Asia/Shanghai' }));
    expect(clock.now().toISO()).toBe('2026-11-27T08:30:00.000Z');
    real += 60_000;
    expect(clock.now().setZone('Asia/Shanghai').toFormat('ccc HH:mm')).toBe('Fri 16:31');
  });
});
