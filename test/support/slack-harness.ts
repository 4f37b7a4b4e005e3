/**
 * A running banzhang (its real HTTP server, database and outbox sender) wired to
 * a fake Slack Web API, driven only over HTTP with requests signed as Slack signs them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/app.ts';
import { slackRequestsSettled } from '../../src/channels/slack/slack-channel.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { loadSettings } from '../../src/shared/settings.ts';
import type { Database } from '../../src/shared/db/database.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { createPostgresDatabase, type DbKind } from './databases.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { interactionBody, postSigned, slashCommandBody } from './slack-signing.ts';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackHarness {
  app: App;
  db: Database;
  fake: FakeSlack;
  url: string;
  /** The environment a CLI child process needs to reach the same database (PostgreSQL only) and clock. */
  cliEnv: Record<string, string>;
  /** POSTs a signed body to /slack/events. */
  post(body: string, options?: { retryNum?: number; timestamp?: number; secret?: string; contentType?: string }): Promise<Response>;
  command(user: string, command: string, text: string, triggerId?: string): Promise<Response>;
  submitView(user: string, callbackId: string, values: Record<string, Record<string, unknown>>, extra?: Record<string, unknown>): Promise<Response>;
  click(user: string, actionId: string, value: string, channel?: string): Promise<Response>;
  close(): Promise<void>;
}

let triggers = 0;
let responseUrls = 0;
const nextTrigger = () => `trigger-${process.pid}-${++triggers}`;

/**
 * Slash commands and clicks are acknowledged at once and answered afterwards
 * (a command on its response_url): resolves once the request with this
 * trigger id is done (or after `timeoutMs`, for one the app never handles).
 */
function settled(triggerId: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const done = (id: unknown) => {
      if (id !== triggerId) return;
      clearTimeout(timer);
      slackRequestsSettled.off('settled', done);
      resolve();
    };
    const timer = setTimeout(() => {
      slackRequestsSettled.off('settled', done);
      resolve();
    }, timeoutMs);
    slackRequestsSettled.on('settled', done);
  });
}

/**
 * The answer a test reads from a command: the ack's body, or when that is
 * empty what the command posted last to its response_url (as the ack would
 * have carried it: a plain text answer as text, anything else as JSON).
 */
async function commandAnswer(fake: FakeSlack, responseId: string, res: Response, done: Promise<void>): Promise<Response> {
  const acked = await res.text();
  await done;
  // The last one: a slow answer replaces the "try again" sent at the deadline (replace_original).
  const { replace_original: _replaced, ...posted } = fake.responses(responseId).at(-1)?.body ?? {};
  const text = acked !== '' || Object.keys(posted).length === 0 ? acked : Object.keys(posted).length === 1 && typeof posted.text === 'string' ? posted.text : JSON.stringify(posted);
  return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
}

export async function startSlackHarness(kind: DbKind, options: { clock: string; orgFile: string; policy?: string }): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const cleanups: Array<() => Promise<void> | void> = [() => fake.close()];
  const env: Record<string, string> = {
    PORT: '0',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.url,
    BANZHANG_CLOCK: options.clock,
    BANZHANG_POLICY: options.policy ?? 'outbound-basic',
    LOG_LEVEL: 'warn',
  };
  if (kind === 'postgres') {
    const pg = await createPostgresDatabase('bz_slack');
    cleanups.push(() => pg.drop());
    env.DATABASE_URL = pg.url;
    const { openDatabase } = await import('../../src/shared/db/database.ts');
    const migrating = await openDatabase({ kind: 'postgres', url: pg.url });
    await migrating.migrate();
    await migrating.close();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-slack-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    env.BANZHANG_DATA_DIR = dir;
  }
  const app = await startApp(loadSettings(env), createLogger('warn'));
  cleanups.unshift(() => app.close());
  const db = await app.ready;
  await importOrg(db.prisma, readFileSync(options.orgFile, 'utf8'), { actor: 'test', file: options.orgFile });
  const url = `http://127.0.0.1:${app.port}/slack/events`;

  const post: SlackHarness['post'] = (body, o = {}) =>
    postSigned(url, body, { secret: o.secret ?? SIGNING_SECRET, ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}), ...(o.retryNum !== undefined ? { retryNum: o.retryNum } : {}) });

  return {
    app,
    db,
    fake,
    url,
    cliEnv: { ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}), BANZHANG_CLOCK: options.clock, BANZHANG_POLICY: env.BANZHANG_POLICY! },
    post,
    async command(user, command, text, triggerId = nextTrigger()) {
      const responseId = `${triggerId}:${++responseUrls}`;
      const done = settled(triggerId);
      const res = await post(slashCommandBody({ command, text, user_id: user, trigger_id: triggerId, response_url: fake.responseUrl(responseId) }));
      return commandAnswer(fake, responseId, res, done);
    },
    submitView: (user, callbackId, values, extra = {}) =>
      post(
        interactionBody({
          type: 'view_submission',
          trigger_id: nextTrigger(),
          user: { id: user },
          team: { id: 'T0' },
          view: { id: `V${triggers}`, callback_id: callbackId, hash: `h${triggers}`, private_metadata: '', state: { values }, ...extra },
        }),
      ),
    async click(user, actionId, value, channel = `D${user}`) {
      const triggerId = nextTrigger();
      const done = settled(triggerId);
      const res = await post(
        interactionBody({
          type: 'block_actions',
          trigger_id: triggerId,
          user: { id: user },
          team: { id: 'T0' },
          channel: { id: channel },
          container: { type: 'message', channel_id: channel },
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: String(Date.now() / 1000) }],
        }),
      );
      await done;
      return res;
    },
    async close() {
      for (const c of cleanups) await c();
    },
  };
}

/** State values of the leave modal as Slack sends them on submission. */
export function leaveValues(v: { type: string; start: string; end?: string; part?: string; reason?: string; emergency?: boolean; files?: string[] }) {
  return {
    leave_type: { value: { type: 'static_select', selected_option: { value: v.type } } },
    leave_start: { value: { type: 'datepicker', selected_date: v.start } },
    leave_end: { value: { type: 'datepicker', selected_date: v.end ?? null } },
    leave_part: { value: { type: 'radio_buttons', selected_option: { value: v.part ?? 'full' } } },
    leave_reason: { value: { type: 'plain_text_input', value: v.reason ?? null } },
    leave_emergency: { value: { type: 'checkboxes', selected_options: v.emergency ? [{ value: 'yes' }] : [] } },
    leave_proof: { value: { type: 'file_input', files: (v.files ?? []).map((id) => ({ id })) } },
  };
}
