/**
 * TRAIN-1..3 use cases on both databases, the cases the Slack end-to-end test
 * does not reach: check-in after the end, no training channel, holidays, the
 * next session of a topic, the plan jobs' edges, the exam form's refusals and
 * who may read a training record.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { attendanceText, slackTrainingReminder } from '../../src/channels/slack/blocks/training-blocks.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { importRoster } from '../../src/features/roster/roster-import.ts';
import { recordExamScore } from '../../src/features/training/exam-scores.ts';
import { sendPlanReminders, sendPlanReport, submitPlan } from '../../src/features/training/training-plan.ts';
import { trainingRecord } from '../../src/features/training/training-record.ts';
import { attendanceOf, checkIn, postTrainingReminder, setTopic } from '../../src/features/training/training-service.ts';
import { createScheduler, jobsFor } from '../../src/jobs/index.ts';
import { weeklyCron } from '../../src/jobs/training-reminder.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fixturePath } from '../support/fixtures.ts';
import { policyFrom } from '../policy/helpers.ts';

const zone = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone });
// Friday 2026-05-29 is a holiday in this policy (so is Monday 2026-06-01).
const policy = policyFrom({ calendar: { holidays: [{ date: '2026-05-29', name: '假日' }, { date: '2026-06-01', name: '假日' }] } });
const ORG = readFileSync(fixturePath('training-org.yaml'), 'utf8');
const render = (view: Parameters<typeof slackTrainingReminder>[0]) => slackTrainingReminder(view);
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? `${e.code} ${e.messageKey}` : String(e)));

it('TRAIN-1: the reminder and plan crons come from the policy (weekday and time, Sunday is 0)', () => {
  expect(weeklyCron('friday', '16:30')).toBe('30 16 * * 5');
  expect(weeklyCron('sunday', '09:05')).toBe('5 9 * * 0');
  const jobs = jobsFor(policyFrom({ training: { weekly: { weekday: 'thursday', time: '15:00' }, planDue: { weekday: 'tuesday', reminderAt: '08:30', reportAt: '11:00' } } }));
  expect(Object.fromEntries(jobs.filter((j) => j.name.startsWith('training-')).map((j) => [j.name, `${j.cron} ${j.timeZone}`]))).toEqual({
    'training-reminder': '0 15 * * 4 Asia/Shanghai',
    'training-plan-reminder': '30 8 * * 2 Asia/Shanghai',
    'training-plan-report': '0 11 * * 2 Asia/Shanghai',
  });
});

describeEachDatabase('training use cases', (current) => {
  async function floor(org = ORG) {
    const prisma = current().db.prisma;
    await importOrg(prisma, org, { actor: 'test', file: 'org.yaml' });
    return prisma;
  }

  it('TRAIN-1: check-in is refused after the session ends (nothing stored); until then once per person', async () => {
    const prisma = await floor();
    const r = await postTrainingReminder(prisma, policy, at('2026-05-08T16:30'), render);
    expect(r.outcome).toBe('enqueued');
    const sessionId = (r as { sessionId: number }).sessionId;
    expect(await codeOf(checkIn(prisma, policy, { sessionId, employeeId: 'E001', at: at('2026-05-08T18:30:01'), source: 'slack' }))).toBe('conflict training.error.session_over');
    expect(await prisma.trainingAttendance.count()).toBe(0);
    const first = await checkIn(prisma, policy, { sessionId, employeeId: 'E001', at: at('2026-05-08T18:29'), source: 'slack' });
    const second = await checkIn(prisma, policy, { sessionId, employeeId: 'E001', at: at('2026-05-08T18:29:30'), source: 'slack' });
    expect([first.outcome, second.outcome, second.checkedInAt.toFormat('HH:mm:ss')]).toEqual(['checked-in', 'already', '18:29:00']);
    expect(await codeOf(checkIn(prisma, policy, { sessionId: sessionId + 99, employeeId: 'E001', at: at('2026-05-08T17:00'), source: 'slack' }))).toBe('not_found training.error.no_session');
    // The same date from another slot: the reminder is not posted twice.
    expect((await postTrainingReminder(prisma, policy, at('2026-05-08T16:45'), render)).outcome).toBe('already-posted');
    expect(await prisma.outboxMessage.count({ where: { dedupeKey: 'training:reminder:2026-05-08' } })).toBe(1);
  });

  it('TRAIN-1: without a training channel the job finishes, logs a warning and creates and posts nothing; on a holiday nothing either', async () => {
    const prisma = await floor(ORG.replace('channels: { incidents: C0INC, rankings: C0RANK, training: C0TRAIN }', 'channels: { incidents: C0INC }'));
    const lines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });
    const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock: { now: () => at('2026-05-08T16:30') }, logger, owner: 'test' });
    const result = await scheduler.runSlot('training-reminder', at('2026-05-08T16:30'), { trigger: 'manual' });
    expect(result.outcome).toBe('finished');
    expect(lines.some((l) => JSON.parse(l).msg.startsWith('no training channel configured'))).toBe(true);
    expect(await prisma.trainingSession.count()).toBe(0);
    expect(await prisma.outboxMessage.count()).toBe(0);

    const withChannel = await floor();
    expect(await postTrainingReminder(withChannel, policy, at('2026-05-29T16:30'), render)).toEqual({ outcome: 'not-a-working-day', date: '2026-05-29' });
    expect(await withChannel.trainingSession.count()).toBe(0);
  });

  it('TRAIN-1: the topic goes to today\'s session until it ends, then to the next study day that is not a holiday; a replacement is audited', async () => {
    const prisma = await floor();
    expect(await setTopic(prisma, policy, { actorId: 'E400', topic: 'A', now: at('2026-05-08T18:29') })).toEqual({ date: '2026-05-08', time: '16:30', replaced: null });
    expect(await setTopic(prisma, policy, { actorId: 'E400', topic: 'B', now: at('2026-05-08T18:31') })).toEqual({ date: '2026-05-15', time: '16:30', replaced: null });
    expect(await setTopic(prisma, policy, { actorId: 'E400', topic: 'C', now: at('2026-05-09T09:00') })).toEqual({ date: '2026-05-15', time: '16:30', replaced: 'B' });
    // 29 May is a holiday: a topic set after the 22nd's study goes to 5 June.
    expect((await setTopic(prisma, policy, { actorId: 'E400', topic: 'D', now: at('2026-05-23T09:00') })).date).toBe('2026-06-05');
    expect(await codeOf(setTopic(prisma, policy, { actorId: 'E410', topic: 'E', now: at('2026-05-09T09:00') }))).toBe('forbidden training.error.organizers_only');
    expect(await codeOf(setTopic(prisma, policy, { actorId: 'E400', topic: '  ', now: at('2026-05-09T09:00') }))).toBe('bad_input training.error.topic_required');
    const audit = await prisma.auditLog.findMany({ where: { action: 'training.topic.set' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.entityId} ${(a.details as { topic: string; replaced: string | null }).topic}<${(a.details as { replaced: string | null }).replaced}`)).toEqual([
      '2026-05-08 A<null',
      '2026-05-15 B<null',
      '2026-05-15 C<B',
      '2026-06-05 D<null',
    ]);
    // The reminder of the 15th carries its topic; the session row made by the topic is the one posted.
    await postTrainingReminder(prisma, policy, at('2026-05-15T16:30'), render);
    const post = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'training:reminder:2026-05-15' } });
    expect((post.payload as { text: string }).text).toContain('本周主题：C');
    expect(post.target).toBe('C0TRAIN');
    expect(await prisma.trainingSession.count({ where: { date: new Date('2026-05-15T00:00:00Z') } })).toBe(1);
  });

  it('TRAIN-1: attendance of the latest started session names why each was excused (rest day, rostered shift)', async () => {
    const prisma = await floor();
    await importRoster(prisma, 'employee_id,date,segments\nE002,2026-05-15,rest\nE003,2026-05-15,afternoon\n', { actor: 'test', file: 'r.csv', policy });
    await postTrainingReminder(prisma, policy, at('2026-05-08T16:30'), render);
    await postTrainingReminder(prisma, policy, at('2026-05-15T16:30'), render);
    const roll = await attendanceOf(prisma, policy, { actorId: 'E400', now: at('2026-05-15T17:00') });
    expect(roll.session.date).toBe('2026-05-15');
    expect(attendanceText('en', roll).split('\n')).toEqual([
      'Weekly study 2026-05-15 16:30 · topic: no topic set',
      'Checked in (0): nobody',
      'Expected and missed (2): 张三, 赵六',
      'Excused (2): Li Si (rest day), 王五 (on shift (afternoon))',
    ]);
    expect((await attendanceOf(prisma, policy, { actorId: 'E400', now: at('2026-05-15T16:29') })).session.date).toBe('2026-05-08');
    expect(await codeOf(attendanceOf(prisma, policy, { actorId: 'E400', now: at('2026-05-15T17:00'), date: '2026-05-14' }))).toBe('not_found training.error.no_session_on');
    expect(await codeOf(attendanceOf(prisma, policy, { actorId: 'E001', now: at('2026-05-15T17:00') }))).toBe('forbidden training.error.organizers_only');
  });

  it('TRAIN-2: an owner who already submitted is not reminded; the report says when all have; only owners submit; holidays skip', async () => {
    const prisma = await floor();
    await submitPlan(prisma, policy, { employeeId: 'E420', content: 'plan', now: at('2026-05-10T20:00') }); // Sunday: the week of Monday the 4th
    await submitPlan(prisma, policy, { employeeId: 'E420', content: 'plan', now: at('2026-05-11T08:00') });
    expect(await sendPlanReminders(prisma, policy, at('2026-05-11T09:00'), () => ({ text: 'x' }))).toEqual(['E410']);
    await submitPlan(prisma, policy, { employeeId: 'E410', content: 'plan', now: at('2026-05-11T10:00') });
    expect(await sendPlanReport(prisma, policy, at('2026-05-11T12:00'))).toEqual({ weekStart: '2026-05-11', missing: [], leaders: ['E400'] });
    const report = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'training-plan:report:2026-05-11:E400' } });
    expect((report.payload as { text: string }).text).toBe('周培训计划（2026-05-11 这一周）：2 人已全部提交。');
    expect((await prisma.trainingPlan.findMany({ orderBy: [{ weekStart: 'asc' }, { employeeId: 'asc' }] })).map((p) => `${p.weekStart.toISOString().slice(0, 10)} ${p.employeeId}`)).toEqual([
      '2026-05-04 E420',
      '2026-05-11 E410',
      '2026-05-11 E420',
    ]);
    expect(await codeOf(submitPlan(prisma, policy, { employeeId: 'E001', content: 'plan', now: at('2026-05-11T10:00') }))).toBe('forbidden training.error.plan_owners_only');
    expect(await sendPlanReminders(prisma, policy, at('2026-06-01T09:00'), () => ({ text: 'x' }))).toEqual([]);
    expect((await sendPlanReport(prisma, policy, at('2026-06-01T12:00'))).leaders).toEqual([]);
  });

  it('TRAIN-3: the exam form is for organizers; an unknown employee or a bad month is refused on its field; the score is upserted', async () => {
    const prisma = await floor();
    const record = (actorId: string, employeeId: string, month: string, score: string) => recordExamScore(prisma, policy, { actorId, employeeId, month, score, source: 'slack' });
    expect(await codeOf(record('E001', 'E002', '2026-05', '90'))).toBe('forbidden training.error.organizers_only');
    const unknown = (await record('E400', 'E999', '2026-05', '90').catch((e: unknown) => e)) as AppError;
    expect([unknown.messageKey, unknown.details.field]).toEqual(['training.error.unknown_employee', 'employee']);
    const month = (await record('E400', 'E002', '2026-5', '90').catch((e: unknown) => e)) as AppError;
    expect([month.messageKey, month.details.field]).toEqual(['training.error.bad_month', 'month']);
    expect(await record('E400', 'E002', '2026-05', '90')).toEqual({ outcome: 'created', name: 'Li Si', score: 90 });
    expect(await record('E400', 'E002', '2026-05', '90.00')).toEqual({ outcome: 'unchanged', name: 'Li Si', score: 90 });
    expect(await record('E400', 'E002', '2026-05', '77.5')).toEqual({ outcome: 'replaced', name: 'Li Si', score: 77.5 });
    expect(await prisma.examScore.findMany()).toMatchObject([{ month: '2026-05', employeeId: 'E002', score: 77.5, recordedBy: 'E400', source: 'slack' }]);
  });

  it('TRAIN-3: the record: mine; my managers up the chain, the center manager and organizers see it; a peer manager is refused', async () => {
    const prisma = await floor();
    const read = (viewerId: string, employeeId?: string) =>
      codeOf(trainingRecord(prisma, policy, { viewerId, now: at('2026-05-21T10:00'), ...(employeeId ? { employeeId } : {}) }));
    expect(await read('E001')).toBe('ok');
    expect(await read('E410', 'E001')).toBe('ok'); // the manager
    expect(await read('E400', 'E001')).toBe('ok'); // the manager's manager (and an organizer)
    expect(await read('E500', 'E001')).toBe('ok'); // the manager of the manager's manager, and center manager
    expect(await read('E100', 'E001')).toBe('ok'); // dept head
    expect(await read('E420', 'E001')).toBe('forbidden training.error.record_not_allowed');
    expect(await read('E002', 'E001')).toBe('forbidden training.error.record_not_allowed');
    expect(await read('E002', 'E999')).toBe('forbidden training.error.record_not_allowed'); // no probing who exists
    expect(await read('E400', 'E999')).toBe('not_found training.error.unknown_employee');
  });
});
