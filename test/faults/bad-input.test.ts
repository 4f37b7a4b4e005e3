/**
 * Bad input (issue 9): 1,000 generated malformed requests, every one with a
 * VALID Slack signature, against the real server on both databases. The
 * server must not crash, must not answer with a storm of 5xx, must stay
 * healthy (/healthz, a normal `/clock status`), and must store nothing
 * (every business table's row count unchanged; processed_delivery and the
 * scheduler's job_run excluded). Bodies over MAX_BODY_BYTES are refused with 413.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/http-server.ts';
import { DB_KINDS, postgresReachable } from '../support/databases.ts';
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { interactionBody, signSlackRequest, slashCommandBody } from '../support/slack-signing.ts';

const ORG = path.join(import.meta.dirname, '../fixtures/org-leave.yaml');
// Sunday 2026-11-22, 02:10 in Shanghai: no job with work to do is due.
const CLOCK = '2026-11-22T02:10:00+08:00';
const COUNT = 1000;
const CONCURRENCY = 32;

/** Deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const ORG_USERS = ['U0001', 'U0002', 'U0100', 'U0200', 'U0300', 'U0400', 'U0500'];
const KNOWN_ACTIONS = [
  'leave_approve', 'leave_reject', 'leave_return', 'lateness_explain', 'explanation_accept', 'explanation_reject', 'lateness_excuse',
  'training_check_in', 'training_plan_open', 'suggestion_forward', 'suggestion_return', 'suggestion_rate', 'suggestion_done',
  'report_mark_submitted', 'incident_acknowledge', 'incident_update', 'incident_resolve', 'incident_sick_leave', 'incident_excuse', 'incident_safe',
];
const KNOWN_VIEWS = [
  'leave_request', 'leave_reject', 'lateness_explanation', 'lateness_excuse', 'training_plan', 'training_exam', 'suggestion_form',
  'suggestion_return', 'suggestion_rate', 'incident_report', 'incident_update_modal', 'incident_resolve_modal', 'summary',
];
const COMMANDS = ['/leave', '/clock', '/summary', '/suggest', '/incident', '/banzhang'];
const MB = 900_000; // a "1 MB" string that, encoded, stays under the body limit

function junkString(r: Rng, max = 200): string {
  const alphabet = ['a', 'Z', '0', ' ', '%', '&', '=', '"', '\\', '{', '}', '[', ']', '\u0000', '\u202e', '班', '😀', '\n', '<', "'", ';'];
  return Array.from({ length: r.int(max) }, () => r.pick(alphabet)).join('');
}
function wrongValue(r: Rng): unknown {
  return r.pick<unknown>([null, 0, -1, 1e308, true, [], {}, [1, 2], { a: { b: {} } }, '', 'x'.repeat(r.int(50)), junkString(r), Number.NaN, '-1', '1e400', '99999999999999999999', '1; DROP TABLE leave_request']);
}
/** A user: usually in the org (so the handler really runs), sometimes not, sometimes not even a string. */
function user(r: Rng): unknown {
  return r.pick<unknown>([...ORG_USERS, ...ORG_USERS, 'U9999', { id: r.pick(ORG_USERS) }, 42, null]);
}
function trigger(r: Rng, i: number) {
  return r.int(5) === 0 ? wrongValue(r) : `bad-${i}`;
}

