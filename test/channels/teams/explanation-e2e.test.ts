/**
 * LATE-5 explanations and LATE-7 excuses on Teams end to end over HTTP, on both
 * databases (the scenarios of test/channels/slack/explanation-e2e.test.ts):
 * 35 minutes late → the explanation card → explained → the routed approver's
 * card → decided once, in place, the employee told; a manager excuses a
 * lateness from the tally's Excuse with a reason.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamsTally } from '../../../src/channels/teams/cards/tally-cards.ts';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { latenessReport } from '../../../src/features/lateness/lateness-report.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams.yaml');
// Monday 2026-11-23, 08:35 in Shanghai: the morning segment began at 08:00.
const CLOCK = '2026-11-23T08:35:00+08:00';
const aad = (n: string) => `00000000-0000-0000-0000-000000000${n.padStart(3, '0')}`;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall | undefined): Card => (call?.body.attachments as Array<{ content: Card }>)[0]!.content;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`LATE-5 and LATE-7 over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe('TRUNCATE clock_event, lateness_explanation, lateness_excuse, outbox_message, processed_delivery RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({});
      h.fake.reset();
    });

    const sends = (conversation: string, match: string) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && textOf(c.body).includes(match));
    const sent = async (conversation: string, match: string) => {
      await expect.poll(() => sends(conversation, match).length, { timeout: 15_000 }).toBeGreaterThan(0);
      return sends(conversation, match)[0]!;
    };

    it('LATE-5: 35 minutes late → the explanation card; explained → the routed approver\'s card; only they decide, once, in place; the employee is told; the report shows absenteeism', async () => {
      await h.say(aad('2'), 'clock in');
      await expect.poll(() => textOf(h.fake.calls('reply')[0]?.body), { timeout: 10_000 }).toContain('35 minute(s) late');
      expect(textOf(h.fake.calls('reply')[0]!.body)).toContain('you will be asked for an explanation');
      const explanation = await h.db.prisma.latenessExplanation.findFirstOrThrow({ where: { employeeId: 'E002' } });
      expect(explanation).toMatchObject({ status: 'requested', approverId: 'E100', minutes: 35, kind: 'late', segment: 'morning' });

      const ask = await sent(dm(aad('2')), '35 minute(s) late for the morning segment on 2026-11-23');
      const askCard = cardOf(ask);
      expect(validateCard(askCard)).toEqual([]);
      expect(askCard.body.some((e) => e.type === 'Input.Text' && e.id === 'explanationText')).toBe(true);
      expect(askCard.actions![0]).toMatchObject({ type: 'Action.Execute', verb: 'explanation.submit', data: { explanationId: explanation.id } });

      // An empty box changes nothing; someone else cannot explain it; the employee's explanation goes to the approver.
      const empty = await h.invoke(aad('2'), 'explanation.submit', { explanationId: explanation.id, explanationText: '  ' });
      expect(empty.body.value).toBe('Please write what happened.');
      const other = await h.invoke(aad('1'), 'explanation.submit', { explanationId: explanation.id, explanationText: '替他说明' });
      expect(String(other.body.value)).toContain(`#${explanation.id}`);
      expect((await h.db.prisma.latenessExplanation.findUniqueOrThrow({ where: { id: explanation.id } })).status).toBe('requested');
      const given = await h.invoke(aad('2'), 'explanation.submit', { explanationId: explanation.id, explanationText: 'the bus broke down' }, ask.response.id as string);
      expect(textOf(given.body.value)).toContain('Explanation: the bus broke down');
      expect(textOf(given.body.value)).not.toContain('explanation.submit');

      const card = await sent(dm(aad('100')), 'Explanation: the bus broke down');
      expect(validateCard(cardOf(card))).toEqual([]);
      expect(cardOf(card).actions!.map((a) => `${String(a.verb)} ${JSON.stringify(a.data)}`)).toEqual([
        `explanation.accept {"explanationId":${explanation.id}}`,
        `explanation.reject {"explanationId":${explanation.id}}`,
      ]);

      // LATE-5: only the routed approver decides; then once.
      const intruder = await h.invoke(aad('400'), 'explanation.reject', { explanationId: explanation.id });
      expect(intruder.body.value).toBe('只有指定的审批人可以处理此情况说明，未做任何更改。');
      const rejected = await h.invoke(aad('100'), 'explanation.reject', { explanationId: explanation.id }, card.response.id as string);
      expect(textOf(rejected.body.value)).toContain('Rejected by 部门负责人');
      expect(cardOf({ body: { attachments: [{ content: rejected.body.value }] } } as never).actions).toBeUndefined();
      const update = (await h.fake.waitFor('update', 1))[0]!;
      expect([update.conversationId, update.activityId]).toEqual([dm(aad('100')), card.response.id]);
      expect(textOf(update.body)).toContain('Rejected by 部门负责人');
      const again = await h.invoke(aad('100'), 'explanation.accept', { explanationId: explanation.id });
      expect(String(again.body.value)).toMatch(/already decided by 部门负责人/);
      expect(textOf((await sent(dm(aad('2')), 'your explanation was rejected by 部门负责人')).body)).toContain('counts as absence without leave');

      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'lateness_explanation' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['system explanation.request', 'E002 explanation.submit', 'E100 explanation.reject']);
      const report = await latenessReport({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, '2026-11');
      const e002 = report.find((r) => r.person.id === 'E002')!;
      expect(e002.month.absenteeismDates).toContain('2026-11-23');
      // LATE-5: one day's base pay, 1200 yuan / 21.75 = 55.17 yuan, instead of 35 minutes.
      expect(e002.month.lines.filter((l) => l.ruleId === 'LATE-5').map((l) => `${l.date} ${l.amountFen}`)).toEqual(['2026-11-23 5517']);
    });

    it('LATE-7: the tally\'s Excuse opens the form for the manager; a reason is needed; an agent may not excuse; the team leader\'s excuse is stored, audited and the lateness costs nothing', async () => {
      await h.say(aad('1'), 'clock in');
      await expect.poll(() => h.fake.calls('reply').length, { timeout: 10_000 }).toBe(1);
      const report = async () => (await latenessReport({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, '2026-11')).find((r) => r.person.id === 'E001')!;
      expect((await report()).month.excused).toEqual([]);

      // The tally card carries the button of each person with something to excuse (the form's target in its data).
      const tally = teamsTally({ teamId: 'outbound-a', teamName: '外呼一组', channel: '19:outbound-a@thread.tacv2', date: '2026-11-23', allowanceMinutes: 10, lines: [
        { employeeId: 'E001', name: '张三', late: [], early: [], absent: false, excused: [], pending: [{ segment: 'morning', kind: 'late', minutes: 35 }], monthLateMinutes: 0 },
      ] });
      expect(textOf(tally.card)).toContain('"verb":"lateness.excuseForm","data":{"employeeId":"E001","date":"2026-11-23"}');

      const form = await h.invoke(aad('400'), 'lateness.excuseForm', { employeeId: 'E001', date: '2026-11-23' });
      expect(validateCard(form.body.value)).toEqual([]);
      expect(textOf(form.body.value)).toContain('为 张三 在 2026-11-23 的迟到/早退免责');
      const noReason = await h.invoke(aad('400'), 'lateness.excuse', { employeeId: 'E001', date: '2026-11-23', excuseReason: ' ' });
      expect(textOf(noReason.body.value)).toContain('免责须说明原因。');
      const agent = await h.invoke(aad('2'), 'lateness.excuse', { employeeId: 'E001', date: '2026-11-23', excuseReason: '系统故障' });
      expect(agent.body.value).toBe('Only a manager of this employee can excuse it. Nothing changed.');
      expect(await h.db.prisma.latenessExcuse.count()).toBe(0);

      const done = await h.invoke(aad('400'), 'lateness.excuse', { employeeId: 'E001', date: '2026-11-23', excuseReason: '外呼系统登录故障' });
      expect(textOf(done.body.value)).toContain('已为 张三 在 2026-11-23 免责：外呼系统登录故障');
      const excuse = await h.db.prisma.latenessExcuse.findFirstOrThrow();
      expect([excuse.employeeId, excuse.excusedById, excuse.reason]).toEqual(['E001', 'E400', '外呼系统登录故障']);
      const audit = await h.db.prisma.auditLog.findMany({ where: { action: 'lateness.excuse' } });
      expect(audit.map((a) => a.actor)).toEqual(['E400']);
      const after = await report();
      expect(after.month.excused.map((e) => `${e.date} ${e.reason}`)).toEqual(['2026-11-23 外呼系统登录故障']);
      expect(after.month.lines.filter((l) => l.date === '2026-11-23')).toEqual([]);
    });
  });
}
