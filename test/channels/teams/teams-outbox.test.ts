/**
 * The outbox to Teams: messages enqueued as a use case enqueues them, drained
 * by the real sender through the real Teams transport (bot-auth.ts token
 * client, conversation-store.ts, teams-transport.ts) to the fake Bot Connector
 * over HTTP, on the embedded database and on PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { clientCredentialsToken } from '../../../src/channels/teams/bot-auth.ts';
import { conversationOf, conversationStore } from '../../../src/channels/teams/conversation-store.ts';
import { createTeamsTransport } from '../../../src/channels/teams/teams-transport.ts';
import { unreachableReporter } from '../../../src/channels/teams/unreachable.ts';
import { importOrg } from '../../../src/features/org/org-import.ts';
import type { PrismaClient } from '../../../src/shared/db/types.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { enqueue, type OutboxInput } from '../../../src/shared/outbox/outbox.ts';
import { createOutboxSender } from '../../../src/shared/outbox/sender.ts';
import { describeEachDatabase } from '../../support/databases.ts';
import { FAKE_TEAMS, personalConversationId as dm, startFakeTeams, type FakeTeams } from '../../support/fake-teams.ts';

const AGENT = '00000000-0000-0000-0000-000000000001';
const LEADER = '00000000-0000-0000-0000-000000000400';
const NEWCOMER = '00000000-0000-0000-0000-000000000003';
const CHANNEL = '19:outbound-a@thread.tacv2';

const ORG = `
center: { name: 外呼中心, timeZone: Asia/Shanghai }
teams:
  - { id: outbound-a, name: 外呼一组, channel: "${CHANNEL}" }
employees:
  - { id: E001, name: 张三, role: outbound_agent, team: outbound-a, manager: E400, hireDate: 2025-03-01, teams: ${AGENT} }
  - { id: E003, name: 王五, role: outbound_agent, team: outbound-a, manager: E400, hireDate: 2025-03-01, teams: ${NEWCOMER} }
  - { id: E400, name: 班长, role: team_leader, team: outbound-a, hireDate: 2019-05-01, locale: en, teams: ${LEADER} }
`;

let fake: FakeTeams;
beforeAll(async () => {
  fake = await startFakeTeams();
});
afterAll(() => fake.close());

let logLines: Array<Record<string, unknown> & { level: number; msg: string }> = [];
let rawLog = '';
const logger = createLogger('debug', {
  write(line: string) {
    rawLog += line;
    logLines.push(JSON.parse(line) as (typeof logLines)[number]);
  },
});

beforeEach(() => {
  fake.reset();
  logLines = [];
  rawLog = '';
});

/** A reference as an incoming activity leaves it (the person wrote to the bot, or the bot is in the channel). */
const personal = (aad: string) =>
  conversationOf({
    type: 'message',
    serviceUrl: fake.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${aad}`, name: aad, aadObjectId: aad },
    recipient: { id: `28:${FAKE_TEAMS.appId}`, name: 'banzhang' },
    conversation: { id: dm(aad), conversationType: 'personal', tenantId: FAKE_TEAMS.tenantId, isGroup: false, name: '' },
  })!;

describeEachDatabase('outbox to Teams', (current) => {
  const prisma = (): PrismaClient => current().db.prisma;
  const tokens = () => clientCredentialsToken({ appId: FAKE_TEAMS.appId, password: FAKE_TEAMS.password, loginUrl: fake.loginUrl, oauthScope: 'https://api.botframework.com' });
  const transport = (t = tokens()) =>
    createTeamsTransport({
      appId: FAKE_TEAMS.appId,
      tokens: t,
      store: conversationStore(prisma()),
      reportUnreachable: unreachableReporter({ prisma: prisma(), logger, slackEnabled: false }),
      logger,
    });
  const sender = (t = transport()) => createOutboxSender({ prisma: prisma(), transports: { teams: t }, logger, owner: 'teams-test', perTargetIntervalMs: 10, backoffBaseMs: 20 });
  const put = (messages: OutboxInput[]) => prisma().$transaction((tx) => enqueue(tx, messages));
  const row = (dedupeKey: string) => prisma().outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
  const dmTo = (target: string, key: string, payload: OutboxInput['payload'] = { text: `text of ${key}` }): OutboxInput => ({ platform: 'teams', kind: 'dm', target, dedupeKey: key, payload });

  beforeEach(async () => {
    await importOrg(prisma(), ORG, { actor: 'test', file: 'org.yaml' });
    await conversationStore(prisma()).save(personal(AGENT));
  });

  it('a dm goes to the stored personal chat with the app token; the card travels as an Adaptive Card attachment, the text as its summary', async () => {
    const issuedBefore = fake.tokensIssued;
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hello' }] };
    await put([dmTo(AGENT, 'a:1', { text: 'plain words' }), dmTo(AGENT, 'a:2', { text: 'card summary', card })]);
    await sender().idle();
    const sends = fake.calls('send');
    expect(sends.map((c) => c.conversationId)).toEqual([dm(AGENT), dm(AGENT)]);
    expect(sends[0]!.body).toMatchObject({ type: 'message', text: 'plain words', textFormat: 'plain' });
    expect(sends[1]!.body).toMatchObject({ type: 'message', summary: 'card summary', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    expect(sends.every((c) => c.status === 200 && c.token?.startsWith('fake-bot-token-'))).toBe(true);
    expect(fake.tokensIssued - issuedBefore).toBe(1);
    expect(await row('a:2')).toMatchObject({ status: 'sent', attempts: 0, platformId: sends[1]!.response.id, platformChannel: dm(AGENT) });
  });

  it('a 429 with Retry-After 1 is sent once after the wait, without counting as a failed attempt', async () => {
    fake.failNext('send', { status: 429, retryAfter: 1 });
    await put([dmTo(AGENT, 'b:1')]);
    const s = sender();
    const first = await s.drainOnce();
    expect(first).toEqual({ sent: 0, deferred: 1, failed: 0 });
    const waiting = await row('b:1');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting.lastError).toBe('send: http_429 Throttled');
    expect(waiting.notBefore.getTime() - Date.now()).toBeGreaterThan(500);
    expect(await s.drainOnce()).toEqual({ sent: 0, deferred: 0, failed: 0 });
    await s.idle();
    expect(await row('b:1')).toMatchObject({ status: 'sent', attempts: 0 });
    expect(fake.calls('send').map((c) => c.status)).toEqual([429, 200]);
    expect(logLines.some((l) => l.level === 40 && l.msg.includes('rate limited'))).toBe(true);
  });

  it('HTTP 502 twice then 200: sent once, the failed attempts recorded; a 401 fetches a new token and tries again', async () => {
    fake.failNext('send', { status: 502 }, 2);
    await put([dmTo(AGENT, 'c:1')]);
    await sender().idle();
    expect(await row('c:1')).toMatchObject({ status: 'sent', attempts: 2, lastError: 'send: http_502 ServiceError' });
    expect(fake.calls('send').map((c) => c.status)).toEqual([502, 502, 200]);

    fake.reset();
    fake.failNext('send', { status: 401, code: 'Unauthorized' });
    const t = tokens();
    await put([dmTo(AGENT, 'c:2')]);
    const issuedBefore = fake.tokensIssued;
    await sender(transport(t)).idle();
    expect(await row('c:2')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(fake.tokensIssued - issuedBefore).toBe(2);
    const [refused, accepted] = fake.calls('send');
    expect(refused!.token).not.toBe(accepted!.token);
  });

  it('an update replaces the activity the original stored (PUT), after the original was sent', async () => {
    await put([
      dmTo(AGENT, 'd:card', { text: 'v1', card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'pending' }] } }),
      { platform: 'teams', kind: 'update', target: AGENT, updateOf: 'd:card', dedupeKey: 'd:card:decided', payload: { text: 'v2', card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'decided' }] } } },
    ]);
    await sender().idle();
    const sent = fake.calls('send')[0]!;
    const update = fake.calls('update')[0]!;
    expect(update).toMatchObject({ method: 'PUT', conversationId: dm(AGENT), activityId: sent.response.id, status: 200 });
    expect(update.body).toMatchObject({ id: sent.response.id, attachments: [{ content: { body: [{ text: 'decided' }] } }] });
    expect(JSON.stringify(fake.activity(dm(AGENT), sent.response.id as string))).toContain('decided');
    expect(await row('d:card:decided')).toMatchObject({ status: 'sent', platformId: sent.response.id, platformChannel: dm(AGENT) });
  });

  it('a dm to someone without a stored chat opens a 1:1 chat in the tenant (POST /v3/conversations) and stores it; an ephemeral goes to that chat', async () => {
    await put([dmTo(NEWCOMER, 'e:1'), { platform: 'teams', kind: 'ephemeral', target: CHANNEL, user: NEWCOMER, dedupeKey: 'e:2', payload: { text: 'only for you' } }]);
    await sender().idle();
    expect(fake.calls('create')).toHaveLength(1);
    expect(fake.calls('create')[0]!.body).toMatchObject({ bot: { id: `28:${FAKE_TEAMS.appId}` }, isGroup: false, members: [{ id: NEWCOMER }], tenantId: FAKE_TEAMS.tenantId });
    expect(fake.calls('send').map((c) => `${c.conversationId} ${String(c.body.text)}`)).toEqual([`${dm(NEWCOMER)} text of e:1`, `${dm(NEWCOMER)} only for you`]);
    expect(await conversationStore(prisma()).byKey(NEWCOMER)).toMatchObject({ kind: 'personal', conversationId: dm(NEWCOMER), tenantId: FAKE_TEAMS.tenantId });
  });

  it('a person or channel banzhang cannot reach fails with teams_unreachable, is logged at warn, and the team leader is told once per target', async () => {
    await conversationStore(prisma()).save(personal(LEADER));
    fake.refuseConversationWith(NEWCOMER);
    await put([dmTo(NEWCOMER, 'f:1'), dmTo(NEWCOMER, 'f:2'), { platform: 'teams', kind: 'post', target: CHANNEL, dedupeKey: 'f:3', payload: { text: 'to the channel' } }]);
    await sender().idle();
    for (const key of ['f:1', 'f:2']) expect(await row(key)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'teams_unreachable: create_conversation: http_403 Forbidden' });
    expect(await row('f:3')).toMatchObject({ status: 'failed', lastError: 'teams_unreachable: no_conversation: banzhang is not installed in the team of this channel' });
    const toLeader = fake.calls('send').filter((c) => c.conversationId === dm(LEADER)).map((c) => String(c.body.text));
    expect(toLeader.sort()).toEqual([
      'banzhang cannot post to the Teams channel of 外呼一组 yet: add the banzhang app to that team; until then its posts are not delivered.',
      'banzhang cannot reach 王五 on Teams yet: the banzhang app is not installed for them. Ask them to install it (or to send banzhang a message); until then the messages for them are not delivered.',
    ]);
    const warnings = logLines.filter((l) => l.level === 40 && l.msg.startsWith('teams: target unreachable'));
    expect(warnings.map((w) => `${String(w.kind)} ${String(w.target)}`).sort()).toEqual([`channel ${CHANNEL}`, `person ${NEWCOMER}`, `person ${NEWCOMER}`]);
    expect(rawLog).not.toContain('text of f:1');
    expect(rawLog).not.toContain('fake-bot-token-');

    // Once the channel is stored (banzhang was added to the team), posts go out.
    await conversationStore(prisma()).save({ key: CHANNEL, kind: 'channel', conversationId: CHANNEL, serviceUrl: fake.serviceUrl, tenantId: FAKE_TEAMS.tenantId, reference: { conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '' } } });
    await put([{ platform: 'teams', kind: 'post', target: CHANNEL, dedupeKey: 'f:4', payload: { text: 'to the channel' } }]);
    await sender().idle();
    expect(await row('f:4')).toMatchObject({ status: 'sent', platformChannel: CHANNEL });
  });

  it('with Slack on, a team leader who has a Slack id is told there (once, whatever the number of failures)', async () => {
    await importOrg(prisma(), ORG.replace(`teams: ${LEADER}`, `teams: ${LEADER}, slack: U0400`), { actor: 'test', file: 'org.yaml' });
    fake.refuseConversationWith(NEWCOMER);
    const report = unreachableReporter({ prisma: prisma(), logger, slackEnabled: true });
    await report({ kind: 'person', target: NEWCOMER, reason: 'not_installed' });
    await report({ kind: 'person', target: NEWCOMER, reason: 'not_installed' });
    const told = await prisma().outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'teams:unreachable:' } } });
    expect(told.map((r) => `${r.platform} ${r.kind} ${r.target}`)).toEqual(['slack dm U0400']);
    expect((told[0]!.payload as { text: string }).text).toContain('banzhang cannot reach 王五 on Teams yet');
  });

  it('wrong app credentials fail the message at once (the token endpoint refuses them), without retries', async () => {
    const wrong = clientCredentialsToken({ appId: FAKE_TEAMS.appId, password: 'not-the-secret', loginUrl: fake.loginUrl, oauthScope: 'https://api.botframework.com' });
    await put([dmTo(AGENT, 'g:1')]);
    await sender(transport(wrong)).idle();
    expect(await row('g:1')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'send: teams_auth (token endpoint answered HTTP 401 invalid_client)' });
    expect(fake.calls()).toHaveLength(0);
    expect(rawLog).not.toContain('not-the-secret');
  });
});
