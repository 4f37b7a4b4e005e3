/**
 * TRAIN-1 end to end over HTTP, on both databases: the team leader sets the
 * week's topic with a signed `/banzhang training topic …`; an agent's meeting
 * absence is approved by the team leader (LEAVE-4); `jobs run training-reminder`
 * posts the reminder once to the training channel; two agents check in with the
 * button; the attendance command and `trainingAbsences` report the third as missed;
 * `jobs run month-end-ranking` then costs the absentee, and only them, PERF-5 points.
 *
 * The job runs through the real CLI on PostgreSQL. The embedded database belongs
 * to the running server (a second process is refused, serve.test.ts), so there
 * the test runs the same slot through the scheduler's `runSlot`, the path `jobs
 * run` takes, on the server's own database.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExamScores } from '../../../src/features/training/exam-scores.ts';
import { trainingAbsences } from '../../../src/features/training/training-facts.ts';
import { checkIn, setTopic } from '../../../src/features/training/training-service.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { describeRun } from '../../../src/jobs/jobs-cli.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable, type DbKind } from '../../support/databases.ts';
import { runCli } from '../../support/process.ts';
import { leaveValues, startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/training-org.yaml');
// Friday 2026-05-08, 16:20 in Shanghai: ten minutes before the weekly study (16:30, 120 minutes).
const CLOCK = '2026-05-08T16:20:00+08:00';
const SLOT = '2026-05-08T16:30+08:00';

/** `banzhang jobs run NAME --at ISO`: the real CLI on PostgreSQL; on the embedded database, the same runSlot in the server's process. */
async function runJob(h: SlackHarness, kind: DbKind, name: string, at: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (kind === 'postgres') return runCli(['jobs', 'run', name, '--at', at], h.cliEnv);
  const policy = h.app.policy;
  const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: true, teams: false } });
  const job = scheduler.jobs.get(name)!;
  const report = describeRun(await scheduler.runSlot(name, DateTime.fromISO(at, { zone: job.timeZone }), { trigger: 'manual' }), job, 'en');
  return { code: report.failed ? 1 : 0, stdout: report.failed ? '' : report.line, stderr: report.failed ? report.line : '' };
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`weekly study over Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const say = async (user: string, text: string) => (await h.command(user, '/banzhang', text)).text();
    const postsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const ephemeralTo = (user: string) => h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === user).map((c) => String(c.body.text));

    it('TRAIN-1: topic by the team leader, reminder posted once with it, two check-ins, the one on meeting leave excused, the third missed', async () => {
      // Only organizers set the topic; the team leader's goes to today's session (its start + duration is ahead).
      expect(await say('U0001', 'training topic 我的主题')).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      expect(await say('U0400', 'training topic 新产品话术与异议处理')).toBe('2026-05-08 16:30 业务学习主题：新产品话术与异议处理');
      const topicAudit = await h.db.prisma.auditLog.findMany({ where: { action: 'training.topic.set' } });
      expect(topicAudit.map((a) => `${a.actor} ${a.entityId}`)).toEqual(['E400 2026-05-08']);

      // LEAVE-4: 赵六 asks the team leader beforehand for a meeting absence this afternoon; approved.
      expect(await (await h.submitView('U0004', 'leave_request', leaveValues({ type: 'meeting', start: '2026-05-08', part: 'afternoon', reason: '客户回访' }))).text()).toBe('');
      const request = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E004' } });
      expect(request.approverId).toBe('E400');
      expect((await h.click('U0400', 'leave_approve', String(request.id))).status).toBe(200);
      await expect.poll(async () => (await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: request.id } })).status, { timeout: 10_000 }).toBe('approved');

      // The reminder: once to the training channel, with the topic and a Check in button.
      const run = await runJob(h, kind, 'training-reminder', SLOT);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Job training-reminder, slot 2026-05-08 16:30 +08:00: finished.');
      await expect.poll(() => postsTo('C0TRAIN').length, { timeout: 15_000 }).toBe(1);
      const post = postsTo('C0TRAIN')[0]!;
      expect(String(post.body.text)).toContain('本周主题：新产品话术与异议处理');
      expect(String(post.body.text)).toContain('业务学习 · 2026-05-08 16:30');
      const button = (post.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions')!.elements![0]!;
      expect(button.action_id).toBe('training_check_in');
      const session = await h.db.prisma.trainingSession.findFirstOrThrow();
      expect(button.value).toBe(String(session.id));
      expect(session.startsAt.toISOString()).toBe('2026-05-08T08:30:00.000Z');

      const again = await runJob(h, kind, 'training-reminder', SLOT);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/already done/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(postsTo('C0TRAIN')).toHaveLength(1);

      // Two agents check in; a second click changes nothing; someone outside the org is refused.
      await h.click('U0001', 'training_check_in', button.value, 'C0TRAIN');
      await h.click('U0002', 'training_check_in', button.value, 'C0TRAIN');
      await expect.poll(() => ephemeralTo('U0002').length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => ephemeralTo('U0001').length, { timeout: 10_000 }).toBe(1);
      expect(ephemeralTo('U0001')[0]).toMatch(/^已签到 2026-05-08 业务学习，签到时间 16:2\d。$/);
      expect(ephemeralTo('U0002')[0]).toMatch(/^Checked in to the weekly study of 2026-05-08 at 16:2\d\.$/);
      await h.click('U0001', 'training_check_in', button.value, 'C0TRAIN');
      await expect.poll(() => ephemeralTo('U0001').length, { timeout: 10_000 }).toBe(2);
      expect(ephemeralTo('U0001')[1]).toMatch(/^你已签到 2026-05-08 业务学习（16:2\d），无需重复签到。$/);
      await h.click('U9999', 'training_check_in', button.value, 'C0TRAIN');
      await expect.poll(() => ephemeralTo('U9999').length, { timeout: 10_000 }).toBe(1);
      expect(ephemeralTo('U9999')[0]).toContain('你还不在班长的组织名单中');
      const attendance = await h.db.prisma.trainingAttendance.findMany({ orderBy: { employeeId: 'asc' } });
      expect(attendance.map((a) => `${a.employeeId} ${a.source}`)).toEqual(['E001 slack', 'E002 slack']);
      const checkInAudit = await h.db.prisma.auditLog.findMany({ where: { action: 'training.check_in' }, orderBy: { actor: 'asc' } });
      expect(checkInAudit.map((a) => `${a.actor} ${a.entityId}`)).toEqual(['E001 2026-05-08', 'E002 2026-05-08']);

      // The attendance, for organizers only: 王五 missed; 赵六 excused by the approved meeting absence.
      expect(await say('U0003', 'training attendance 2026-05-08')).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      const sheet = (await say('U0400', 'training attendance 2026-05-08')).split('\n');
      expect(sheet[0]).toBe('业务学习 2026-05-08 16:30 · 主题：新产品话术与异议处理');
      expect(sheet[1]).toMatch(/^已签到（2）：张三 16:2\d、Li Si 16:2\d$/);
      expect(sheet[2]).toBe('应到未到（1）：王五');
      expect(sheet[3]).toBe('免于参加（1）：赵六（会议请假，下午）');

      // PERF-5's input once the session has started: 王五 missed it without leave; 赵六 was not expected.
      const facts = await trainingAbsences(h.db.prisma, h.app.policy, '2026-05', DateTime.fromISO('2026-05-08T18:31', { zone: 'Asia/Shanghai' }));
      expect(Object.fromEntries([...facts].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
        E001: { expected: ['2026-05-08'], unexcused: [] },
        E002: { expected: ['2026-05-08'], unexcused: [] },
        E003: { expected: ['2026-05-08'], unexcused: ['2026-05-08'] },
      });

      // PERF-5 at month end: the month-end ranking takes the training absence points from the absentee only.
      const ranking = await runJob(h, kind, 'month-end-ranking', '2026-05-29T18:00+08:00');
      expect(ranking.code, ranking.stderr).toBe(0);
      const scoreDms = (user: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === `D${user}` && /2026-05 的绩效得分|performance score for 2026-05/.test(String(c.body.text)));
      await expect.poll(() => ['U0001', 'U0002', 'U0003', 'U0004'].map((u) => scoreDms(u).length).join(','), { timeout: 15_000 }).toBe('1,1,1,1');
      const ownDm = (user: string) => String(scoreDms(user)[0]!.body.text);
      expect(ownDm('U0003')).toContain(`PERF-5 -${h.app.policy.perf.trainingAbsencePoints}：无故缺席业务学习 1 次`);
      for (const present of ['U0001', 'U0002', 'U0004']) expect(ownDm(present)).not.toContain('PERF-5');
    });
  });
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`weekly training plan over Slack [${kind}]`, () => {
    let h: SlackHarness;
    // Monday 2026-05-11, 08:55: the plan is due this morning.
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: '2026-05-11T08:55:00+08:00', orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const dmsTo = (user: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === `D${user}`).map((c) => c.body);

    it('TRAIN-2: 09:00 reminder DMs the two plan owners; one submits through the form (again: replaced); the 12:00 report names only the other', async () => {
      const run = await runJob(h, kind, 'training-plan-reminder', '2026-05-11T09:00+08:00');
      expect(run.code, run.stderr).toBe(0);
      await expect.poll(() => dmsTo('U0410').length + dmsTo('U0420').length, { timeout: 15_000 }).toBe(2);
      expect(String(dmsTo('U0410')[0]!.text)).toBe('请提交本周的周培训计划（2026-05-11 这一周）。');
      expect(String(dmsTo('U0420')[0]!.text)).toBe("Please submit this week's training plan (week of 2026-05-11).");
      const button = (dmsTo('U0410')[0]!.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions')!.elements![0]!;
      expect(button).toMatchObject({ action_id: 'training_plan_open', value: '2026-05-11' });
      // Nobody else owes a plan.
      expect(h.fake.calls('chat.postMessage').map((c) => c.body.channel).sort()).toEqual(['DU0410', 'DU0420']);

      // Only plan owners open the form.
      expect(await (await h.command('U0003', '/banzhang', 'plan')).text()).toBe('周培训计划由外呼管理员和投诉管理员提交。');
      await h.click('U0410', 'training_plan_open', button.value, 'DU0410');
      const modal = (await h.fake.waitFor('views.open', 1, 10_000))[0]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('training_plan');
      expect(JSON.parse(modal.private_metadata)).toEqual({ weekStart: '2026-05-11' });
      const plan = (text: string) => ({ training_plan_text: { value: { type: 'plain_text_input', value: text } } });
      expect(await (await h.submitView('U0410', 'training_plan', plan('  '), { private_metadata: modal.private_metadata })).text()).toContain('请先填写培训计划再提交');
      expect(await (await h.submitView('U0410', 'training_plan', plan('周三：新话术演练'), { private_metadata: modal.private_metadata })).text()).toBe('');
      expect(await (await h.submitView('U0410', 'training_plan', plan('周三：新话术演练；周五：异议处理'), { private_metadata: modal.private_metadata })).text()).toBe('');
      const plans = await h.db.prisma.trainingPlan.findMany();
      expect(plans.map((p) => `${p.weekStart.toISOString().slice(0, 10)} ${p.employeeId} ${p.content}`)).toEqual(['2026-05-11 E410 周三：新话术演练；周五：异议处理']);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'training_plan' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action} ${a.entityId}`)).toEqual(['E410 training.plan.submit 2026-05-11:E410', 'E410 training.plan.replace 2026-05-11:E410']);
      await expect.poll(() => dmsTo('U0410').length, { timeout: 10_000 }).toBe(3);
      expect(dmsTo('U0410').map((m) => String(m.text)).slice(1)).toEqual(['已收到你 2026-05-11 这一周的周培训计划。', '你 2026-05-11 这一周的周培训计划已更新为新提交的内容。']);

      // 12:00: the team leader hears who has not submitted: only the complaint manager.
      const report = await runJob(h, kind, 'training-plan-report', '2026-05-11T12:00+08:00');
      expect(report.code, report.stderr).toBe(0);
      await expect.poll(() => dmsTo('U0400').length, { timeout: 15_000 }).toBe(1);
      expect(String(dmsTo('U0400')[0]!.text)).toBe('周培训计划（2026-05-11 这一周）：1 人未提交：Complaint Manager (E420)');
      expect((await runJob(h, kind, 'training-plan-report', '2026-05-11T12:00+08:00')).stdout).toMatch(/already done/);
      await new Promise((r) => setTimeout(r, 1500));
      expect(dmsTo('U0400')).toHaveLength(1);
    });
  });
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`exam scores and the training record over Slack [${kind}]`, () => {
    let h: SlackHarness;
    // Thursday 2026-05-21, 10:00: two studies are over (8 and 15 May).
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: '2026-05-21T10:00:00+08:00', orgFile: ORG });
    });
    afterAll(async () => h?.close());

    const say = async (user: string, text: string) => (await h.command(user, '/banzhang', text)).text();
    const examValues = (employee: string, month: string, score: string) => ({
      training_exam_employee: { value: { type: 'static_select', selected_option: { value: employee } } },
      training_exam_month: { value: { type: 'plain_text_input', value: month } },
      training_exam_score: { value: { type: 'plain_text_input', value: score } },
    });

    it('TRAIN-3: the organizer records a score in the exam form; /banzhang record shows mine with exams and studies; a non-manager is refused another\'s', async () => {
      const zone = 'Asia/Shanghai';
      // Two past studies: 8 May with a topic (张三 checked in at 16:40), 15 May without one.
      await setTopic(h.db.prisma, h.app.policy, { actorId: 'E400', topic: '新产品话术', now: DateTime.fromISO('2026-05-07T10:00', { zone }) });
      for (const slot of ['2026-05-08T16:30+08:00', '2026-05-15T16:30+08:00']) expect((await runJob(h, kind, 'training-reminder', slot)).code).toBe(0);
      const may8 = await h.db.prisma.trainingSession.findFirstOrThrow({ where: { topic: '新产品话术' } });
      await checkIn(h.db.prisma, h.app.policy, { sessionId: may8.id, employeeId: 'E001', at: DateTime.fromISO('2026-05-08T16:40', { zone }), source: 'slack' });
      await importExamScores(h.db.prisma, 'employee_id,month,score\nE001,2026-04,85.5\n', { actor: 'cli', file: 'april.csv' });

      // The exam form: organizers only; a bad score is shown on its field; a good one is recorded and audited.
      expect(await say('U0001', 'exam')).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      expect(await say('U0400', 'exam')).toBe('');
      const modal = (await h.fake.waitFor('views.open', 1, 10_000))[0]!.body.view as { callback_id: string; blocks: Array<{ block_id?: string; element?: { options?: Array<{ value: string }>; initial_value?: string } }> };
      expect(modal.callback_id).toBe('training_exam');
      expect(modal.blocks.find((b) => b.block_id === 'training_exam_employee')!.element!.options!.map((o) => o.value)).toContain('E001');
      expect(modal.blocks.find((b) => b.block_id === 'training_exam_month')!.element!.initial_value).toBe('2026-05');
      const bad = JSON.parse(await (await h.submitView('U0400', 'training_exam', examValues('E001', '2026-05', '101'))).text()) as { response_action: string; errors: Record<string, string> };
      expect(bad).toEqual({ response_action: 'errors', errors: { training_exam_score: '成绩无效：101（0 到 100，最多两位小数）。' } });
      const ok = JSON.parse(await (await h.submitView('U0400', 'training_exam', examValues('E001', '2026-05', '92'))).text()) as { response_action: string; view: { blocks: Array<{ text: { text: string } }> } };
      expect(ok.response_action).toBe('update');
      expect(ok.view.blocks[0]!.text.text).toBe('已记录：张三，2026-05：92 分。');
      const scores = await h.db.prisma.examScore.findMany({ orderBy: { month: 'asc' } });
      expect(scores.map((s) => `${s.month} ${s.employeeId} ${s.score} ${s.source} ${s.recordedBy}`)).toEqual(['2026-04 E001 85.5 import cli', '2026-05 E001 92 slack E400']);
      expect((await h.db.prisma.auditLog.findMany({ where: { entity: 'exam_score', entityId: '2026-05:E001' } })).map((a) => `${a.actor} ${a.action}`)).toEqual(['E400 exam.create']);

      // My record: every month's exam and every study, attended or missed, with its topic.
      const mine = await say('U0001', 'record');
      expect(mine.split('\n')).toEqual([
        '培训档案 · 张三（E001）',
        '业务考试：',
        '• 2026-04：85.5 分',
        '• 2026-05：92 分',
        '业务学习：',
        '• 2026-05-08 新产品话术：已签到 16:40',
        '• 2026-05-15 未设主题：缺席',
      ]);
      // Another agent may not read it; the manager (E410), the manager's manager (E400) and the department head may.
      expect(await say('U0002', 'record E001')).toBe("You may not see E001's training record: only the employee, their managers and the study's organizers may.");
      expect(await say('U0420', 'record E001')).toBe("You may not see E001's training record: only the employee, their managers and the study's organizers may.");
      expect(await say('U0410', 'record E001')).toBe(mine);
      expect(await say('U0400', 'record E001')).toBe(mine);
      expect((await say('U0100', 'record E001')).split('\n')[0]).toBe('Training record · 张三 (E001)');
    });
  });
}
