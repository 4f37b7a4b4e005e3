/**
 * Suggestions end to end over HTTP (SUGG-1..3): signed Slack requests to
 * banzhang's real server, the fake Slack Web API, the embedded database and
 * PostgreSQL. Jobs run through the scheduler's own slot path (as `jobs run` does).
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { suggestionReport } from '../../../src/features/suggestions/suggestion-report.ts';
import { createScheduler, jobsFor, type Scheduler } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { cli } from '../../support/cli.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
// Monday 2026-11-23, 10:00 in Shanghai.
const CLOCK = '2026-11-23T10:00:00+08:00';

type Call = { method: string; body: Record<string, unknown> };
const json = (call: Call | undefined) => JSON.stringify(call?.body ?? {});
const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

function formValues(v: { title: string; current: string; proposal: string; remarks?: string; source: string }) {
  return {
    suggestion_title: input(v.title),
    suggestion_current: input(v.current),
    suggestion_proposal: input(v.proposal),
    suggestion_remarks: input(v.remarks ?? null),
    suggestion_source: select(v.source),
  };
}

function rateValues(v: { grade: string; adopted: 'yes' | 'no'; owner?: string; deadline?: string; comment?: string }) {
  return {
    suggestion_grade: select(v.grade),
    suggestion_adopted: { value: { type: 'radio_buttons', selected_option: { value: v.adopted } } },
    suggestion_owner: { value: { type: 'users_select', selected_user: v.owner ?? null } },
    suggestion_deadline: { value: { type: 'datepicker', selected_date: v.deadline ?? null } },
    suggestion_comment: input(v.comment ?? null),
  };
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`suggestions over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let scheduler: Scheduler;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      scheduler = createScheduler({ prisma: h.db.prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test' });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      await h.db.prisma.$executeRawUnsafe('TRUNCATE suggestion, outbox_message, processed_delivery RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: 'suggestion' } });
      await h.db.prisma.jobRun.deleteMany({ where: { name: { startsWith: 'suggestion-' } } });
      h.fake.reset();
    });

    const dmsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const waitForDm = async (channel: string, match: (text: string) => boolean, timeoutMs = 15_000): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = dmsTo(channel).find((c) => match(json(c)));
        if (found) return json(found);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no DM to ${channel} matched in time; got ${JSON.stringify(dmsTo(channel).map((c) => c.body.text))}`);
    };
    const runJob = (name: string, at: string) => scheduler.runSlot(name, DateTime.fromISO(at), { trigger: 'manual' });
    const submit = async (user: string, values: ReturnType<typeof formValues>) => {
      const res = await h.submitView(user, 'suggestion_form', values);
      expect(res.status).toBe(200);
      return res.text();
    };
    const openRateModal = async (opened: number) => {
      await h.click('U0500', 'suggestion_rate', '1');
      const modal = (await h.fake.waitFor('views.open', opened))[opened - 1]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('suggestion_rate');
      return modal;
    };

    it('SUGG-1, SUGG-2: a suggestion through every step to done; the submitter is told at each; a second rating click changes nothing', async () => {
      // SUGG-1: /suggest opens the form with date, department, name and position filled from the org.
      expect((await h.command('U0001', '/suggest', '')).status).toBe(200);
      const form = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string };
      expect(form.callback_id).toBe('suggestion_form');
      expect(JSON.stringify(form)).toContain('2026-11-23 · 外呼一组 · 张三 · 外呼员');
      expect(JSON.stringify(form)).toContain('合理化建议提案表');

      expect(await submit('U0001', formValues({ title: '缩短开场白', current: '开场白约 40 秒，客户常中途挂断', proposal: '开场白压缩到 15 秒以内', source: 'customer_feedback' }))).toBe('');
      const reviewCard = await waitForDm('DU0400', (t) => t.includes('suggestion_forward'));
      for (const text of ['合理化建议 #1：缩短开场白', '2026-11-23', '外呼一组', '张三', '外呼员', '客户反馈', '开场白约 40 秒', '开场白压缩到 15 秒以内', 'suggestion_return']) expect(reviewCard).toContain(text);
      expect(await waitForDm('DU0001', (t) => t.includes('#1'))).toContain('你的合理化建议 #1「缩短开场白」已提交给 班长 审核。');
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'submitted', reviewerId: 'E400', raterId: null, department: '外呼一组', position: 'outbound_agent' });

      // Not the reviewer: refused, nothing changes.
      await h.click('U0002', 'suggestion_forward', '1');
      expect(String((await h.fake.waitFor('chat.postEphemeral', 1))[0]!.body.text)).toContain('Only the team leader it was sent to can review suggestion #1');
      expect((await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('submitted');

      // SUGG-2: the team leader forwards; the card is updated in place; the center manager gets the rating card.
      await h.click('U0400', 'suggestion_forward', '1');
      const reviewUpdate = (await h.fake.waitFor('chat.update', 1))[0]!;
      const reviewOriginal = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'suggestion:1:review-card' } });
      expect(reviewUpdate.body.channel).toBe('DU0400');
      expect(reviewUpdate.body.ts).toBe(reviewOriginal.platformId);
      expect(json(reviewUpdate)).toContain('班长 于 2026-11-23 10:');
      expect(json(reviewUpdate)).toContain('转呈中心经理');
      expect(json(reviewUpdate)).not.toContain('suggestion_forward');
      expect(await waitForDm('DU0500', (t) => t.includes('suggestion_rate'))).toContain('待中心经理评定');
      expect(await waitForDm('DU0001', (t) => t.includes('转呈'))).toContain('已由 班长 转呈 中心经理 评定');

      // SUGG-2: the center manager rates: grade B, adopted, owner Li Si, deadline a week on.
      const modal = await openRateModal(2);
      const rated = await h.submitView('U0500', 'suggestion_rate', rateValues({ grade: 'B', adopted: 'yes', owner: 'U0002', deadline: '2026-11-30', comment: '下周起试行' }), { private_metadata: modal.private_metadata });
      expect(await rated.text()).toBe('');
      const ratingUpdate = (await h.fake.waitFor('chat.update', 2))[1]!;
      expect(ratingUpdate.body.channel).toBe('DU0500');
      expect(ratingUpdate.body.ts).toBe((await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'suggestion:1:rating-card' } })).platformId);
      expect(json(ratingUpdate)).toContain('评定为 B 级，予以采纳');
      expect(json(ratingUpdate)).toContain('负责人：Li Si；完成期限：2026-11-30');
      expect(json(ratingUpdate)).not.toContain('suggestion_rate');
      const ownerCard = await waitForDm('DU0002', (t) => t.includes('suggestion_done'));
      expect(ownerCard).toContain('You are the owner of this adopted suggestion: carry it out by 2026-11-30');
      const adoptedNotice = await waitForDm('DU0001', (t) => t.includes('采纳'));
      expect(adoptedNotice).toContain('被 中心经理 评定为 B 级并予以采纳。负责人：Li Si；完成期限：2026-11-30。');
      expect(adoptedNotice).toContain('意见：下周起试行');

      // A second rating click: an ephemeral says who rated and when; no modal; nothing changes.
      await h.click('U0500', 'suggestion_rate', '1');
      const second = (await h.fake.waitFor('chat.postEphemeral', 2))[1]!;
      expect(second.body.user).toBe('U0500');
      expect(String(second.body.text)).toMatch(/建议 #1 已由 中心经理 于 2026-11-23 10:\d\d 评定为 B 级。未做任何更改。/);
      // The stale modal submitted again with another rating is refused in the modal.
      const again = JSON.parse(await (await h.submitView('U0500', 'suggestion_rate', rateValues({ grade: 'D', adopted: 'no' }), { private_metadata: modal.private_metadata })).text()) as { response_action: string; errors: Record<string, string> };
      expect(again.response_action).toBe('errors');
      expect(again.errors.suggestion_grade).toContain('已由 中心经理');
      expect(h.fake.calls('views.open')).toHaveLength(2);
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'adopted', grade: 'B', adopted: true, ownerId: 'E002', raterId: 'E500' });
      expect(await h.db.prisma.auditLog.count({ where: { entity: 'suggestion', action: 'suggestion.rate' } })).toBe(1);

      // SUGG-2: the owner is reminded the day before the deadline, once.
      expect(await runJob('suggestion-reminders', '2026-11-28T09:00:00+08:00')).toMatchObject({ outcome: 'finished' });
      expect(await runJob('suggestion-reminders', '2026-11-29T09:00:00+08:00')).toMatchObject({ outcome: 'finished' });
      expect(await waitForDm('DU0002', (t) => t.includes('Reminder'))).toContain('Reminder: adopted suggestion #1 “缩短开场白” is due on 2026-11-30');
      expect(await runJob('suggestion-reminders', '2026-11-29T09:00:00+08:00')).toMatchObject({ outcome: 'already-done' });
      expect(await runJob('suggestion-reminders', '2026-11-30T09:00:00+08:00')).toMatchObject({ outcome: 'finished' });

      // Only the owner may mark it done; then the owner does.
      await h.click('U0001', 'suggestion_done', '1');
      expect(String((await h.fake.waitFor('chat.postEphemeral', 3))[2]!.body.text)).toContain('只有负责人才能把建议 #1 标记完成');
      await h.click('U0002', 'suggestion_done', '1');
      const doneUpdate = (await h.fake.waitFor('chat.update', 3))[2]!;
      expect(doneUpdate.body.channel).toBe('DU0002');
      expect(json(doneUpdate)).toContain('Marked done by Li Si at 2026-11-23 10:');
      expect(json(doneUpdate)).not.toContain('suggestion_done');
      expect(await waitForDm('DU0001', (t) => t.includes('已落实'))).toContain('你的合理化建议 #1「缩短开场白」已落实：Li Si 已标记完成。');

      // The submitter was told at each step, once: submitted, forwarded, adopted, done.
      await new Promise((r) => setTimeout(r, 1200));
      expect(dmsTo('DU0001').map((c) => String(c.body.text).slice(0, 40))).toHaveLength(4);
      expect(dmsTo('DU0002').filter((c) => json(c).includes('Reminder'))).toHaveLength(1);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'suggestion', entityId: '1' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['E001 suggestion.submit', 'E400 suggestion.forward', 'E500 suggestion.rate', 'system suggestion.owner_reminded', 'E002 suggestion.done']);

      // SUGG-3: the month's adopted suggestions, for reward next month.
      const rows = await suggestionReport({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, '2026-11');
      expect(rows.map((r) => [r.id, r.submitterName, r.grade, r.adoptedOn, r.ownerName, r.status])).toEqual([[1, '张三', 'B', '2026-11-23', 'Li Si', 'done']]);
      if (kind === 'postgres') {
        const report = await cli(['report', 'suggestions', '--month', '2026-11', '--format', 'csv'], h.cliEnv);
        expect(report.code, report.stderr).toBe(0);
        expect(report.stdout.split('\n')).toEqual([
          'id,adopted_on,employee_id,name,department,title,source,grade,owner,deadline,status,done_on',
          '1,2026-11-23,E001,张三,外呼一组,缩短开场白,customer_feedback,B,Li Si,2026-11-30,done,2026-11-23',
        ]);
      }
    });

    it('SUGG-2: Return asks for a comment; the card shows it, the submitter is told why; a later Forward is refused', async () => {
      await submit('U0001', formValues({ title: '午休错峰', current: '全员同时午休', proposal: '分两批午休', source: 'shift_meeting' }));
      await waitForDm('DU0400', (t) => t.includes('#1'));
      await h.click('U0400', 'suggestion_return', '1');
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('suggestion_return');
      const empty = JSON.parse(await (await h.submitView('U0400', 'suggestion_return', { suggestion_comment: input('  ') }, { private_metadata: modal.private_metadata })).text()) as { errors: Record<string, string> };
      expect(empty.errors.suggestion_comment).toBe('请告诉提案人退回的原因');
      expect(await (await h.submitView('U0400', 'suggestion_return', { suggestion_comment: input('请补充高峰时段的接通率数据') }, { private_metadata: modal.private_metadata })).text()).toBe('');
      const update = (await h.fake.waitFor('chat.update', 1))[0]!;
      expect(json(update)).toContain('班长 于 2026-11-23 10:');
      expect(json(update)).toContain('退回 — 意见：请补充高峰时段的接通率数据');
      const told = await waitForDm('DU0001', (t) => t.includes('退回'));
      expect(told).toContain('你的合理化建议 #1「午休错峰」被 班长 退回。');
      expect(told).toContain('意见：请补充高峰时段的接通率数据');
      await h.click('U0400', 'suggestion_forward', '1');
      expect(String((await h.fake.waitFor('chat.postEphemeral', 1))[0]!.body.text)).toMatch(/建议 #1 已由 班长 于 2026-11-23 10:\d\d 退回。未做任何更改。/);
      expect(await h.db.prisma.suggestion.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: 'returned', reviewComment: '请补充高峰时段的接通率数据', raterId: null });
      expect(dmsTo('DU0500')).toHaveLength(0);
    });

    it('SUGG-2: the weekly reminder lists what waits for each reviewer; a missed deadline tells the team leader once', async () => {
      await submit('U0001', formValues({ title: '话术库共享', current: '话术各自保存', proposal: '建共享话术库', source: 'training' }));
      await submit('U0002', formValues({ title: 'Headset spares', current: 'Broken headsets wait a week', proposal: 'Keep five spares', source: 'manager_log' }));
      await submit('U0003', formValues({ title: '质检抽查反馈提速', current: '次周反馈', proposal: '当天反馈', source: 'other_department' }));
      await waitForDm('DU0400', (t) => t.includes('#3'));
      await h.click('U0400', 'suggestion_forward', '3');
      await waitForDm('DU0500', (t) => t.includes('#3'));

      // Monday 30 November 09:00 (suggestions.weeklyReminder): one list to the team leader, one to the center manager.
      expect(await runJob('suggestion-weekly-digest', '2026-11-30T09:00:00+08:00')).toMatchObject({ outcome: 'finished' });
      const leaderDigest = await waitForDm('DU0400', (t) => t.includes('每周提醒'));
      expect(leaderDigest).toContain('待审核：');
      expect(leaderDigest).toContain('#1「话术库共享」— 张三，2026-11-23');
      expect(leaderDigest).toContain('#2「Headset spares」— Li Si，2026-11-23');
      expect(leaderDigest).not.toContain('#3');
      const managerDigest = await waitForDm('DU0500', (t) => t.includes('每周提醒'));
      expect(managerDigest).toContain('待评定：');
      expect(managerDigest).toContain('#3「质检抽查反馈提速」— 王五');
      expect(await runJob('suggestion-weekly-digest', '2026-11-30T09:00:00+08:00')).toMatchObject({ outcome: 'already-done' });

      // #3 adopted with a deadline of 24 November; on the 25th the team leader who reviewed it is told, once.
      const modal = await (async () => {
        await h.click('U0500', 'suggestion_rate', '3');
        return (await h.fake.waitFor('views.open', 1))[0]!.body.view as { private_metadata: string };
      })();
      expect(await (await h.submitView('U0500', 'suggestion_rate', rateValues({ grade: 'A', adopted: 'yes', owner: 'U0003', deadline: '2026-11-24' }), { private_metadata: modal.private_metadata })).text()).toBe('');
      await runJob('suggestion-reminders', '2026-11-25T09:00:00+08:00');
      await runJob('suggestion-reminders', '2026-11-26T09:00:00+08:00');
      expect(await waitForDm('DU0400', (t) => t.includes('已超过完成期限'))).toContain('已采纳的合理化建议 #3「质检抽查反馈提速」已超过完成期限 2026-11-24，负责人 王五 尚未标记完成。');
      await new Promise((r) => setTimeout(r, 1200));
      expect(dmsTo('DU0400').filter((c) => json(c).includes('已超过完成期限'))).toHaveLength(1);
      // The deadline had passed when the job first ran: the owner gets no "before" reminder.
      expect(dmsTo('DU0003').filter((c) => json(c).includes('提醒'))).toHaveLength(0);
    });

    it('/suggest with an unknown word says so; someone not in the org is told in both languages', async () => {
      expect(await (await h.command('U0001', '/suggest', 'now please')).text()).toContain('now please');
      expect(await (await h.command('U9999', '/suggest', '')).text()).toContain('You are not in the org');
      const listed = await (await h.command('U0400', '/suggest', 'list')).text();
      expect(listed).toContain('你还没有提交过合理化建议。');
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });
  });
}
