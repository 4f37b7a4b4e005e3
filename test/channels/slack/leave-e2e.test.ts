/**
 * The leave workflow end to end over HTTP: signed Slack requests to banzhang's
 * real server, a fake Slack Web API, the embedded database and PostgreSQL.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { leaveValues, startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';
import { slashCommandBody } from '../../support/slack-signing.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
// Monday 2026-11-23, 09:00 in Shanghai: "tomorrow" is Tuesday 2026-11-24.
const CLOCK = '2026-11-23T09:00:00+08:00';

type Call = { method: string; body: Record<string, unknown> };
const textOf = (call: Call | undefined) => JSON.stringify(call?.body ?? {});
const dmsTo = (h: SlackHarness, channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`leave over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe('TRUNCATE leave_request, outbox_message, processed_delivery RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: 'leave_request' } });
      h.fake.reset();
    });

    const fileLeave = async (user: string, values: ReturnType<typeof leaveValues>) => {
      const res = await h.submitView(user, 'leave_request', values);
      expect(res.status).toBe(200);
      return res.text();
    };

    it('LEAVE-5: /leave sick for tomorrow → modal → card with cost and coverage to the dept head → Approve → card updated, agent told, audited', async () => {
      const command = await h.command('U0001', '/leave', 'sick');
      expect(command.status).toBe(200);
      const opened = await h.fake.waitFor('views.open', 1);
      const view = opened[0]!.body.view as { callback_id: string; blocks: Array<{ block_id: string; element: { initial_option?: { value: string } } }> };
      expect(view.callback_id).toBe('leave_request');
      expect(view.blocks.find((b) => b.block_id === 'leave_type')!.element.initial_option!.value).toBe('sick');

      expect(await fileLeave('U0001', leaveValues({ type: 'sick', start: '2026-11-24' }))).toBe('');
      const card = (await h.fake.waitFor('chat.postMessage', 2)).find((c) => c.body.channel === 'DU0100');
      expect(card, 'the dept head gets the card').toBeDefined();
      const cardText = textOf(card);
      expect(cardText).toContain('Leave request #1');
      expect(cardText).toContain('sick leave');
      // LEAVE-8: 1200 yuan / 21.75 × 20% (under 2 years) = 11.03 yuan; the bonus is kept.
      expect(cardText).toContain('Deduction ¥11.03');
      expect(cardText).toContain('the full-attendance bonus is kept');
      expect(cardText).toContain('Medical proof to follow');
      expect(cardText).toContain('Nobody else in the team is off.');
      expect(cardText).toContain('morning: 3 of 3 on duty');
      expect(cardText).toContain('leave_approve');
      expect(textOf(dmsTo(h, 'DU0001')[0])).toContain('已提交给 部门负责人 审批');

      expect((await h.click('U0100', 'leave_approve', '1')).status).toBe(200);
      const update = (await h.fake.waitFor('chat.update', 1))[0]!;
      expect(update.body.channel).toBe('DU0100');
      const original = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'leave:1:card' } });
      expect(update.body.ts).toBe(original.platformId);
      expect(textOf(update)).toContain('Approved by 部门负责人');
      expect(textOf(update)).not.toContain('leave_approve');
      await h.fake.waitFor('chat.postMessage', 3);
      expect(textOf(dmsTo(h, 'DU0001').at(-1))).toContain('已被 部门负责人 批准');
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'leave_request', entityId: '1' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['E001 leave.file', 'E100 leave.approve']);
    });

    it('LEAVE-4: a dept head\'s personal leave goes to the general manager; on approval HR is notified', async () => {
      await fileLeave('U0100', leaveValues({ type: 'personal', start: '2026-11-25', reason: 'family matter' }));
      const card = (await h.fake.waitFor('chat.postMessage', 2)).find((c) => c.body.channel === 'DU0200');
      expect(card).toBeDefined();
      // LEAVE-8: personal day = 3000 yuan / 21.75 = 137.93 yuan, and the bonus is lost.
      expect(textOf(card)).toContain('扣款 ¥137.93');
      expect(textOf(card)).toContain('取消当月全勤奖');
      await h.click('U0200', 'leave_approve', '1');
      await h.fake.waitFor('chat.postMessage', 4);
      expect(textOf(dmsTo(h, 'DU0300')[0])).toContain('备案：部门负责人 的事假');
    });

    it('LEAVE-4: when the approver is on leave that day, the request goes one level up and says why', async () => {
      await fileLeave('U0100', leaveValues({ type: 'personal', start: '2026-11-26', reason: 'trip' }));
      await h.fake.waitFor('chat.postMessage', 2);
      await h.click('U0200', 'leave_approve', '1');
      await h.fake.waitFor('chat.update', 1);
      // E100 (the agents' approver) is away on 2026-11-26: E002's request goes to E100's approver.
      await fileLeave('U0002', leaveValues({ type: 'personal', start: '2026-11-26', reason: 'dentist' }));
      const escalated = await waitForDm(h, 'DU0200', (text) => text.includes('#2'));
      expect(escalated).toContain('因 部门负责人 当日不在岗，转由您审批。');
      const stored = await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 2 } });
      expect(stored).toMatchObject({ approverId: 'E200', escalatedFromId: 'E100' });
    });

    it('LEAVE-5: 50 concurrent Approve clicks make exactly one decision; a click by someone else is refused', async () => {
      await fileLeave('U0001', leaveValues({ type: 'sick', start: '2026-11-24' }));
      await h.fake.waitFor('chat.postMessage', 2);
      const intruder = await h.click('U0002', 'leave_approve', '1');
      expect(intruder.status).toBe(200);
      const refused = (await h.fake.waitFor('chat.postEphemeral', 1))[0]!;
      expect(refused.body.user).toBe('U0002');
      expect(String(refused.body.text)).toContain('Only the routed approver');
      expect((await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');

      const clicks = await Promise.all(Array.from({ length: 50 }, () => h.click('U0100', 'leave_approve', '1')));
      expect(clicks.every((r) => r.status === 200)).toBe(true);
      const ephemerals = await h.fake.waitFor('chat.postEphemeral', 50);
      expect(ephemerals.slice(1).every((c) => String(c.body.text).includes('already approved by 部门负责人'))).toBe(true);
      const decisions = await h.db.prisma.auditLog.count({ where: { entity: 'leave_request', action: 'leave.approve' } });
      expect(decisions).toBe(1);
      await h.fake.waitFor('chat.update', 1);
      expect(h.fake.calls('chat.update')).toHaveLength(1);
    });

    it('the same slash command delivered three times (X-Slack-Retry-Num) opens one modal', async () => {
      const body = slashCommandBody({ command: '/leave', text: 'personal', user_id: 'U0001', trigger_id: 'retry-trigger-1' });
      for (const retryNum of [undefined, 1, 2]) expect((await h.post(body, retryNum === undefined ? {} : { retryNum })).status).toBe(200);
      await h.fake.waitFor('views.open', 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.fake.calls('views.open')).toHaveLength(1);
    });

    it('a bad signature or a timestamp older than 5 minutes is refused with 401, nothing stored', async () => {
      const body = slashCommandBody({ command: '/leave', text: 'sick', user_id: 'U0001', trigger_id: 'bad-sig' });
      expect((await h.post(body, { secret: 'wrong-secret' })).status).toBe(401);
      expect((await h.post(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
      expect(await h.db.prisma.processedDelivery.count()).toBe(0);
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });

    it('LEAVE-2: a retroactive personal leave is refused in the modal; marked as an emergency it is accepted and flagged', async () => {
      const refused = JSON.parse(await fileLeave('U0001', leaveValues({ type: 'personal', start: '2026-11-20', reason: 'x' }))) as { response_action: string; errors: Record<string, string> };
      expect(refused.response_action).toBe('errors');
      expect(Object.keys(refused.errors)).toContain('leave_start');
      expect(await h.db.prisma.leaveRequest.count()).toBe(0);
      expect(await fileLeave('U0001', leaveValues({ type: 'personal', start: '2026-11-20', reason: 'car accident', emergency: true }))).toBe('');
      expect(await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ emergency: true, flags: ['emergency-retroactive'] });
      const card = await waitForDm(h, 'DU0100', (t) => t.includes('#1'));
      expect(card).toContain('Emergency: filed after the leave started');
    });

    it('LEAVE-5: Reject asks the approver for a reason; the card shows the decision and the employee is told why', async () => {
      await fileLeave('U0001', leaveValues({ type: 'personal', start: '2026-11-24', reason: 'wedding' }));
      await h.fake.waitFor('chat.postMessage', 2);
      await h.click('U0100', 'leave_reject', '1');
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('leave_reject');
      const res = await h.submitView('U0100', 'leave_reject', { reject_reason: { value: { type: 'plain_text_input', value: 'short-staffed that day' } } }, { private_metadata: modal.private_metadata });
      expect(await res.text()).toBe('');
      const update = (await h.fake.waitFor('chat.update', 1))[0]!;
      expect(JSON.stringify(update.body)).toContain('Rejected by 部门负责人');
      const told = await waitForDm(h, 'DU0001', (t) => t.includes('驳回'));
      expect(told).toContain('short-staffed that day');
      expect(await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'rejected', decisionNote: 'short-staffed that day', decidedById: 'E100' });
    });

    it('/leave list shows my requests and, for the approver, those waiting; /leave return without leave says so', async () => {
      await fileLeave('U0001', leaveValues({ type: 'sick', start: '2026-11-24' }));
      const mine = await (await h.command('U0001', '/leave', 'list')).text();
      expect(mine).toContain('我的假条：');
      expect(mine).toContain('#1 病假 2026-11-24 — 待审批');
      const waiting = await (await h.command('U0100', '/leave', 'list')).text();
      expect(waiting).toContain('Waiting for your decision:');
      expect(waiting).toContain('#1 sick leave 2026-11-24 — pending — 张三');
      expect(await (await h.command('U0001', '/leave', 'return')).text()).toContain('你没有需要销假的已批准假条。');
      expect(await (await h.command('U0001', '/leave', 'holiday')).text()).toContain('无法识别的参数“holiday”');
    });

    it('someone not in the org gets an answer in both languages; nothing changes', async () => {
      const res = await h.command('U9999', '/leave', '');
      expect(await res.text()).toContain('You are not in the org');
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });
  });
}

async function waitForDm(h: SlackHarness, channel: string, match: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = h.fake.calls('chat.postMessage').find((c) => c.body.channel === channel && match(JSON.stringify(c.body)));
    if (found) return JSON.stringify(found.body);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no DM to ${channel} matched in time`);
}
