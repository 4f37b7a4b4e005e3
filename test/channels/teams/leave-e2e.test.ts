/**
 * The leave workflow on Teams end to end over HTTP: activities posted to
 * banzhang's real server with tokens signed as the Bot Framework signs them, a
 * fake Bot Connector (test/support/fake-teams.ts), the embedded database and
 * PostgreSQL. The scenarios of test/channels/slack/leave-e2e.test.ts where they apply.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams.yaml');
// Monday 2026-11-23, 09:00 in Shanghai: "tomorrow" is Tuesday 2026-11-24.
const CLOCK = '2026-11-23T09:00:00+08:00';

const AAD = {
  E001: '00000000-0000-0000-0000-000000000001',
  E002: '00000000-0000-0000-0000-000000000002',
  E100: '00000000-0000-0000-0000-000000000100',
  E200: '00000000-0000-0000-0000-000000000200',
  E300: '00000000-0000-0000-0000-000000000300',
  stranger: '00000000-0000-0000-0000-000000000999',
} as const;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall | undefined): Card => (call?.body.attachments as Array<{ content: Card }>)[0]!.content;

/** The form's inputs as Teams sends them with the Submit's data. */
const form = (v: { type: string; start: string; end?: string; part?: string; reason?: string; emergency?: boolean }) => ({
  form: 'leave',
  leaveType: v.type,
  leaveStart: v.start,
  leaveEnd: v.end ?? '',
  leavePart: v.part ?? 'full',
  leaveReason: v.reason ?? '',
  leaveEmergency: v.emergency ? 'yes' : 'no',
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`leave over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe('TRUNCATE leave_request, outbox_message, processed_delivery, conversation_reference, clock_event, lateness_explanation RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: { in: ['leave_request', 'clock_event', 'lateness_explanation'] } } });
      h.fake.reset();
    });

    /** The sends (new messages, not replies) that reached a conversation, once one matches. */
    const waitForSend = async (conversation: string, match: (text: string) => boolean) =>
      (await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === conversation && match(textOf(c.body)) }))[0]!;
    const fileLeave = async (aad: string, values: ReturnType<typeof form>) => {
      const answer = await h.invoke(aad, 'leave.submit', values);
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const lastReply = async (n: number) => (await h.fake.waitFor('reply', n))[n - 1]!;

    it('LEAVE-5: "leave sick" → form card → Submit (LEAVE-3: the proof follows, a card carries no file) → the dept head gets the card with cost and coverage → Approve → card updated in place, agent told, audited', async () => {
      expect((await h.say(AAD.E001, 'leave sick')).status).toBe(200);
      const reply = await lastReply(1);
      expect(reply.conversationId).toBe(dm(AAD.E001));
      const formCard = cardOf(reply);
      expect(validateCard(formCard)).toEqual([]);
      expect(formCard.body.find((e) => e.id === 'leaveType')!.value).toBe('sick');
      expect(formCard.body.find((e) => e.id === 'leaveStart')!.value).toBe('2026-11-23');
      expect(formCard.actions![0]).toMatchObject({ type: 'Action.Execute', verb: 'leave.submit' });

      const submitted = await fileLeave(AAD.E001, form({ type: 'sick', start: '2026-11-24' }));
      expect(submitted.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(textOf(submitted.value)).toContain('已提交：病假申请 #1（2026-11-24），已发给 部门负责人 审批');

      // The dept head never wrote to banzhang: the transport opens the 1:1 chat in the tenant, then sends.
      const card = await waitForSend(dm(AAD.E100), (t) => t.includes('Leave request #1'));
      const created = h.fake.calls('create')[0]!;
      expect(created.body).toMatchObject({ isGroup: false, members: [{ id: AAD.E100 }], tenantId: '99999999-8888-7777-6666-555555555555' });
      const approverCard = cardOf(card);
      expect(validateCard(approverCard)).toEqual([]);
      const cardText = textOf(approverCard);
      expect(cardText).toContain('sick leave');
      // LEAVE-8: 1200 yuan / 21.75 × 20% (under 2 years) = 11.03 yuan; the bonus is kept.
      expect(cardText).toContain('Deduction ¥11.03');
      expect(cardText).toContain('the full-attendance bonus is kept');
      expect(cardText).toContain('Medical proof to follow');
      expect(cardText).toContain('Nobody else in the team is off.');
      expect(cardText).toContain('morning: 3 of 3 on duty');
      expect(cardText).toContain('leave.approve');
      expect(textOf(await waitForSend(dm(AAD.E001), (t) => t.includes('#1')))).toContain('已提交给 部门负责人 审批');

      const approved = await h.invoke(AAD.E100, 'leave.approve', { requestId: 1, rejectReason: '' }, card.response.id as string);
      expect(approved.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(textOf(approved.body.value)).toContain('Approved by 部门负责人');
      expect(textOf(approved.body.value)).not.toContain('leave.approve');

      const update = (await h.fake.waitFor('update', 1))[0]!;
      expect(update.status).toBe(200);
      expect(update.conversationId).toBe(dm(AAD.E100));
      expect(update.activityId).toBe(card.response.id);
      const original = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'leave:1:card' } });
      expect(original).toMatchObject({ platform: 'teams', target: AAD.E100, platformId: card.response.id, platformChannel: dm(AAD.E100) });
      expect(textOf(update.body)).toContain('Approved by 部门负责人');
      expect(textOf(update.body)).not.toContain('leave.approve');
      expect(textOf(h.fake.activity(dm(AAD.E100), card.response.id as string))).toContain('Approved by 部门负责人');
      expect(textOf(await waitForSend(dm(AAD.E001), (t) => t.includes('批准')))).toContain('已被 部门负责人 批准');

      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'leave_request', entityId: '1' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['E001 leave.file', 'E100 leave.approve']);
      const stored = await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
      expect(stored).toMatchObject({ status: 'approved', decidedById: 'E100', source: 'teams', proof: 'follows' });
      const references = await h.db.prisma.conversationReference.findMany({ orderBy: { key: 'asc' } });
      expect(references.map((r) => `${r.key} ${r.kind} ${r.conversationId}`)).toEqual([
        `${AAD.E001} personal ${dm(AAD.E001)}`,
        `${AAD.E100} personal ${dm(AAD.E100)}`,
      ]);
    });

    it('LEAVE-5: a click by someone else is refused; 20 concurrent Approve clicks make one decision; a later click says who decided', async () => {
      await fileLeave(AAD.E001, form({ type: 'sick', start: '2026-11-24' }));
      await waitForSend(dm(AAD.E100), (t) => t.includes('#1'));
      const intruder = await h.invoke(AAD.E002, 'leave.approve', { requestId: 1 });
      expect(intruder.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
      expect(String(intruder.body.value)).toContain('Only the routed approver');
      expect((await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');

      const clicks = await Promise.all(Array.from({ length: 20 }, () => h.invoke(AAD.E100, 'leave.approve', { requestId: 1 })));
      expect(clicks.every((c) => c.status === 200)).toBe(true);
      const cards = clicks.filter((c) => c.body.type === 'application/vnd.microsoft.card.adaptive');
      expect(cards).toHaveLength(1);
      expect(clicks.filter((c) => String(c.body.value).includes('already approved by 部门负责人'))).toHaveLength(19);
      expect(await h.db.prisma.auditLog.count({ where: { entity: 'leave_request', action: 'leave.approve' } })).toBe(1);
      const later = await h.invoke(AAD.E100, 'leave.reject', { requestId: 1, rejectReason: 'too late' });
      expect(String(later.body.value)).toMatch(/This request was already approved by 部门负责人 at 2026-11-23 09:0\d\. Nothing changed\./);
      await h.fake.waitFor('update', 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.fake.calls('update')).toHaveLength(1);
    });

    it('LEAVE-4: a dept head\'s personal leave goes to the general manager; on approval HR is notified', async () => {
      await fileLeave(AAD.E100, form({ type: 'personal', start: '2026-11-25', reason: 'family matter' }));
      const card = await waitForSend(dm(AAD.E200), (t) => t.includes('#1'));
      // LEAVE-8: personal day = 3000 yuan / 21.75 = 137.93 yuan, and the bonus is lost.
      expect(textOf(card.body)).toContain('扣款 ¥137.93');
      expect(textOf(card.body)).toContain('取消当月全勤奖');
      await h.invoke(AAD.E200, 'leave.approve', { requestId: 1 }, card.response.id as string);
      expect(textOf((await waitForSend(dm(AAD.E300), () => true)).body)).toContain('备案：部门负责人 的事假');
    });

    it('LEAVE-2: a retroactive personal leave comes back in the form with the problem beside the date; marked as an emergency it is filed and flagged', async () => {
      const refused = await fileLeave(AAD.E001, form({ type: 'personal', start: '2026-11-20', reason: 'x' }));
      expect(refused.type).toBe('application/vnd.microsoft.card.adaptive');
      const again = refused.value as Card;
      expect(validateCard(again)).toEqual([]);
      const start = again.body.findIndex((e) => e.id === 'leaveStart');
      expect(again.body[start]!.value).toBe('2026-11-20');
      expect(again.body[start + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
      expect(String(again.body[start + 1]!.text)).toContain('事假须提前申请');
      expect(again.body.find((e) => e.id === 'leaveReason')!.value).toBe('x');
      expect(await h.db.prisma.leaveRequest.count()).toBe(0);

      const filed = await fileLeave(AAD.E001, form({ type: 'personal', start: '2026-11-20', reason: 'car accident', emergency: true }));
      expect(textOf(filed.value)).toContain('#1');
      expect(await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ emergency: true, flags: ['emergency-retroactive'] });
      expect(textOf((await waitForSend(dm(AAD.E100), (t) => t.includes('#1'))).body)).toContain('Emergency: filed after the leave started');
    });

    it('LEAVE-5: Reject needs a reason for the employee; with one, the card shows the decision and the employee is told why', async () => {
      await fileLeave(AAD.E001, form({ type: 'personal', start: '2026-11-24', reason: 'wedding' }));
      const card = await waitForSend(dm(AAD.E100), (t) => t.includes('#1'));
      const empty = await h.invoke(AAD.E100, 'leave.reject', { requestId: 1, rejectReason: '  ' }, card.response.id as string);
      expect(empty.body.value).toBe('Write a reason for the employee, then press Reject.');
      expect((await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');
      const rejected = await h.invoke(AAD.E100, 'leave.reject', { requestId: 1, rejectReason: 'short-staffed that day' }, card.response.id as string);
      expect(textOf(rejected.body.value)).toContain('Rejected by 部门负责人');
      const update = (await h.fake.waitFor('update', 1))[0]!;
      expect(textOf(update.body)).toContain('Rejected by 部门负责人');
      expect(textOf(update.body)).toContain('short-staffed that day');
      const told = await waitForSend(dm(AAD.E001), (t) => t.includes('驳回'));
      expect(textOf(told.body)).toContain('short-staffed that day');
      expect(await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'rejected', decisionNote: 'short-staffed that day', decidedById: 'E100' });
    });

    it('"leave list" shows my requests and, for the approver, those waiting; LEAVE-6: "leave return" without leave says so; a bad argument shows the usage', async () => {
      await fileLeave(AAD.E001, form({ type: 'sick', start: '2026-11-24' }));
      await h.say(AAD.E001, 'leave list');
      const mine = textOf((await lastReply(1)).body);
      expect(mine).toContain('我的假条：');
      expect(mine).toContain('#1 病假 2026-11-24 — 待审批');
      await h.say(AAD.E100, 'leave list');
      const waiting = textOf((await lastReply(2)).body);
      expect(waiting).toContain('Waiting for your decision:');
      expect(waiting).toContain('#1 sick leave 2026-11-24 — pending — 张三');
      await h.say(AAD.E001, 'leave return');
      expect(textOf((await lastReply(3)).body)).toContain('你没有需要销假的已批准假条。');
      await h.say(AAD.E001, 'leave holiday');
      expect(textOf((await lastReply(4)).body)).toContain('无法识别的参数“holiday”');
    });

    it('commands: help, an @mention in a channel, Slack\'s commands on Teams (a slash is read the same), an unknown word, someone not in the org', async () => {
      await h.say(AAD.E002, 'help');
      expect(textOf((await lastReply(1)).body)).toContain('leave [sick|personal|rest|meeting]');
      // In a channel the mention is stripped and the channel is remembered (as the channel, not the thread).
      expect((await h.sayInChannel(AAD.E002, '19:outbound-a@thread.tacv2', 'leave rest')).status).toBe(200);
      const inChannel = await lastReply(2);
      expect(inChannel.conversationId).toMatch(/^19:outbound-a@thread\.tacv2;messageid=/);
      expect(cardOf(inChannel).body.find((e) => e.id === 'leaveType')!.value).toBe('rest');
      expect(await h.db.prisma.conversationReference.findUniqueOrThrow({ where: { platform_key: { platform: 'teams', key: '19:outbound-a@thread.tacv2' } } })).toMatchObject({
        kind: 'channel',
        conversationId: '19:outbound-a@thread.tacv2',
      });
      // Slack's other commands are on Teams too (a Slack-style slash is read the same): their form cards.
      await h.say(AAD.E002, '/summary');
      expect(cardOf(await lastReply(3)).body.some((e) => e.id === 'summaryDate')).toBe(true);
      await h.say(AAD.E001, 'incident fire');
      expect((await lastReply(4)).body.attachments).toBeDefined();
      await h.say(AAD.E002, 'dance');
      expect(textOf((await lastReply(5)).body)).toContain('Unknown command \\"dance\\"');
      await h.say(AAD.stranger, 'leave sick');
      expect(textOf((await lastReply(6)).body)).toContain('You are not in the org');
      expect(await h.db.prisma.leaveRequest.count()).toBe(0);
    });

    it('installing the app stores the personal chat and says hello with the help; a redelivered message is answered once', async () => {
      expect((await h.install(AAD.E200)).status).toBe(200);
      const hello = await lastReply(1);
      expect(hello.conversationId).toBe(dm(AAD.E200));
      expect(textOf(hello.body)).toContain('班长 Teams 命令');
      expect(await h.db.prisma.conversationReference.count({ where: { key: AAD.E200 } })).toBe(1);

      const activity = h.activity(AAD.E002, { type: 'message', text: 'help' });
      for (let i = 0; i < 3; i++) expect((await h.post(activity)).status).toBe(200);
      await h.fake.waitFor('reply', 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.fake.calls('reply')).toHaveLength(2);
    });

    it('LATE-2, LATE-5: "clock in" at 09:00 is 60 minutes late; the explanation card (text box and Explain) is sent to the agent\'s chat', async () => {
      await h.say(AAD.E002, 'clock in');
      const answer = textOf((await lastReply(1)).body);
      expect(answer).toMatch(/Clocked in at 09:00:\d\d for the morning segment: 60 minute\(s\) late\./);
      expect(answer).toContain('you will be asked for an explanation (LATE-5)');
      const asked = await waitForSend(dm(AAD.E002), (t) => t.includes('LATE-5'));
      expect(textOf(asked.body)).toContain('"verb":"explanation.submit"');
      expect(await h.db.prisma.latenessExplanation.count({ where: { employeeId: 'E002', status: 'requested' } })).toBe(1);
      await h.say(AAD.E002, 'clock status');
      expect(textOf((await lastReply(2)).body)).toMatch(/• morning 08:00–12:00: in 09:00, out —/);
      const events = await h.db.prisma.clockEvent.findMany({ where: { employeeId: 'E002' } });
      expect(events.map((e) => `${e.direction} ${e.source}`)).toEqual(['in teams']);
    });

    it('an approver banzhang cannot reach on Teams: the card fails with teams_unreachable, the team leader is told once, never silently dropped', async () => {
      await h.install(AAD.E200); // the dept head's manager can be reached
      await h.fake.waitFor('reply', 1);
      h.fake.refuseConversationWith(AAD.E100);
      await fileLeave(AAD.E001, form({ type: 'sick', start: '2026-11-24' }));
      await fileLeave(AAD.E002, form({ type: 'sick', start: '2026-11-25' }));
      const told = await waitForSend(dm(AAD.E200), (t) => t.includes('班长暂时无法在 Teams 上联系 部门负责人'));
      expect(told.status).toBe(200);
      const failed = async (key: string) => {
        for (let i = 0; i < 200; i++) {
          const row = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
          if (row.status !== 'pending') return row;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`${key} still pending`);
      };
      for (const key of ['leave:1:card', 'leave:2:card']) {
        const row = await failed(key);
        expect(row.status).toBe('failed');
        expect(row.lastError).toContain('teams_unreachable');
        expect(row.lastError).toContain('http_403 Forbidden');
      }
      await new Promise((r) => setTimeout(r, 300));
      const reports = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'teams:unreachable:' } } });
      expect(reports.map((r) => `${r.dedupeKey} ${r.platform} ${r.target}`)).toEqual([`teams:unreachable:${AAD.E100}:to:E200 teams ${AAD.E200}`]);
      // The employees' own notices went out.
      await waitForSend(dm(AAD.E001), (t) => t.includes('#1'));
    });

    it('with MICROSOFT_APP_ID set, an activity without a valid token is refused 401 and nothing is stored; another tenant gets 403', async () => {
      const activity = () => h.activity(AAD.E001, { type: 'message', text: 'leave sick' });
      const { newSigningKey, FAKE_TEAMS } = await import('../../support/fake-teams.ts');
      const refusals = {
        none: '',
        notBearer: h.fake.authHeader().replace('Bearer', 'Basic'),
        otherKey: h.fake.authHeader({}, { key: newSigningKey() }),
        unknownKid: h.fake.authHeader({}, { kid: 'someone-elses-key' }),
        otherAudience: h.fake.authHeader({ aud: 'another-app' }),
        otherIssuer: h.fake.authHeader({ iss: 'https://evil.example.com' }),
        expired: h.fake.authHeader({ exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 4000 }),
        otherServiceUrl: h.fake.authHeader({ serviceurl: 'https://smba.trafficmanager.net/evil/' }),
        garbage: 'Bearer not.a.jwt',
      };
      for (const [why, authorization] of Object.entries(refusals)) {
        const res = await h.post(activity(), { authorization });
        expect(res.status, why).toBe(401);
      }
      const foreign = h.activity(AAD.E001, { type: 'message', text: 'leave sick', conversation: { conversationType: 'personal', tenantId: 'other-tenant', id: dm(AAD.E001) }, channelData: { tenant: { id: 'other-tenant' } } });
      expect((await h.post(foreign)).status).toBe(403);
      expect(await h.db.prisma.conversationReference.count()).toBe(0);
      expect(await h.db.prisma.processedDelivery.count()).toBe(0);
      expect(h.fake.calls()).toHaveLength(0);
      // The same activity with a good token goes through.
      expect((await h.post(activity())).status).toBe(200);
      expect(await h.db.prisma.conversationReference.count()).toBe(1);
      expect(FAKE_TEAMS.tenantId).toBe('99999999-8888-7777-6666-555555555555');
    });
  });
}