/** One malformed request: its body and a label of its kind. */
function generate(r: Rng, i: number): { kind: string; body: string; contentType?: string } {
  switch (r.int(10)) {
    case 0: // junk in `payload` (not JSON at all, or truncated JSON)
      return { kind: 'junk payload', body: new URLSearchParams({ payload: r.pick([junkString(r), '{"type":"block_actions",', '{{{', 'undefined', '']) }).toString() };
    case 1: // JSON of the wrong shape
      return { kind: 'wrong type payload', body: new URLSearchParams({ payload: JSON.stringify(wrongValue(r)) }).toString() };
    case 2: { // block_actions with missing or wrongly typed fields
      const p: Record<string, unknown> = { type: 'block_actions', trigger_id: trigger(r, i), user: { id: user(r) }, team: { id: 'T0' }, channel: { id: 'D1' }, container: { type: 'message', channel_id: 'D1' } };
      const action: Record<string, unknown> = { type: 'button', action_id: r.pick(KNOWN_ACTIONS), block_id: 'b', value: wrongValue(r), action_ts: '1' };
      for (const f of ['user', 'team', 'channel', 'container']) if (r.int(3) === 0) delete p[f];
      if (r.int(3) === 0) p.user = wrongValue(r);
      for (const f of ['action_id', 'value', 'block_id', 'type']) if (r.int(4) === 0) action[f] = wrongValue(r);
      p.actions = r.pick<unknown>([[action], [], action, wrongValue(r), [action, action], [null]]);
      return { kind: 'block_actions missing/wrong fields', body: interactionBody(p) };
    }
    case 3: { // 1 MB strings in a command, an action value or a view
      const big = 'x'.repeat(MB - r.int(1000));
      const which = r.int(3);
      if (which === 0) return { kind: '1 MB command text', body: slashCommandBody({ command: r.pick(COMMANDS), text: big, user_id: r.pick(ORG_USERS), trigger_id: `big-${i}` }) };
      if (which === 1)
        return { kind: '1 MB action value', body: interactionBody({ type: 'block_actions', trigger_id: `big-${i}`, user: { id: r.pick(ORG_USERS) }, team: { id: 'T0' }, actions: [{ type: 'button', action_id: r.pick(KNOWN_ACTIONS), block_id: 'b', value: big.slice(0, MB / 2), action_ts: '1' }] }) };
      return { kind: '1 MB view text', body: interactionBody({ type: 'view_submission', trigger_id: `big-${i}`, user: { id: r.pick(ORG_USERS) }, team: { id: 'T0' }, view: { id: 'V1', callback_id: r.pick(KNOWN_VIEWS), private_metadata: big.slice(0, MB / 2), state: { values: { leave_reason: { value: { type: 'plain_text_input', value: big.slice(0, MB / 3) } } } } } }) };
    }
    case 4: // unknown action ids
      return { kind: 'unknown action id', body: interactionBody({ type: 'block_actions', trigger_id: `t-${i}`, user: { id: r.pick(ORG_USERS) }, team: { id: 'T0' }, channel: { id: 'D1' }, actions: [{ type: 'button', action_id: `nope_${junkString(r, 20)}`, block_id: 'b', value: '1', action_ts: '1' }] }) };
    case 5: // unknown callback ids, and known ones with state that is not what the modal sends
      return {
        kind: r.int(2) ? 'unknown callback id' : 'known callback, junk state',
        body: interactionBody({
          type: 'view_submission',
          trigger_id: `t-${i}`,
          user: { id: r.pick(ORG_USERS) },
          team: { id: 'T0' },
          view: { id: `V${i}`, callback_id: r.int(2) ? `other_${junkString(r, 20)}` : r.pick(KNOWN_VIEWS), private_metadata: wrongValue(r), state: r.pick<unknown>([wrongValue(r), { values: wrongValue(r) }, { values: { leave_type: wrongValue(r), leave_start: { value: wrongValue(r) } } }]) },
        }),
      };
    case 6: // a view submission from another app and workspace, by a user banzhang does not know
      return {
        kind: 'view from another app',
        body: interactionBody({
          type: 'view_submission',
          api_app_id: 'A0OTHERAPP',
          team: { id: 'T0OTHER' },
          trigger_id: `t-${i}`,
          user: { id: `W${r.int(1e6)}`, team_id: 'T0OTHER' },
          view: { id: `V${i}`, app_id: 'A0OTHERAPP', team_id: 'T0OTHER', callback_id: r.pick([...KNOWN_VIEWS, 'their_modal']), private_metadata: '1', state: { values: { leave_type: { value: { type: 'static_select', selected_option: { value: 'personal' } } }, leave_start: { value: { type: 'datepicker', selected_date: '2026-11-30' } }, leave_reason: { value: { type: 'plain_text_input', value: 'x' } } } } },
        }),
      };
    case 7: { // commands with absurd text (never one a person would type to change something)
      const text = r.pick([junkString(r, 2000), '\u0000\u0000', 'in'.repeat(5000), 'out\u202e', '%%%', '-1', 'pay 9999-99', 'pay 2026-13', 'record 1e400', 'training attendance ' + junkString(r), 'help '.repeat(300), '<script>', '../../etc/passwd']);
      return { kind: 'absurd command text', body: slashCommandBody({ command: r.pick(COMMANDS), text, user_id: r.pick([...ORG_USERS, 'U9999']), trigger_id: `c-${i}` }) };
    }
    case 8: { // commands with missing or wrong fields
      const fields: Record<string, string> = { command: r.pick([...COMMANDS, '/unknown', '', '/']), text: junkString(r, 30), user_id: r.pick(['', 'U9999', ...ORG_USERS]), trigger_id: `m-${i}` };
      if (r.int(2)) delete fields.user_id;
      if (r.int(3) === 0) delete fields.command;
      return { kind: 'command missing fields', body: new URLSearchParams(fields).toString() };
    }
    default: // Events API JSON bodies of the wrong shape
      return { kind: 'junk event', contentType: 'application/json', body: r.pick([JSON.stringify(wrongValue(r)), '{"type":"event_callback","event":' + JSON.stringify(wrongValue(r)) + ',"event_id":"Ev' + i + '"}', '{"type":"event_callback"', junkString(r), '{"type":' + JSON.stringify(wrongValue(r)) + '}']) };
  }
}

