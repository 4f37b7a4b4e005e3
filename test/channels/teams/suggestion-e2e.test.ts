/**
 * Suggestions over Teams end to end (SUGG-1..3; the scenarios of
 * test/channels/slack/suggestion-e2e.test.ts): activities posted to the real
 * server as Teams posts them, the fake Bot Connector, both databases. The form
 * card, the team leader's card (Forward / Return), the center manager's card
 * (Rate, its form in place of the card), the owner's card (Mark done), each
 * updated in place by the outbox after the decision (the stored activity id);
 * only the routed person decides, others are told why and nothing changes; the
 * submitter is told at each step.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { createScheduler, jobsFor, type Scheduler } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams.yaml');
// Monday 2026-11-23, 10:00 in Shanghai.
const CLOCK = '2026-11-23T10:00:00+08:00';
const AAD = (n: string) => `00000000-0000-0000-0000-000000000${n}`;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall | undefined): Card => (call?.body.attachments as Array<{ content: Card }>)[0]!.content;
const verbsOf = (card: Card) => (card.actions ?? []).map((a) => a.verb);

const form = (v: { title: string; current: string; proposal: string; remarks?: string; source: string }) => ({
  suggestionTitle: v.title,
  suggestionCurrentPractice: v.current,
  suggestionProposal: v.proposal,
  suggestionRemarks: v.remarks ?? '',
  suggestionSource: v.source,
});
const rating = (v: { grade: string; adopted: 'yes' | 'no'; owner?: string; deadline?: string; comment?: string }) => ({
  suggestionGrade: v.grade,
  suggestionAdopted: v.adopted,
  suggestionOwner: v.owner ?? '',
  suggestionDeadline: v.deadline ?? '',
  suggestionComment: v.comment ?? '',
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`suggestions over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    let scheduler: Scheduler;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
      scheduler = createScheduler({ prisma: h.db.prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test' });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await expect.poll(() => h.db.prisma.outboxMessage.count({ where: { status: { notIn: ['sent', 'failed'] } } }), { timeout: 15_000 }).toBe(0);
      await h.db.prisma.$executeRawUnsafe('TRUNCATE suggestion, outbox_message, processed_delivery RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: 'suggestion' } });
      await h.db.prisma.jobRun.deleteMany({ where: { name: { startsWith: 'suggestion-' } } });
      h.fake.reset();
    });

    /** The new messages (not replies) sent to a person's chat. */
    const sendsTo = (aad: string) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === dm(aad));
    const waitForSend = async (aad: string, match: (text: string) => boolean) =>
      (await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === dm(aad) && match(textOf(c.body)) }))[0]!;
    const press = async (aad: string, verb: string, data: Record<string, unknown>) => {
      const answer = await h.invoke(aad, verb, data);
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const updateOf = async (key: string, n: number) => {
      const original = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
      const update = (await h.fake.waitFor('update', n))[n - 1]!;
      expect(update.activityId).toBe(original.platformId);
      expect(update.conversationId).toBe(original.platformChannel);
      return update;
    };
    const status = async () => (await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).status;

    it('SUGG-1, SUGG-2: a suggestion through every step to done on Teams; cards updated in place; intruders refused; the submitter told at each step', async () => {
      // SUGG-1: "suggest" answers with the form, filled from the org.
      await h.say(AAD('001'), 'suggest');
      const formCard = cardOf((await h.fake.waitFor('reply', 1))[0]);
      expect(validateCard(formCard)).toEqual([]);
      expect(textOf(formCard)).toContain('2026-11-23 · 外呼一组 · 张三 · 外呼员');
      expect(textOf(formCard)).toContain('合理化建议提案表');
      expect(verbsOf(formCard)).toEqual(['suggestion.submit']);

      // A form with nothing in it comes back with the problems beside the fields; nothing stored.
      const empty = await press(AAD('001'), 'suggestion.submit', form({ title: ' ', current: '', proposal: '', source: '' }));
      expect(empty.type).toBe(ADAPTIVE);
      expect(validateCard(empty.value)).toEqual([]);
      expect(textOf(empty.value)).toContain('未保存，请修改：');
      expect(await h.db.prisma.suggestion.count()).toBe(0);

      const filed = await press(AAD('001'), 'suggestion.submit', form({ title: '缩短开场白', current: '开场白约 40 秒，客户常中途挂断', proposal: '开场白压缩到 15 秒以内', source: 'customer_feedback' }));
      expect(textOf(filed.value)).toContain('你的合理化建议 #1「缩短开场白」已提交给 班长 审核。');
      const review = await waitForSend(AAD('400'), (t) => t.includes('suggestion.forward'));
      const reviewCard = cardOf(review);
      expect(validateCard(reviewCard)).toEqual([]);
      for (const text of ['合理化建议 #1：缩短开场白', '2026-11-23', '外呼一组', '张三', '外呼员', '客户反馈', '开场白约 40 秒', '开场白压缩到 15 秒以内']) expect(textOf(reviewCard)).toContain(text);
      expect(verbsOf(reviewCard)).toEqual(['suggestion.forward', 'suggestion.return']);
      expect(textOf((await waitForSend(AAD('001'), (t) => t.includes('#1'))).body)).toContain('你的合理化建议 #1「缩短开场白」已提交给 班长 审核。');
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'submitted', reviewerId: 'E400', raterId: null, department: '外呼一组', position: 'outbound_agent' });

      // Not the reviewer: refused (Forward, and Return before its form opens); nothing changes.
      expect((await press(AAD('002'), 'suggestion.forward', { id: 1 })).value).toContain('Only the team leader it was sent to can review suggestion #1');
      expect((await press(AAD('500'), 'suggestion.return', { id: 1 })).type).toBe('application/vnd.microsoft.activity.message');
      expect(await status()).toBe('submitted');

      // SUGG-2: the team leader forwards; the clicker's card and the stored one show it; the center manager gets the rating card.
      const forwarded = await press(AAD('400'), 'suggestion.forward', { id: 1 });
      expect(textOf(forwarded.value)).toContain('转呈中心经理');
      expect(verbsOf(forwarded.value as Card)).toEqual([]);
      const reviewUpdate = await updateOf('suggestion:1:review-card', 1);
      expect(reviewUpdate.conversationId).toBe(dm(AAD('400')));
      expect(textOf(reviewUpdate.body)).toContain('班长 于 2026-11-23 10:');
      expect(textOf(reviewUpdate.body)).not.toContain('suggestion.forward');
      const rateCard = cardOf(await waitForSend(AAD('500'), (t) => t.includes('suggestion.rate')));
      expect(validateCard(rateCard)).toEqual([]);
      expect(textOf(rateCard)).toContain('待中心经理评定');
      expect(textOf((await waitForSend(AAD('001'), (t) => t.includes('转呈'))).body)).toContain('已由 班长 转呈 中心经理 评定');

      // Rate: only the center manager gets the form; it checks the rating (an owner outside the org is refused).
      expect((await press(AAD('400'), 'suggestion.rate', { id: 1 })).value).toContain('#1');
      const rateForm = await press(AAD('500'), 'suggestion.rate', { id: 1 });
      expect(validateCard(rateForm.value)).toEqual([]);
      expect(verbsOf(rateForm.value as Card)).toEqual(['suggestion.rateSubmit']);
      // The owner is chosen among the active employees.
      const ownerInput = (rateForm.value as Card).body.find((e) => e.id === 'suggestionOwner')!;
      expect((ownerInput.choices as Array<{ value: string }>).map((c) => c.value)).toContain('E002');
      const badRating = await press(AAD('500'), 'suggestion.rateSubmit', { id: 1, ...rating({ grade: 'B', adopted: 'yes', owner: 'E999', deadline: '2026-11-30' }) });
      expect(textOf(badRating.value)).toContain('未保存，请修改：');
      expect(await status()).toBe('forwarded');

      // SUGG-2: grade B, adopted, owner Li Si, deadline a week on.
      const rated = await press(AAD('500'), 'suggestion.rateSubmit', { id: 1, ...rating({ grade: 'B', adopted: 'yes', owner: 'E002', deadline: '2026-11-30', comment: '下周起试行' }) });
      expect(textOf(rated.value)).toContain('评定为 B 级，予以采纳');
      const ratingUpdate = await updateOf('suggestion:1:rating-card', 2);
      expect(ratingUpdate.conversationId).toBe(dm(AAD('500')));
      expect(textOf(ratingUpdate.body)).toContain('负责人：Li Si；完成期限：2026-11-30');
      expect(textOf(ratingUpdate.body)).not.toContain('suggestion.rate');
      const ownerCard = cardOf(await waitForSend(AAD('002'), (t) => t.includes('suggestion.done')));
      expect(validateCard(ownerCard)).toEqual([]);
      expect(textOf(ownerCard)).toContain('You are the owner of this adopted suggestion: carry it out by 2026-11-30');
      const adopted = textOf((await waitForSend(AAD('001'), (t) => t.includes('采纳'))).body);
      expect(adopted).toContain('被 中心经理 评定为 B 级并予以采纳。负责人：Li Si；完成期限：2026-11-30。');
      expect(adopted).toContain('意见：下周起试行');

      // A second Rate: says who rated and when; no form; nothing changes. The stale form submitted again is refused.
      const second = await press(AAD('500'), 'suggestion.rate', { id: 1 });
      expect(String(second.value)).toMatch(/建议 #1 已由 中心经理 于 2026-11-23 10:\d\d 评定为 B 级。未做任何更改。/);
      const stale = await press(AAD('500'), 'suggestion.rateSubmit', { id: 1, ...rating({ grade: 'D', adopted: 'no' }) });
      expect(String(stale.value)).toContain('已由 中心经理');
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'adopted', grade: 'B', adopted: true, ownerId: 'E002', raterId: 'E500' });
      expect(await h.db.prisma.auditLog.count({ where: { entity: 'suggestion', action: 'suggestion.rate' } })).toBe(1);

      // SUGG-2: the owner is reminded the day before the deadline, once (a text card on Teams).
      expect(await scheduler.runSlot('suggestion-reminders', DateTime.fromISO('2026-11-29T09:00:00+08:00'), { trigger: 'manual' })).toMatchObject({ outcome: 'finished' });
      expect(textOf((await waitForSend(AAD('002'), (t) => t.includes('Reminder'))).body)).toContain('Reminder: adopted suggestion #1 “缩短开场白” is due on 2026-11-30');

      // Only the owner may mark it done; then the owner does.
      expect(String((await press(AAD('001'), 'suggestion.done', { id: 1 })).value)).toContain('只有负责人才能把建议 #1 标记完成');
      const done = await press(AAD('002'), 'suggestion.done', { id: 1 });
      expect(textOf(done.value)).toContain('Marked done by Li Si at 2026-11-23 10:');
      const doneUpdate = await updateOf('suggestion:1:owner-card', 3);
      expect(doneUpdate.conversationId).toBe(dm(AAD('002')));
      expect(textOf(doneUpdate.body)).not.toContain('suggestion.done');
      expect(textOf((await waitForSend(AAD('001'), (t) => t.includes('已落实'))).body)).toContain('你的合理化建议 #1「缩短开场白」已落实：Li Si 已标记完成。');

      // The submitter was told at each step, once: submitted, forwarded, adopted, done.
      await new Promise((r) => setTimeout(r, 1200));
      expect(sendsTo(AAD('001')).filter((c) => textOf(c.body).includes('#1'))).toHaveLength(4);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'suggestion', entityId: '1' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['E001 suggestion.submit', 'E400 suggestion.forward', 'E500 suggestion.rate', 'system suggestion.owner_reminded', 'E002 suggestion.done']);
    });

    it('SUGG-2: Return asks for a comment in place of the card; the card shows it, the submitter is told why; a later Forward is refused', async () => {
      await press(AAD('001'), 'suggestion.submit', form({ title: '午休错峰', current: '全员同时午休', proposal: '分两批午休', source: 'shift_meeting' }));
      await waitForSend(AAD('400'), (t) => t.includes('#1'));
      const returnForm = await press(AAD('400'), 'suggestion.return', { id: 1 });
      expect(validateCard(returnForm.value)).toEqual([]);
      expect(verbsOf(returnForm.value as Card)).toEqual(['suggestion.returnSubmit']);
      const empty = await press(AAD('400'), 'suggestion.returnSubmit', { id: 1, suggestionComment: '  ' });
      expect(textOf(empty.value)).toContain('请告诉提案人退回的原因');
      expect(await status()).toBe('submitted');
      const returned = await press(AAD('400'), 'suggestion.returnSubmit', { id: 1, suggestionComment: '请补充高峰时段的接通率数据' });
      expect(textOf(returned.value)).toContain('退回 — 意见：请补充高峰时段的接通率数据');
      const update = await updateOf('suggestion:1:review-card', 1);
      expect(textOf(update.body)).toContain('班长 于 2026-11-23 10:');
      const told = textOf((await waitForSend(AAD('001'), (t) => t.includes('退回'))).body);
      expect(told).toContain('你的合理化建议 #1「午休错峰」被 班长 退回。');
      expect(told).toContain('意见：请补充高峰时段的接通率数据');
      expect(String((await press(AAD('400'), 'suggestion.forward', { id: 1 })).value)).toMatch(/建议 #1 已由 班长 于 2026-11-23 10:\d\d 退回。未做任何更改。/);
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'returned', reviewComment: '请补充高峰时段的接通率数据', raterId: null });
      expect(sendsTo(AAD('500')).filter((c) => textOf(c.body).includes('#1'))).toHaveLength(0);
    });

    it('"suggest" with an unknown word says so; "suggest list" lists; someone not in the org is told in both languages', async () => {
      await h.say(AAD('001'), 'suggest now please');
      expect(String((await h.fake.waitFor('reply', 1))[0]!.body.text)).toContain('now please');
      await h.say(AAD('999'), 'suggest');
      expect(String((await h.fake.waitFor('reply', 2))[1]!.body.text)).toContain('You are not in the org');
      await h.say(AAD('400'), 'suggest list');
      expect(String((await h.fake.waitFor('reply', 3))[2]!.body.text)).toContain('你还没有提交过合理化建议。');
      expect(h.fake.calls('reply').every((c) => c.body.attachments === undefined)).toBe(true);
    });
  });
}
