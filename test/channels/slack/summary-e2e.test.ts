/**
 * PERF-1 over Slack end to end: signed `/summary`, the modal opened on the fake
 * Slack, field errors in the user's language, a stored summary confirmed by DM
 * with the day's PERF-2 standing, a second one the same day replacing the first
 * (audited); and the summary-reminder job. The real server, both databases.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackLeaveRenderer } from '../../../src/channels/slack/blocks/leave-blocks.ts';
import { decideLeave, fileLeave } from '../../../src/features/leave/leave-service.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/org-leave.yaml');
// Wednesday 2026-11-25, 16:00 in Shanghai (winter: the afternoon segment ends at 17:30).
const CLOCK = '2026-11-25T16:00:00+08:00';
const ZONE = 'Asia/Shanghai';

type Figures = { date: string | null; made: string; connected: string; completed: string; orders: string; issues?: string };
const values = (f: Figures) => ({
  summary_date: { value: { type: 'datepicker', selected_date: f.date } },
  summary_calls_made: { value: { type: 'number_input', value: f.made } },
  summary_calls_connected: { value: { type: 'number_input', value: f.connected } },
  summary_questionnaires: { value: { type: 'number_input', value: f.completed } },
  summary_orders: { value: { type: 'number_input', value: f.orders } },
  summary_customer_issues: { value: { type: 'number_input', value: f.issues ?? null } },
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`/summary over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());
    beforeEach(async () => {
      // Let the sender finish the previous test's messages before they are cleared.
      await expect.poll(() => h.db.prisma.outboxMessage.count({ where: { status: { notIn: ['sent', 'failed'] } } }), { timeout: 15_000 }).toBe(0);
      await h.db.prisma.$executeRawUnsafe('TRUNCATE daily_summary, outbox_message, processed_delivery, leave_request RESTART IDENTITY CASCADE');
      await h.db.prisma.auditLog.deleteMany({ where: { entity: 'daily_summary' } });
      h.fake.reset();
    });

    const dms = (user: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === `D${user}`);

    it('PERF-1: /summary opens the form on today; a bad submission gets field errors and stores nothing; a good one is stored and confirmed with the PERF-2 standing', async () => {
      const command = await h.command('U0002', '/summary', '');
      expect(command.status).toBe(200);
      expect(await command.text()).toBe('');
      const opened = await h.fake.waitFor('views.open', 1);
      const view = opened[0]!.body.view as { callback_id: string; blocks: Array<{ block_id: string; element: { type: string; initial_date?: string } }> };
      expect(view.callback_id).toBe('daily_summary');
      expect(view.blocks.map((b) => b.block_id)).toEqual([
        'summary_date',
        'summary_calls_made',
        'summary_calls_connected',
        'summary_questionnaires',
        'summary_orders',
        'summary_customer_issues',
      ]); // no call type: the preset weighs none
      expect(view.blocks[0]!.element.initial_date).toBe('2026-11-25');

      // Sunday, connected over made, completed not a number: one error per field, in English for Li Si.
      const bad = await h.submitView('U0002', 'daily_summary', values({ date: '2026-11-22', made: '50', connected: '60', completed: 'x', orders: '2' }));
      expect(bad.status).toBe(200);
      const answer = JSON.parse(await bad.text()) as { response_action: string; errors: Record<string, string> };
      expect(answer.response_action).toBe('errors');
      expect(answer.errors).toEqual({
        summary_date: '2026-11-22 is not one of your working days.',
        summary_calls_connected: 'Connected (60) cannot exceed calls made (50).',
        summary_questionnaires: 'Enter a whole number of 0 or more (got "x").',
      });
      // completed over connected, in Chinese for 张三.
      const zh = JSON.parse(await (await h.submitView('U0001', 'daily_summary', values({ date: '2026-11-25', made: '100', connected: '50', completed: '51', orders: '2' }))).text()) as { errors: Record<string, string> };
      expect(zh.errors).toEqual({ summary_questionnaires: '问卷完成次数（51）不能多于接通次数（50）。' });
      expect(await h.db.prisma.dailySummary.count()).toBe(0);

      const good = await h.submitView('U0002', 'daily_summary', values({ date: '2026-11-24', made: '120', connected: '80', completed: '58', orders: '5', issues: '1' }));
      expect(await good.text()).toBe('');
      const stored = await h.db.prisma.dailySummary.findMany();
      expect(stored.map((s) => `${s.employeeId} ${s.date.toISOString().slice(0, 10)} ${s.callsMade}/${s.callsConnected}/${s.questionnairesCompleted}/${s.orders}/${s.customerIssues} ${s.source} ${s.recordedBy}`)).toEqual([
        'E002 2026-11-24 120/80/58/5/1 slack E002',
      ]);
      await h.fake.waitFor('chat.postMessage', 1);
      const confirmation = String(dms('U0002')[0]!.body.text);
      expect(confirmation).toContain('Daily work summary for 2026-11-24 saved');
      expect(confirmation).toContain('58 of 60 questionnaires: 2 points.');
    });

    it('PERF-1: a second summary for the same day replaces the first, audited with what it replaced', async () => {
      expect(await (await h.submitView('U0001', 'daily_summary', values({ date: '2026-11-25', made: '120', connected: '80', completed: '58', orders: '5' }))).text()).toBe('');
      expect(await (await h.submitView('U0001', 'daily_summary', values({ date: '2026-11-25', made: '130', connected: '90', completed: '62', orders: '6' }))).text()).toBe('');
      const rows = await h.db.prisma.dailySummary.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ employeeId: 'E001', callsMade: 130, questionnairesCompleted: 62, customerIssues: 0, source: 'slack' });
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'daily_summary', entityId: 'E001:2026-11-25' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.action} ${a.actor}`)).toEqual(['summary.create E001', 'summary.replace E001']);
      expect((audit[1]!.details as { replaced: { callsMade: number; questionnairesCompleted: number } }).replaced).toMatchObject({ callsMade: 120, questionnairesCompleted: 58 });
      const texts = (await h.fake.waitFor('chat.postMessage', 2)).map((c) => String(c.body.text));
      expect(texts[0]).toContain('问卷完成 58/60：扣 2 分。');
      expect(texts[1]).toContain('2026-11-25 的每日工作总结已更新');
      expect(texts[1]).toContain('问卷完成 62/60：已达标。');
    });

    it('PERF-1: a role that is not ranked is refused clearly; nothing opens', async () => {
      const answer = await (await h.command('U0400', '/summary', '')).text();
      expect(answer).toBe('只有参加月度排名的岗位需要填写每日工作总结；你的岗位（话务班长）不需要。');
      const answerEn = await (await h.command('U0100', '/summary', '')).text();
      expect(answerEn).toBe('Only the ranked roles file a daily work summary; your role (department head) does not.');
      await new Promise((r) => setTimeout(r, 300));
      expect(h.fake.calls('views.open')).toHaveLength(0);
    });

    it('PERF-1 reminder: the agent who filed gets nothing, nor the one on approved leave; the one who did not gets one DM with the form button; the slot again, or a later one, sends nothing', async () => {
      expect(await (await h.submitView('U0001', 'daily_summary', values({ date: '2026-11-25', made: '120', connected: '80', completed: '61', orders: '5' }))).text()).toBe('');
      await h.fake.waitFor('chat.postMessage', 1);
      // 王五 (E003) is on approved sick leave today.
      const leaveDeps = {
        prisma: h.db.prisma,
        policy: h.app.policy,
        clock: { now: () => DateTime.fromISO('2026-11-24T18:00', { zone: ZONE }) },
        source: 'test',
        messenger: { platform: 'slack' as const, render: slackLeaveRenderer, targetOf: () => null },
      };
      const { request } = await fileLeave(leaveDeps, { employeeId: 'E003', type: 'sick', startDate: '2026-11-25', endDate: '2026-11-25', part: 'full', emergency: false, proof: 'attached' });
      await decideLeave(leaveDeps, { requestId: request.id, actorId: request.approverId, decision: 'approved' });
      await expect.poll(() => h.db.prisma.outboxMessage.count({ where: { status: { notIn: ['sent', 'failed'] } } }), { timeout: 15_000 }).toBe(0);
      h.fake.reset();
      const scheduler = createScheduler({
        prisma: h.db.prisma,
        policy: h.app.policy,
        jobs: jobsFor(h.app.policy),
        clock: h.app.clock,
        logger: createLogger('silent'),
        owner: 'test',
      });
      const slot = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
      // 16:55: the afternoon ends at 17:30, more than 30 minutes away: nobody yet.
      expect((await scheduler.runSlot('summary-reminder', slot('2026-11-25T16:55'), { trigger: 'manual' })).outcome).toBe('finished');
      expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'summary-reminder:' } } })).toBe(0);
      expect((await scheduler.runSlot('summary-reminder', slot('2026-11-25T17:00'), { trigger: 'manual' })).outcome).toBe('finished');
      const reminders = await h.fake.waitFor('chat.postMessage', 1);
      expect(reminders.map((c) => c.body.channel)).toEqual(['DU0002']);
      expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'summary-reminder:' } } })).toBe(1);
      const toLiSi = reminders.find((c) => c.body.channel === 'DU0002')!.body;
      expect(String(toLiSi.text)).toBe('Li Si, your daily work summary for 2026-11-25 is not filed yet. Please file it before you leave.');
      const button = (toLiSi.blocks as Array<{ accessory?: { action_id: string; value: string } }>)[0]!.accessory!;
      expect(button).toMatchObject({ action_id: 'summary_open', value: '2026-11-25' });

      expect((await scheduler.runSlot('summary-reminder', slot('2026-11-25T17:00'), { trigger: 'manual' })).outcome).toBe('already-done');
      expect((await scheduler.runSlot('summary-reminder', slot('2026-11-25T17:05'), { trigger: 'manual' })).outcome).toBe('finished');
      await new Promise((r) => setTimeout(r, 1500));
      expect(h.fake.calls('chat.postMessage')).toHaveLength(1);

      // The button opens the form on that day.
      await h.click('U0002', 'summary_open', '2026-11-25');
      const opened = await h.fake.waitFor('views.open', 1);
      expect((opened[0]!.body.view as { callback_id: string }).callback_id).toBe('daily_summary');
    });
  });
}