/** POST with a valid signature (a raw http request, so any body and content type can be sent). */
function postRaw(url: string, body: string, contentType?: string): Promise<number> {
  const headers = signSlackRequest(SIGNING_SECRET, body, undefined, contentType);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    // No answer within 10 s counts as status 0 (Slack would give up after 3 s).
    req.setTimeout(10_000, () => {
      req.destroy();
      resolve(0);
    });
    req.end(body);
  });
}

/** Row counts of every table but processed_delivery (delivery keys) and job_run (the scheduler's own bookkeeping). */
async function rowCounts(h: SlackHarness): Promise<Record<string, number>> {
  const tables = await h.db.prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const counts: Record<string, number> = {};
  for (const { table_name: t } of tables) {
    if (t === 'processed_delivery' || t === 'job_run' || t.startsWith('_')) continue;
    const [row] = await h.db.prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS n FROM "${t}"`);
    counts[t] = Number(row!.n);
  }
  return counts;
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`bad input over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());

    it(`${COUNT} malformed, validly signed requests: no crash, no 5xx, the server stays healthy, nothing stored`, { timeout: 180_000 }, async () => {
      const before = await rowCounts(h);
      expect(before.employee, 'the org is loaded').toBeGreaterThan(0);
      const r = rng(20261122);
      const requests = Array.from({ length: COUNT }, (_, i) => generate(r, i));
      const statuses: Record<string, Record<number, number>> = {};
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < requests.length) {
            const req = requests[next++]!;
            const status = await postRaw(h.url, req.body, req.contentType);
            (statuses[req.kind] ??= {})[status] = ((statuses[req.kind] ??= {})[status] ?? 0) + 1;
          }
        }),
      );
      console.log(`[${kind}] status by kind of bad request:\n${Object.entries(statuses).map(([k, s]) => `  ${k}: ${JSON.stringify(s)}`).join('\n')}`);
      const all = Object.values(statuses).flatMap((s) => Object.entries(s));
      expect(all.reduce((n, [, c]) => n + c, 0)).toBe(COUNT);
      const fiveXX = all.filter(([status]) => Number(status) >= 500).reduce((n, [, c]) => n + c, 0);
      expect(fiveXX, 'no 5xx').toBe(0);
      expect(all.filter(([status]) => status === '0').length, 'every request answered').toBe(0);

      // Still healthy: /healthz, and a normal command is answered as usual.
      const base = h.url.replace('/slack/events', '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const status = await h.command('U0002', '/clock', 'status');
      expect(status.status).toBe(200);
      expect(await status.text()).toContain('Today 2026-11-22');
      // Let handlers that acked first finish their work, then count again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await rowCounts(h)).toEqual(before);
    });

    it(`a body over ${MAX_BODY_BYTES} bytes is refused with 413 before it is read, validly signed or not; nothing stored`, async () => {
      const before = await rowCounts(h);
      const big = slashCommandBody({ command: '/clock', text: `in ${'x'.repeat(MAX_BODY_BYTES)}`, user_id: 'U0002', trigger_id: 'too-big' });
      expect(await postRaw(h.url, big)).toBe(413);
      // Chunked (no Content-Length): the reader stops at the limit.
      const chunked = await new Promise<number>((resolve, reject) => {
        const headers = signSlackRequest(SIGNING_SECRET, big);
        const req = http.request(h.url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        for (let i = 0; i < big.length; i += 64 * 1024) req.write(big.slice(i, i + 64 * 1024));
        req.end();
      });
      expect(chunked).toBe(413);
      // Just under the limit is read (and verified) as usual.
      const under = slashCommandBody({ command: '/clock', text: 'status', user_id: 'U0002', trigger_id: 'just-under', padding: 'p'.repeat(MAX_BODY_BYTES - 2000) });
      expect(Buffer.byteLength(under)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      expect(await postRaw(h.url, under)).toBe(200);
      expect((await fetch(h.url.replace('/slack/events', '/healthz'))).status).toBe(200);
      expect(await rowCounts(h)).toEqual(before);
    });
  });
}
