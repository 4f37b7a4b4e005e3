/**
 * Secrets and privacy (issue 9): a day of traffic against a real `banzhang
 * serve` child process — clock in and status, a leave with a reason and its
 * approval, the summary command, a suggestion, an incident, a Teams request
 * without a valid token, malformed Slack bodies, and the server's own
 * scheduler running the day's jobs — at LOG_LEVEL=info and again at debug.
 * Its whole stdout+stderr must hold no bot token, signing secret, Teams app
 * password, leave reason, suggestion text or incident description.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startServe, waitForStatus, type Served } from '../support/process.ts';
import { interactionBody, postSigned, slashCommandBody } from '../support/slack-signing.ts';
import { leaveValues } from '../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../fixtures/org-leave.yaml');
// Monday 2026-11-23, 08:03 in Shanghai.
const CLOCK = '2026-11-23T08:03:00+08:00';

const SECRETS = {
  botToken: 'xoxb-privacy-0000-bot-token-7f3a9c',
  signingSecret: 'privacy-signing-secret-51d2e8b04a',
  teamsPassword: 'privacy-teams-app-password-c9e1',
};
const PRIVATE = {
  leaveReason: '家里老人住院需要陪护-PRIVATE-LEAVE',
  suggestionText: '建议把高峰时段的开场白改短-PRIVATE-SUGG',
  incidentText: '三楼配电箱冒烟-PRIVATE-INC',
};

const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

let served: Served | undefined;
let fake: FakeSlack | undefined;
let dir: string | undefined;
afterEach(async () => {
  await served?.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  served = fake = dir = undefined;
});

for (const level of ['info', 'debug'] as const) {
  describe(`logs at ${level}`, () => {
    it(`a day of traffic at LOG_LEVEL=${level}: no token, secret, password, leave reason, suggestion or incident text in stdout/stderr`, { timeout: 120_000 }, async () => {
      fake = await startFakeSlack();
      dir = mkdtempSync(path.join(tmpdir(), 'bz-privacy-'));
      served = await startServe({
        BANZHANG_DATA_DIR: dir,
        BANZHANG_ORG: ORG,
        BANZHANG_CLOCK: CLOCK,
        BANZHANG_POLICY: 'outbound-basic',
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_API_URL: fake.url,
        MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000abcd',
        MICROSOFT_APP_PASSWORD: SECRETS.teamsPassword,
        LOG_LEVEL: level,
      });
      await waitForStatus(`${served.url}/readyz`, 200);
      const events = `${served.url}/slack/events`;
      const post = (body: string) => postSigned(events, body, { secret: SECRETS.signingSecret });
      // A command is acked at once; its answer (if any: a form opens instead) reaches its response_url.
      const command = async (user: string, cmd: string, text: string) => {
        const id = `t-${cmd}-${text}-${user}-${Math.random()}`;
        const res = await post(slashCommandBody({ command: cmd, text, user_id: user, trigger_id: id, response_url: fake!.responseUrl(id) }));
        expect(res.status).toBe(200);
        const acked = await res.text();
        return acked || String((await fake!.waitForResponse(id, 5000))?.text ?? '');
      };
      let n = 0;
      const submit = async (user: string, callbackId: string, values: Record<string, unknown>) => {
        const res = await post(interactionBody({ type: 'view_submission', trigger_id: `v-${++n}`, user: { id: user }, team: { id: 'T0' }, view: { id: `V${n}`, callback_id: callbackId, hash: 'h', private_metadata: '', state: { values } } }));
        expect(res.status).toBe(200);
        return res.text();
      };
      const click = async (user: string, actionId: string, value: string) => {
        const res = await post(interactionBody({ type: 'block_actions', trigger_id: `c-${++n}`, user: { id: user }, team: { id: 'T0' }, channel: { id: `D${user}` }, container: { type: 'message', channel_id: `D${user}` }, actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }] }));
        expect(res.status).toBe(200);
      };

      // Clock in and status.
      expect(await command('U0002', '/clock', 'in')).toContain('Clocked in');
      expect(await command('U0002', '/clock', 'status')).toContain('Today 2026-11-23');
      // A personal leave with a reason, approved by the dept head.
      await command('U0001', '/leave', 'personal');
      expect(await submit('U0001', 'leave_request', leaveValues({ type: 'personal', start: '2026-11-25', reason: PRIVATE.leaveReason }))).toBe('');
      await fake.waitFor('chat.postMessage', 1, 15_000, { where: (c) => c.body.channel === 'DU0100' });
      await click('U0100', 'leave_approve', '1');
      await fake.waitFor('chat.update', 1, 15_000);
      // The summary form, a suggestion, an incident.
      await command('U0002', '/summary', '');
      expect(await submit('U0001', 'suggestion_form', { suggestion_title: input('开场白'), suggestion_current: input(PRIVATE.suggestionText), suggestion_proposal: input(PRIVATE.suggestionText), suggestion_remarks: input(null), suggestion_source: select('customer_feedback') })).toBe('');
      expect(
        await submit('U0001', 'incident_report', {
          incident_type: select('power-outage'),
          incident_occurred_date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
          incident_occurred_time: { value: { type: 'timepicker', selected_time: '08:00' } },
          incident_description: input(PRIVATE.incidentText),
          incident_actions: input(null),
          incident_subject: { value: { type: 'users_select', selected_user: null } },
          incident_recovery_date: { value: { type: 'datepicker', selected_date: null } },
          incident_recovery_time: { value: { type: 'timepicker', selected_time: null } },
        }),
      ).toBe('');
      await fake.waitFor('chat.postMessage', 1, 15_000, { where: (c) => c.body.channel === 'C0INC' });
      // Malformed bodies that carry the private text (their parse errors must not echo it), and Teams without a token.
      expect((await post(interactionBody({ type: 'view_submission', user: { id: 'U0001' }, view: { callback_id: 'leave_request', state: { values: { leave_reason: input(PRIVATE.leaveReason) } }, private_metadata: `{${PRIVATE.leaveReason}` } }).replace('%7D%7D', ''))).status).toBeLessThan(500);
      expect((await post(`payload={"reason":"${PRIVATE.leaveReason}`)).status).toBe(400);
      expect((await post(`payload=${encodeURIComponent(PRIVATE.leaveReason)}`)).status).toBe(400);
      expect((await post(`{${PRIVATE.suggestionText}`)).status).toBe(400);
      expect((await fetch(`${served.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.teamsPassword}` }, body: JSON.stringify({ type: 'message', text: PRIVATE.leaveReason }) })).status).toBeOneOf([400, 401]);
      // The scheduler's jobs of the day so far have run (catch-up since midnight) and the outbox has drained.
      await new Promise((r) => setTimeout(r, 1500));
      expect(fake.calls('chat.postMessage').some((c) => JSON.stringify(c.body).includes(PRIVATE.incidentText))).toBe(true);

      await served.stop();
      const logs = served.output();
      expect(logs.length).toBeGreaterThan(0);
      if (level === 'debug') expect(logs).toContain('"level":20');
      for (const [what, secret] of Object.entries({ ...SECRETS, ...PRIVATE })) expect(logs.includes(secret), `${what} in the ${level} logs`).toBe(false);
      // Not even in part (a parser's excerpt of a body, a token cut after its prefix, an encoded reason).
      for (const [what, text] of Object.entries(PRIVATE)) expect(logs.includes(text.slice(0, 4)), `the start of ${what} in the ${level} logs`).toBe(false);
      expect(logs).not.toContain(SECRETS.botToken.slice(0, 20));
      expect(logs).not.toContain(encodeURIComponent(PRIVATE.leaveReason).slice(0, 30));
    });
  });
}
