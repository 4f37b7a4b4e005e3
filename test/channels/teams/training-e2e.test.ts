/**
 * Training over Teams end to end (the scenarios of test/channels/slack/training-e2e.test.ts),
 * activities posted to the real server, the fake Bot Connector, both databases:
 * TRAIN-1 the team leader sets the topic with `training topic …`, an approved
 * meeting absence excuses one agent, the reminder reaches the Teams training
 * channel once, two agents check in with its button, `training attendance`
 * names the absentee, and the month-end ranking costs only them PERF-5 points;
 * TRAIN-2 the plan reminder's button opens the plan form, submitted (again:
 * replaced), the report names the other owner; TRAIN-3 the exam form and `record`.
 * Jobs run through the scheduler's own slot path (as `jobs run` does).
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { importExamScores } from '../../../src/features/training/exam-scores.ts';
import { trainingAbsences } from '../../../src/features/training/training-facts.ts';
import { checkIn, setTopic } from '../../../src/features/training/training-service.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/training-org-teams.yaml');
const TRAINING = '19:training@thread.tacv2';
const aad = (id: string) => `00000000-0000-0000-0000-000000000${id.slice(1)}`;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

/** The Teams test kit: what a person types and gets back, the jobs' slots. */
function kit(h: () => TeamsHarness) {
  return {
    /** Types `text` in the personal chat; the reply there (text, or the card). */
    async say(id: string, text: string): Promise<{ text: string; card?: Card }> {
      const inChat = (c: FakeTeamsCall) => c.conversationId === dm(aad(id));
      const before = h().fake.calls('reply').filter(inChat).length;
      expect((await h().say(aad(id), text)).status).toBe(200);
      const reply = (await h().fake.waitFor('reply', before + 1, { where: inChat }))[before]!;
      return reply.body.attachments ? { text: '', card: cardOf(reply) } : { text: String(reply.body.text) };
    },
    async press(id: string, verb: string, data: Record<string, unknown>) {
      const answer = await h().invoke(aad(id), verb, data);
      expect(answer.status).toBe(200);
      return answer.body;
    },
    async runJob(name: string, at: string) {
      const policy = h().app.policy;
      const scheduler = createScheduler({ prisma: h().db.prisma, policy, jobs: jobsFor(policy), clock: h().app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: false, teams: true } });
      return (await scheduler.runSlot(name, DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
    },
    sendsTo: (conversation: string, match: RegExp = /./) => h().fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && match.test(textOf(c.body))),
  };
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`weekly study over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    const k = kit(() => h);
    beforeAll(async () => {
      // Friday 2026-05-08, 16:20 in Shanghai: ten minutes before the weekly study (16:30, 120 minutes).
      h = await startTeamsHarness(kind, { clock: '2026-05-08T16:20:00+08:00', orgFile: ORG });
      // banzhang is installed in the training channel: someone spoke to it there once.
      expect((await h.sayInChannel(aad('E400'), TRAINING, 'help')).status).toBe(200);
    });
    afterAll(async () => h?.close());

    it('TRAIN-1: topic by the team leader, reminder posted once with it, two check-ins, the one on meeting leave excused, the third missed and costed PERF-5 at month end', async () => {
      expect((await k.say('E001', 'training topic 我的主题')).text).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      expect((await k.say('E400', 'training topic 新产品话术与异议处理')).text).toBe('2026-05-08 16:30 业务学习主题：新产品话术与异议处理');
      expect((await k.say('E400', 'training')).text).toBe('用法：/banzhang training topic 主题 或 /banzhang training attendance [YYYY-MM-DD]。');
      const topicAudit = await h.db.prisma.auditLog.findMany({ where: { action: 'training.topic.set' } });
      expect(topicAudit.map((a) => `${a.actor} ${a.entityId}`)).toEqual(['E400 2026-05-08']);

      // LEAVE-4: 赵六 asks the team leader beforehand for a meeting absence this afternoon; approved on Teams.
      const filed = await k.press('E004', 'leave.submit', { form: 'leave', leaveType: 'meeting', leaveStart: '2026-05-08', leaveEnd: '', leavePart: 'afternoon', leaveReason: '客户回访', leaveEmergency: 'no' });
      expect(filed.type).toBe('application/vnd.microsoft.card.adaptive');
      const request = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E004' } });
      expect(request.approverId).toBe('E400');
      await k.press('E400', 'leave.approve', { requestId: request.id });
      expect((await h.db.prisma.leaveRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('approved');

      // The reminder: once to the Teams training channel, with the topic and Check in.
      expect(await k.runJob('training-reminder', '2026-05-08T16:30+08:00')).toBe('finished');
      await expect.poll(() => k.sendsTo(TRAINING, /业务学习/).length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(k.sendsTo(TRAINING, /业务学习/)[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('本周主题：新产品话术与异议处理');
      const session = await h.db.prisma.trainingSession.findFirstOrThrow();
      expect(card.actions).toEqual([expect.objectContaining({ verb: 'training.checkIn', data: { sessionId: session.id } })]);
      expect(await k.runJob('training-reminder', '2026-05-08T16:30+08:00')).toBe('already-done');

      // Two agents check in; a second press changes nothing; someone outside the org is refused.
      const checkInAs = async (id: string) => String((await k.press(id, 'training.checkIn', { sessionId: session.id })).value);
      expect(await checkInAs('E001')).toMatch(/^已签到 2026-05-08 业务学习，签到时间 16:2\d。$/);
      expect(await checkInAs('E002')).toMatch(/^Checked in to the weekly study of 2026-05-08 at 16:2\d\.$/);
      expect(await checkInAs('E001')).toMatch(/^你已签到 2026-05-08 业务学习（16:2\d），无需重复签到。$/);
      expect(await checkInAs('E999')).toContain('你还不在班长的组织名单中');
      const attendance = await h.db.prisma.trainingAttendance.findMany({ orderBy: { employeeId: 'asc' } });
      expect(attendance.map((a) => `${a.employeeId} ${a.source}`)).toEqual(['E001 teams', 'E002 teams']);

      // The attendance, for organizers only: 王五 missed; 赵六 excused by the approved meeting absence.
      expect((await k.say('E003', 'training attendance 2026-05-08')).text).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      const sheet = (await k.say('E400', 'training attendance 2026-05-08')).text.split('\n');
      expect(sheet[0]).toBe('业务学习 2026-05-08 16:30 · 主题：新产品话术与异议处理');
      expect(sheet[1]).toMatch(/^已签到（2）：张三 16:2\d、Li Si 16:2\d$/);
      expect(sheet[2]).toBe('应到未到（1）：王五');
      expect(sheet[3]).toBe('免于参加（1）：赵六（会议请假，下午）');
      // Typed in a channel, the sheet goes to the organizer's personal chat; the channel only hears so (Slack answers it ephemerally).
      expect((await h.sayInChannel(aad('E400'), TRAINING, 'training attendance 2026-05-08')).status).toBe(200);
      const inChannel = (await h.fake.waitFor('reply', 1, { where: (c) => c.conversationId?.startsWith(`${TRAINING};`) === true && textOf(c.body).includes('私聊') }))[0]!;
      expect(inChannel.body.text).toBe('已发到你与班长的私聊中（不在频道中显示）。');
      await expect.poll(() => k.sendsTo(dm(aad('E400')), /应到未到（1）：王五/).length, { timeout: 15_000 }).toBe(1);

      const facts = await trainingAbsences(h.db.prisma, h.app.policy, '2026-05', DateTime.fromISO('2026-05-08T18:31', { zone: 'Asia/Shanghai' }));
      expect(facts.get('E003')).toEqual({ expected: ['2026-05-08'], unexcused: ['2026-05-08'] });
      expect(facts.get('E001')).toEqual({ expected: ['2026-05-08'], unexcused: [] });
      expect(facts.has('E004')).toBe(false);

      // PERF-5 at month end: only the absentee loses the training absence points (own-score card on Teams).
      expect(await k.runJob('month-end-ranking', '2026-05-29T18:00+08:00')).toBe('finished');
      const own = (id: string) => k.sendsTo(dm(aad(id)), /2026-05 的绩效得分|performance score for 2026-05/);
      await expect.poll(() => ['E001', 'E002', 'E003', 'E004'].map((id) => own(id).length).join(','), { timeout: 15_000 }).toBe('1,1,1,1');
      expect(textOf(cardOf(own('E003')[0]!))).toContain(`PERF-5 -${h.app.policy.perf.trainingAbsencePoints}：无故缺席业务学习 1 次`);
      for (const present of ['E001', 'E002', 'E004']) expect(textOf(cardOf(own(present)[0]!))).not.toContain('PERF-5');
    });
  });
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`weekly training plan over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    const k = kit(() => h);
    beforeAll(async () => {
      // Monday 2026-05-11, 08:55: the plan is due this morning.
      h = await startTeamsHarness(kind, { clock: '2026-05-11T08:55:00+08:00', orgFile: ORG });
      // Someone installed banzhang in the tenant: it can open a chat with the plan owners.
      expect((await h.install(aad('E400'))).status).toBe(200);
    });
    afterAll(async () => h?.close());

    it('TRAIN-2: the 09:00 reminder reaches the two plan owners with the form button; one submits (again: replaced); the 12:00 report names only the other', async () => {
      expect(await k.runJob('training-plan-reminder', '2026-05-11T09:00+08:00')).toBe('finished');
      const PLAN = /training plan|周培训计划/;
      await expect.poll(() => k.sendsTo(dm(aad('E410')), PLAN).length + k.sendsTo(dm(aad('E420')), PLAN).length, { timeout: 15_000 }).toBe(2);
      const reminder = cardOf(k.sendsTo(dm(aad('E410')), PLAN)[0]!);
      expect(validateCard(reminder)).toEqual([]);
      expect(textOf(reminder)).toContain('请提交本周的周培训计划（2026-05-11 这一周）。');
      expect(textOf(k.sendsTo(dm(aad('E420')), PLAN)[0]!.body)).toContain("Please submit this week's training plan (week of 2026-05-11).");
      expect(reminder.actions).toEqual([expect.objectContaining({ verb: 'training.planOpen', data: { weekStart: '2026-05-11' } })]);

      // Only plan owners get the form.
      expect((await k.say('E003', 'plan')).text).toBe('周培训计划由外呼管理员和投诉管理员提交。');
      expect(String((await k.press('E003', 'training.planOpen', { weekStart: '2026-05-11' })).value)).toBe('周培训计划由外呼管理员和投诉管理员提交。');
      const opened = await k.press('E410', 'training.planOpen', reminder.actions![0]!.data as Record<string, unknown>);
      const form = opened.value as Card;
      expect(validateCard(form)).toEqual([]);
      expect(textOf(form)).toContain('2026-05-11');
      expect(form.actions).toEqual([expect.objectContaining({ verb: 'training.planSubmit', data: { weekStart: '2026-05-11' } })]);
      const typed = (await k.say('E410', 'plan')).card!;
      expect(typed.actions![0]!.data).toEqual({ weekStart: '2026-05-11' });

      const submit = (text: string) => k.press('E410', 'training.planSubmit', { weekStart: '2026-05-11', planText: text });
      expect(textOf((await submit('  ')).value)).toContain('请先填写培训计划再提交');
      expect(await h.db.prisma.trainingPlan.count()).toBe(0);
      expect(textOf((await submit('周三：新话术演练')).value)).toContain('已收到你 2026-05-11 这一周的周培训计划。');
      // The form again shows what was sent, to edit.
      expect((await k.press('E410', 'training.planOpen', { weekStart: '2026-05-11' })).value).toMatchObject({ body: expect.arrayContaining([expect.objectContaining({ id: 'planText', value: '周三：新话术演练' })]) });
      expect(textOf((await submit('周三：新话术演练；周五：异议处理')).value)).toContain('你 2026-05-11 这一周的周培训计划已更新为新提交的内容。');
      const plans = await h.db.prisma.trainingPlan.findMany();
      expect(plans.map((p) => `${p.weekStart.toISOString().slice(0, 10)} ${p.employeeId} ${p.content}`)).toEqual(['2026-05-11 E410 周三：新话术演练；周五：异议处理']);
      const audit = await h.db.prisma.auditLog.findMany({ where: { entity: 'training_plan' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.actor} ${a.action} ${a.entityId}`)).toEqual(['E410 training.plan.submit 2026-05-11:E410', 'E410 training.plan.replace 2026-05-11:E410']);

      // 12:00: the team leader hears who has not submitted: only the complaint manager.
      expect(await k.runJob('training-plan-report', '2026-05-11T12:00+08:00')).toBe('finished');
      await expect.poll(() => k.sendsTo(dm(aad('E400')), PLAN).length, { timeout: 15_000 }).toBe(1);
      expect(textOf(k.sendsTo(dm(aad('E400')), PLAN)[0]!.body)).toContain('周培训计划（2026-05-11 这一周）：1 人未提交：Complaint Manager (E420)');
      expect(await k.runJob('training-plan-report', '2026-05-11T12:00+08:00')).toBe('already-done');
    });
  });
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`exam scores and the training record over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    const k = kit(() => h);
    beforeAll(async () => {
      // Thursday 2026-05-21, 10:00: two studies are over (8 and 15 May).
      h = await startTeamsHarness(kind, { clock: '2026-05-21T10:00:00+08:00', orgFile: ORG });
    });
    afterAll(async () => h?.close());

    it("TRAIN-3: the organizer records a score in the exam form; `record` shows mine with exams and studies; a non-manager is refused another's", async () => {
      const zone = 'Asia/Shanghai';
      await setTopic(h.db.prisma, h.app.policy, { actorId: 'E400', topic: '新产品话术', now: DateTime.fromISO('2026-05-07T10:00', { zone }) });
      for (const slot of ['2026-05-08T16:30+08:00', '2026-05-15T16:30+08:00']) expect(await k.runJob('training-reminder', slot)).toBe('finished');
      const may8 = await h.db.prisma.trainingSession.findFirstOrThrow({ where: { topic: '新产品话术' } });
      await checkIn(h.db.prisma, h.app.policy, { sessionId: may8.id, employeeId: 'E001', at: DateTime.fromISO('2026-05-08T16:40', { zone }), source: 'teams' });
      await importExamScores(h.db.prisma, 'employee_id,month,score\nE001,2026-04,85.5\n', { actor: 'cli', file: 'april.csv' });

      // The exam form: organizers only; a bad score comes back beside its field; a good one is recorded and audited.
      expect((await k.say('E001', 'exam')).text).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      const form = (await k.say('E400', 'exam')).card!;
      expect(validateCard(form)).toEqual([]);
      const employee = form.body.find((e) => e.id === 'examEmployee')!;
      expect((employee.choices as Array<{ value: string }>).map((c) => c.value)).toContain('E001');
      expect(form.body.find((e) => e.id === 'examMonth')!.value).toBe('2026-05');
      const bad = await k.press('E400', 'training.examSubmit', { examEmployee: 'E001', examMonth: '2026-05', examScore: '101' });
      const badCard = bad.value as Card;
      expect(validateCard(badCard)).toEqual([]);
      const scoreAt = badCard.body.findIndex((e) => e.id === 'examScore');
      expect(badCard.body[scoreAt + 1]).toMatchObject({ type: 'TextBlock', text: '成绩无效：101（0 到 100，最多两位小数）。', color: 'Attention' });
      expect(badCard.body[scoreAt]!.value).toBe('101');
      expect(await h.db.prisma.examScore.count({ where: { month: '2026-05' } })).toBe(0);
      expect(String((await k.press('E001', 'training.examSubmit', { examEmployee: 'E001', examMonth: '2026-05', examScore: '100' })).value)).toBe('只有业务学习的组织者（话务班长、培训督导）可以进行此操作。');
      const ok = await k.press('E400', 'training.examSubmit', { examEmployee: 'E001', examMonth: '2026-05', examScore: '92' });
      expect(textOf(ok.value)).toContain('已记录：张三，2026-05：92 分。');
      const scores = await h.db.prisma.examScore.findMany({ orderBy: { month: 'asc' } });
      expect(scores.map((s) => `${s.month} ${s.employeeId} ${s.score} ${s.source} ${s.recordedBy}`)).toEqual(['2026-04 E001 85.5 import cli', '2026-05 E001 92 teams E400']);
      expect((await h.db.prisma.auditLog.findMany({ where: { entity: 'exam_score', entityId: '2026-05:E001' } })).map((a) => `${a.actor} ${a.action}`)).toEqual(['E400 exam.create']);

      // My record: every month's exam and every study, attended or missed, with its topic.
      const mine = (await k.say('E001', 'record')).text;
      expect(mine.split('\n')).toEqual([
        '培训档案 · 张三（E001）',
        '业务考试：',
        '• 2026-04：85.5 分',
        '• 2026-05：92 分',
        '业务学习：',
        '• 2026-05-08 新产品话术：已签到 16:40',
        '• 2026-05-15 未设主题：缺席',
      ]);
      expect((await k.say('E002', 'record E001')).text).toBe("You may not see E001's training record: only the employee, their managers and the study's organizers may.");
      expect((await k.say('E410', 'record E001')).text).toBe(mine);
      expect((await k.say('E400', 'record E001')).text).toBe(mine);
      expect((await k.say('E100', 'record E001')).text.split('\n')[0]).toBe('Training record · 张三 (E001)');
    });
  });
}
