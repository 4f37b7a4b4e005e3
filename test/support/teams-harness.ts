/**
 * A running banzhang (its real HTTP server, database and outbox sender) with
 * the Teams channel on, every Microsoft endpoint pointed at test/support/fake-teams.ts,
 * driven only over HTTP with activities posted to /api/messages as Teams posts
 * them (signed tokens, personal and channel conversations, card actions).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/app.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import type { Database } from '../../src/shared/db/database.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { loadSettings } from '../../src/shared/settings.ts';
import { createPostgresDatabase, type DbKind } from './databases.ts';
import { FAKE_TEAMS, personalConversationId, startFakeTeams, type FakeTeams } from './fake-teams.ts';

export const BOT_ID = `28:${FAKE_TEAMS.appId}`;
export const TEAM_ID = '19:team-general@thread.tacv2';

export interface TeamsHarness {
  app: App;
  db: Database;
  fake: FakeTeams;
  /** `http://127.0.0.1:PORT/api/messages` */
  url: string;
  /** POSTs an activity, signed unless `authorization` is given ('' sends none). */
  post(activity: Record<string, unknown>, options?: { authorization?: string }): Promise<Response>;
  /** A person types `text` to the bot in their personal chat. */
  say(aad: string, text: string, extra?: Record<string, unknown>): Promise<Response>;
  /** A person @mentions the bot in a team channel (a thread of `channelId`). */
  sayInChannel(aad: string, channelId: string, text: string): Promise<Response>;
  /** A person presses an Action.Execute button of a card in their personal chat; the answer is the invoke response. */
  invoke(aad: string, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<{ status: number; body: InvokeResponseBody }>;
  /** The same, on a card posted in a team channel (`channelId`). */
  invokeInChannel(aad: string, channelId: string, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<{ status: number; body: InvokeResponseBody }>;
  /** A person installs the app (personal scope): conversationUpdate with the bot added. */
  install(aad: string): Promise<Response>;
  /** The activity as Teams would post it (personal chat of `aad`), without posting. */
  activity(aad: string, fields: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

export interface InvokeResponseBody {
  statusCode: number;
  type: string;
  value: unknown;
}

const nameOf = (aad: string) => `User ${aad.slice(-4)}`;

export async function startTeamsHarness(kind: DbKind, options: { clock: string; orgFile: string; policy?: string; env?: Record<string, string> }): Promise<TeamsHarness> {
  const fake = await startFakeTeams();
  const cleanups: Array<() => Promise<void> | void> = [() => fake.close()];
  const env: Record<string, string> = {
    PORT: '0',
    MICROSOFT_APP_ID: FAKE_TEAMS.appId,
    MICROSOFT_APP_PASSWORD: FAKE_TEAMS.password,
    MICROSOFT_APP_TENANT_ID: FAKE_TEAMS.tenantId,
    BOTFRAMEWORK_OPENID_METADATA_URL: fake.openIdMetadataUrl,
    BOTFRAMEWORK_TOKEN_ISSUER: fake.issuer,
    BOTFRAMEWORK_LOGIN_URL: fake.loginUrl,
    BANZHANG_CLOCK: options.clock,
    BANZHANG_POLICY: options.policy ?? 'outbound-basic',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (kind === 'postgres') {
    const pg = await createPostgresDatabase('bz_teams');
    cleanups.push(() => pg.drop());
    env.DATABASE_URL = pg.url;
    const { openDatabase } = await import('../../src/shared/db/database.ts');
    const migrating = await openDatabase({ kind: 'postgres', url: pg.url });
    await migrating.migrate();
    await migrating.close();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-teams-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    env.BANZHANG_DATA_DIR = dir;
  }
  const app = await startApp(loadSettings(env), createLogger('warn'));
  cleanups.unshift(() => app.close());
  const db = await app.ready;
  await importOrg(db.prisma, readFileSync(options.orgFile, 'utf8'), { actor: 'test', file: options.orgFile });
  const url = `http://127.0.0.1:${app.port}/api/messages`;

  const base = (aad: string) => ({
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: fake.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${aad}`, name: nameOf(aad), aadObjectId: aad },
    conversation: { conversationType: 'personal', tenantId: FAKE_TEAMS.tenantId, id: personalConversationId(aad) },
    recipient: { id: BOT_ID, name: 'banzhang' },
    channelData: { tenant: { id: FAKE_TEAMS.tenantId } },
    locale: 'zh-CN',
  });

  const post: TeamsHarness['post'] = (activity, o = {}) => {
    const authorization = o.authorization ?? fake.authHeader();
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
  };

  return {
    app,
    db,
    fake,
    url,
    post,
    activity: (aad, fields) => ({ ...base(aad), ...fields }),
    say: (aad, text, extra = {}) => post({ ...base(aad), type: 'message', text, textFormat: 'plain', ...extra }),
    sayInChannel: (aad, channelId, text) =>
      post({
        ...base(aad),
        type: 'message',
        text: `<at>banzhang</at> ${text}`,
        conversation: { conversationType: 'channel', tenantId: FAKE_TEAMS.tenantId, id: `${channelId};messageid=${Date.now()}`, isGroup: true },
        channelData: { tenant: { id: FAKE_TEAMS.tenantId }, team: { id: TEAM_ID }, channel: { id: channelId } },
        entities: [{ type: 'mention', text: '<at>banzhang</at>', mentioned: { id: BOT_ID, name: 'banzhang' } }],
      }),
    async invoke(aad, verb, data, replyToId) {
      const res = await post({
        ...base(aad),
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(replyToId ? { replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
      return { status: res.status, body: (await res.json()) as InvokeResponseBody };
    },
    async invokeInChannel(aad, channelId, verb, data, replyToId) {
      const res = await post({
        ...base(aad),
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversation: { conversationType: 'channel', tenantId: FAKE_TEAMS.tenantId, id: replyToId ? `${channelId};messageid=${replyToId}` : channelId, isGroup: true },
        channelData: { tenant: { id: FAKE_TEAMS.tenantId }, team: { id: TEAM_ID }, channel: { id: channelId } },
        ...(replyToId ? { replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
      return { status: res.status, body: (await res.json()) as InvokeResponseBody };
    },
    install: (aad) =>
      post({ ...base(aad), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }], text: undefined }),
    async close() {
      for (const c of cleanups) await c();
    },
  };
}

/** Everything a card or message says, for `toContain` checks. */
export const textOf = (value: unknown) => JSON.stringify(value ?? {});
