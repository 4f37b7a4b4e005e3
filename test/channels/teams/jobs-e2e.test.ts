/**
 * What banzhang sends on its own reaches Teams (issue 8): a Teams-only floor
 * (AAD ids, Teams channels; no Slack ids, Slack off), the real server with the
 * fake Bot Connector, both databases. Jobs run through the scheduler's runSlot
 * in the server's process (the path `jobs run` takes), with the server's chat
 * settings (Teams on, Slack off).
 *
 * - TRAIN-1: the weekly study reminder goes to the Teams training channel with
 *   a Check in button (Action.Execute); Teams users check in with it, once.
 * - LATE-8: the daily tally goes to the team's Teams channel, once.
 * - PERF-7 / PERF-5: the month-end ranking goes to the Teams rankings channel
 *   and DMs every ranked Teams user their own lines (a 1:1 chat opened on demand).
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const ORG = path.join(import.meta.dirname, 'fixtures/org-teams-jobs.yaml');
// Friday 2026-05-08, 16:20 in Shanghai: ten minutes before the weekly study (16:30, 120 minutes).
const CLOCK = '2026-05-08T16:20:00+08:00';
const TRAINING = '19:training@thread.tacv2';
const RANKINGS = '19:rankings@thread.tacv2';
const TEAM = '19:outbound-a@thread.tacv2';
const aad = (id: string) => `00000000-0000-0000-0000-000000000${id.slice(1)}`;

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`jobs reach Teams [${kind}]`, () => {
    let h: TeamsHarness;
    beforeAll(async () => {
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: ORG });
      // banzhang is installed in the three channels: someone speaks to it there once (the reference is stored).
      for (const channel of [TRAINING, RANKINGS, TEAM]) expect((await h.sayInChannel(aad('E400'), channel, 'help')).status).toBe(200);
    });
    afterAll(async () => h?.close());

    const runJob = async (name: string, at: string) => {
      const policy = h.app.policy;
      const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: false, teams: true } });
      return (await scheduler.runSlot(name, DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
    };
    const sendsTo = (conversation: string, match: RegExp = /./) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && match.test(textOf(c.body)));

    it('TRAIN-1: the reminder reaches the Teams training channel once; Teams users check in with its button, a second press changes nothing', async () => {
      expect(await runJob('training-reminder', '2026-05-08T16:30+08:00')).toBe('finished');
      const [post] = await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === TRAINING && textOf(c.body).includes('2026-05-08 16:30') });
      const card = cardOf(post!);
      expect(validateCard(card)).toEqual([]);
      const session = await h.db.prisma.trainingSession.findFirstOrThrow();
      expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'training.checkIn', data: { sessionId: session.id } })]);
      const rows = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'training:reminder:' } } });
      expect(rows.map((r) => `${r.platform} ${r.target} ${r.dedupeKey}`)).toEqual([`teams ${TRAINING} training:reminder:2026-05-08:teams`]);
      expect(await runJob('training-reminder', '2026-05-08T16:30+08:00')).toBe('already-done');

      const press = (who: string) => h.invoke(aad(who), 'training.checkIn', card.actions![0]!.data as Record<string, unknown>);
      const first = await press('E001');
      expect(first.status).toBe(200);
      expect(String(first.body.value)).toMatch(/^已签到 2026-05-08 业务学习，签到时间 16:20。$/);
      expect(String((await press('E002')).body.value)).toBe('Checked in to the weekly study of 2026-05-08 at 16:20.');
      expect(String((await press('E001')).body.value)).toMatch(/^你已签到 2026-05-08 业务学习（16:20），无需重复签到。$/);
      const attendance = await h.db.prisma.trainingAttendance.findMany({ orderBy: { employeeId: 'asc' } });
      expect(attendance.map((a) => `${a.employeeId} ${a.source}`)).toEqual(['E001 teams', 'E002 teams']);
      await new Promise((r) => setTimeout(r, 1000));
      expect(sendsTo(TRAINING, /2026-05-08 16:30/)).toHaveLength(1);
    });

    it('LATE-8: the daily tally reaches the team\'s Teams channel once, with its own people and no money', async () => {
      expect(await runJob('daily-lateness-tally', '2026-05-08T21:35+08:00')).toBe('finished');
      const [post] = await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === TEAM && textOf(c.body).includes('外呼一组') });
      const card = cardOf(post!);
      expect(validateCard(card)).toEqual([]);
      const text = textOf(card);
      expect(text).toContain('2026-05-08');
      expect(text).toContain('王五'); // no clock-in: absent
      expect(text).not.toContain('班长'); // another team's member
      expect(text).not.toContain('¥');
      const rows = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'tally:' } } });
      expect(rows.map((r) => `${r.platform} ${r.target} ${r.dedupeKey}`)).toEqual([`teams ${TEAM} tally:outbound-a:2026-05-08:teams`]);
      expect(await runJob('daily-lateness-tally', '2026-05-08T21:35+08:00')).toBe('already-done');
      await new Promise((r) => setTimeout(r, 1000));
      expect(sendsTo(TEAM, /外呼一组/)).toHaveLength(1);
    });

    it('PERF-7: the month-end ranking reaches the Teams rankings channel and DMs each ranked Teams user their own lines (PERF-5 for the absentee only)', async () => {
      expect(await runJob('month-end-ranking', '2026-05-29T18:00+08:00')).toBe('finished');
      await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === RANKINGS });
      const own = (id: string) => sendsTo(dm(aad(id)), /2026-05 的绩效得分|performance score for 2026-05/);
      await expect.poll(() => ['E001', 'E002', 'E003', 'E004'].map((id) => own(id).length).join(','), { timeout: 15_000 }).toBe('1,1,1,1');
      for (const id of ['E001', 'E002', 'E003', 'E004']) expect(validateCard(cardOf(own(id)[0]!))).toEqual([]);
      expect(textOf(cardOf(own('E003')[0]!))).toContain(`PERF-5 -${h.app.policy.perf.trainingAbsencePoints}：无故缺席业务学习 1 次`);
      for (const present of ['E001', 'E002']) expect(textOf(cardOf(own(present)[0]!))).not.toContain('PERF-5');
      const rows = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'ranking:2026-05:' } } });
      expect(rows.every((r) => r.platform === 'teams' && r.dedupeKey.endsWith(':teams'))).toBe(true);
      expect(rows.map((r) => r.dedupeKey)).toContain('ranking:2026-05:own:E003:teams');
      // Nobody was addressed on Slack, which is off.
      expect(await h.db.prisma.outboxMessage.count({ where: { platform: 'slack' } })).toBe(0);
    });

    it('PAY-8: on the first working day of June the May statement reaches each Teams user by DM, once', async () => {
      expect(await runJob('month-end-pay-statements', '2026-06-01T09:00+08:00')).toBe('finished');
      const statement = (id: string) => sendsTo(dm(aad(id)), /2026-05 薪资明细|2026-05 pay statement|Pay statement/);
      await expect.poll(() => statement('E001').length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(statement('E001')[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('2026-05 薪资明细 — 张三');
      const rows = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'pay-statement:2026-05:' } } });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.platform === 'teams' && r.dedupeKey.endsWith(':teams'))).toBe(true);
      expect(rows.map((r) => r.dedupeKey)).toContain('pay-statement:2026-05:E002:teams');
      expect(await runJob('month-end-pay-statements', '2026-06-01T09:00+08:00')).toBe('already-done');
    });

    it('LEAVE-3: the sweeps tell the approver of an overdue sick proof over Teams', async () => {
      const filed = await h.invoke(aad('E003'), 'leave.submit', { form: 'leave', leaveType: 'sick', leaveStart: '2026-05-08', leaveEnd: '', leavePart: 'full', leaveReason: '', leaveEmergency: 'no' });
      expect(filed.status).toBe(200);
      const request = await h.db.prisma.leaveRequest.findFirstOrThrow({ where: { employeeId: 'E003' } });
      expect(await runJob('leave-sweeps', '2026-05-20T20:00+08:00')).toBe('finished');
      const notice = (await h.fake.waitFor('send', 1, { okOnly: true, where: (c) => c.conversationId === dm(aad(request.approverId)) && textOf(c.body).includes(`#${request.id}`) && /逾期|overdue/.test(textOf(c.body)) }))[0]!;
      expect(textOf(notice.body)).toContain('王五');
      const rows = await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `leave:${request.id}:proof-overdue` } } });
      expect(rows.map((r) => `${r.platform} ${r.target} ${r.dedupeKey}`)).toEqual([`teams ${aad(request.approverId)} leave:${request.id}:proof-overdue:teams`]);
    });
  });
}
