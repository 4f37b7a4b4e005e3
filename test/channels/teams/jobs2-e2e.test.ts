/**
 * The rest of what banzhang sends on its own reaches Teams (issue 8, part 3): a
 * Teams-only floor (AAD ids, Teams channels, Slack off), the real server with
 * the fake Bot Connector, both databases. Jobs run through the scheduler's
 * runSlot in the server's process (the path `jobs run` takes), with the
 * server's chat settings (Teams on, Slack off).
 *
 * - MEET-2: the report deadline reminder reaches each manager due that day on
 *   Teams once, with Mark as submitted (Action.Execute); only the row's own
 *   employee marks it, a second press changes nothing; the late flag reaches
 *   the team leader on Teams once.
 * - PERF-1: the summary reminder reaches the agent who has not filed on Teams
 *   once, with a button that opens the form there.
 * - TRAIN-2: the weekly plan reminder reaches the plan owner who has not
 *   submitted on Teams once (a button opens the form); the report reaches the team
 *   leader on Teams once, naming only the missing owner.
 * - LATE-9: the monthly lateness report reaches the team leader on Teams once.
 * - SUGG-2: the owner's deadline reminder, the overdue notice and the weekly
 *   digest reach Teams users once each.
 * - INC-4: an incident not acknowledged in time is escalated to the center
 *   manager on Teams once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsReportDeadlineRenderer } from '../../../src/channels/teams/cards/meetings-cards.ts';
import { teamsSummaryReminder } from '../../../src/channels/teams/cards/summary-cards.ts';
import { teamsPlanReminder } from '../../../src/channels/teams/cards/training-plan-cards.ts';
import { submitPlan } from '../../../src/features/training/training-plan.ts';
import { rateSuggestion, reviewSuggestion, submitSuggestion, type SuggestionDeps } from '../../../src/features/suggestions/suggestion-service.ts';
import { slackSuggestionRenderer } from '../../../src/channels/slack/blocks/suggestion-blocks.ts';
import { teamsSuggestionJobRenderer } from '../../../src/channels/teams/cards/suggestion-cards.ts';
import { slackIncidentRenderer } from '../../../src/channels/slack/blocks/incident-blocks.ts';
import { fileIncident } from '../../../src/features/incidents/incident-service.ts';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { monthlyReportDate } from '../../../src/policy/lateness/index.ts';
import { dateColumn } from '../../../src/shared/db/types.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const aad = (n: string) => `00000000-0000-0000-0000-${n.padStart(12, '0')}`;
const ORG = `center: { name: 张家界移动外呼中心, timeZone: Asia/Shanghai }
channels: { teams: { incidents: "19:incidents@thread.tacv2", rankings: "19:rankings@thread.tacv2", training: "19:training@thread.tacv2" } }
teams:
  - { id: office, name: 中心办公室 }
  - { id: outbound-a, name: 外呼一组, channel: "19:outbound-a@thread.tacv2" }
employees:
  - { id: M001, name: 投诉经理, role: complaint_manager, team: office, manager: M400, hireDate: 2020-01-01, locale: zh-CN, teams: ${aad('1')} }
  - { id: M002, name: Outbound Boss, role: outbound_manager, team: office, manager: M400, hireDate: 2020-01-01, locale: en, teams: ${aad('2')} }
  - { id: M400, name: 班长, role: team_leader, team: office, manager: C500, hireDate: 2019-05-01, locale: zh-CN, teams: ${aad('400')} }
  - { id: C500, name: 中心经理, role: center_manager, team: office, hireDate: 2017-05-01, locale: zh-CN, teams: ${aad('500')} }
  - { id: A001, name: 张三, role: outbound_agent, team: outbound-a, manager: M002, hireDate: 2025-03-01, locale: zh-CN, teams: ${aad('1001')} }
  - { id: A002, name: Li Si, role: outbound_agent, team: outbound-a, manager: M002, hireDate: 2023-03-01, locale: en, teams: ${aad('1002')} }
`;
// Wednesday 2026-12-02, 08:50 in Shanghai: the server's catch-up at start runs the 08:45 slot, before the MEET-2 reminders.
const CLOCK = '2026-12-02T08:50:00+08:00';

type Card = { body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;
const settle = () => new Promise((r) => setTimeout(r, 1000));

describe('Teams cards of the scheduled messages (pure)', () => {
  const cards: Record<string, unknown> = {
    'MEET-2 reminder (en)': teamsReportDeadlineRenderer.reminder('en', { deadlineId: 7, date: '2026-12-02', time: '15:00' }).card,
    'MEET-2 late flag (zh-CN)': teamsReportDeadlineRenderer.lateFlag('zh-CN', { name: '投诉经理', role: 'complaint_manager', due: '2026-12-02 15:00' }).card,
    'PERF-1 summary reminder (zh-CN)': teamsSummaryReminder({ locale: 'zh-CN', date: '2026-12-02', name: '张三' }).card,
    'SUGG-2 weekly digest (zh-CN)': teamsSuggestionJobRenderer.digest(
      { toReview: [{ id: 3, title: '缩短开场白', submitter: { id: 'A001', name: '张三' }, submittedOn: '2026-12-02' } as never], toRate: [] },
      'zh-CN',
    ).card,
    'TRAIN-2 plan reminder (en)': teamsPlanReminder({ employeeId: 'M002', name: 'Outbound Boss', locale: 'en', weekStart: '2026-12-07' }).card,
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid by the card rules and as snapshotted`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });
  }
  it('MEET-2: the reminder card has Mark as submitted as Action.Execute with the deadline id', () => {
    expect(teamsReportDeadlineRenderer.reminder('zh-CN', { deadlineId: 7, date: '2026-12-02', time: '15:00' }).card!.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'meetings.reportSubmitted', data: { deadlineId: 7 } }),
    ]);
  });
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`scheduled messages reach Teams, part 2 [${kind}]`, () => {
    let h: TeamsHarness;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'bz-teams-jobs2-'));
      const orgFile = path.join(dir, 'org.yaml');
      writeFileSync(orgFile, ORG);
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile });
      // banzhang is installed for the team leader (the tenant is known; other 1:1 chats are opened on demand).
      expect((await h.install(aad('400'))).status).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const runJob = async (name: string, at: string) => {
      const policy = h.app.policy;
      const scheduler = createScheduler({ prisma: h.db.prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test:jobs-run', chat: { slack: false, teams: true } });
      return (await scheduler.runSlot(name, DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
    };
    const sendsTo = (conversation: string, match: RegExp = /./) => h.fake.calls('send').filter((c) => c.status < 300 && c.conversationId === conversation && match.test(textOf(c.body)));
    const rowsOf = async (prefix: string) =>
      (await h.db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { dedupeKey: 'asc' } })).map((r) => `${r.platform} ${r.target} ${r.dedupeKey}`);

    it('MEET-2: the reminder reaches each manager due on Teams once with Mark as submitted; own row only, a second press changes nothing; the late flag reaches the team leader on Teams once', async () => {
      expect(await runJob('report-deadlines', '2026-12-02T09:00+08:00')).toBe('finished');
      const reminder = (id: string) => sendsTo(dm(aad(id)), /2026-12-02/);
      await expect.poll(() => `${reminder('1').length},${reminder('2').length}`, { timeout: 15_000 }).toBe('1,1');
      expect(textOf(cardOf(reminder('1')[0]!))).toContain('提醒：你的月度报告须在今天（2026-12-02）15:00 前提交。');
      const card = cardOf(reminder('2')[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('your monthly report is due today, 2026-12-02, by 15:00');
      const rows = await h.db.prisma.reportDeadline.findMany({ orderBy: { employeeId: 'asc' } });
      const own = rows.find((r) => r.employeeId === 'M002')!;
      expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'meetings.reportSubmitted', title: 'Mark as submitted', data: { deadlineId: own.id } })]);
      expect(await rowsOf('report-deadline:')).toEqual(
        rows.map((r) => `teams ${aad(r.employeeId.slice(1).replace(/^0+/, ''))} report-deadline:${r.id}:reminder:teams`).sort(),
      );
      expect(await runJob('report-deadlines', '2026-12-02T09:05+08:00')).toBe('finished');

      const press = (who: string) => h.invoke(aad(who), 'meetings.reportSubmitted', card.actions![0]!.data as Record<string, unknown>);
      // Someone else's button: refused, in the clicker's locale; nothing changes.
      const refused = await press('1');
      expect(refused.status).toBe(200);
      expect(String(refused.body.value)).toBe('只有 Outbound Boss 本人可以标记该报告为已提交。');
      expect((await h.db.prisma.reportDeadline.findUniqueOrThrow({ where: { id: own.id } })).submittedAt).toBeNull();
      expect(String((await press('2')).body.value)).toMatch(/^Marked as submitted at 2026-12-02 08:5\d: the monthly report due 2026-12-02 15:00\./);
      const marked = (await h.db.prisma.reportDeadline.findUniqueOrThrow({ where: { id: own.id } })).submittedAt;
      expect(marked).not.toBeNull();
      expect(String((await press('2')).body.value)).toMatch(/^This report was already marked as submitted at 2026-12-02 08:5\d; nothing changed\.$/);
      expect((await h.db.prisma.reportDeadline.findUniqueOrThrow({ where: { id: own.id } })).submittedAt).toEqual(marked);

      expect(await runJob('report-deadlines', '2026-12-02T15:05+08:00')).toBe('finished');
      expect(await runJob('report-deadlines', '2026-12-02T15:10+08:00')).toBe('finished');
      const flag = () => sendsTo(dm(aad('400')), /报告逾期/);
      await expect.poll(() => flag().length, { timeout: 15_000 }).toBe(1);
      const flagCard = cardOf(flag()[0]!);
      expect(validateCard(flagCard)).toEqual([]);
      expect(textOf(flagCard)).toContain('报告逾期：投诉管理员 投诉经理 截止 2026-12-02 15:00 的月度报告尚未标记为已提交。');
      expect(textOf(flagCard)).not.toContain('Outbound Boss');
      const m001 = rows.find((r) => r.employeeId === 'M001')!;
      expect((await rowsOf('report-deadline:')).filter((k) => k.includes(':late:'))).toEqual([`teams ${aad('400')} report-deadline:${m001.id}:late:M400:teams`]);
      await settle();
      expect(reminder('1')).toHaveLength(1);
      expect(reminder('2')).toHaveLength(1);
      expect(flag()).toHaveLength(1);
      expect(await h.db.prisma.outboxMessage.count({ where: { platform: 'slack' } })).toBe(0);
    });

    it('PERF-1: the summary reminder reaches the agent who has not filed on Teams once, with the button that opens the form; the one who filed gets nothing', async () => {
      await h.db.prisma.dailySummary.create({ data: { employeeId: 'A001', date: dateColumn('2026-12-02'), callsMade: 120, callsConnected: 80, questionnairesCompleted: 61, orders: 5, source: 'import', recordedBy: 'test' } });
      // 16:55: the afternoon ends at 17:30, more than 30 minutes away: nobody yet.
      expect(await runJob('summary-reminder', '2026-12-02T16:55+08:00')).toBe('finished');
      expect(await rowsOf('summary-reminder:')).toEqual([]);
      expect(await runJob('summary-reminder', '2026-12-02T17:00+08:00')).toBe('finished');
      expect(await runJob('summary-reminder', '2026-12-02T17:05+08:00')).toBe('finished');
      expect(await rowsOf('summary-reminder:')).toEqual([`teams ${aad('1002')} summary-reminder:A002:2026-12-02:teams`]);
      const reminder = () => sendsTo(dm(aad('1002')), /daily work summary/);
      await expect.poll(() => reminder().length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(reminder()[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('Li Si, your daily work summary for 2026-12-02 is not filed yet.');
      // The button opens the summary form on that day on Teams (test/channels/teams/summary-e2e.test.ts).
      expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'summary.open', data: { date: '2026-12-02' } })]);
      await settle();
      expect(reminder()).toHaveLength(1);
      expect(sendsTo(dm(aad('1001')))).toHaveLength(0);
    });

    it('TRAIN-2: the plan reminder reaches the owner who has not submitted on Teams once (with the button that opens the form); the report reaches the team leader on Teams once', async () => {
      await submitPlan(h.db.prisma, h.app.policy, { employeeId: 'M001', content: '新产品话术培训', now: DateTime.fromISO('2026-12-07T08:30', { zone: 'Asia/Shanghai' }) });
      expect(await runJob('training-plan-reminder', '2026-12-07T09:00+08:00')).toBe('finished');
      expect(await rowsOf('training-plan:reminder:')).toEqual([`teams ${aad('2')} training-plan:reminder:2026-12-07:M002:teams`]);
      const reminder = () => sendsTo(dm(aad('2')), /training plan \(week of 2026-12-07\)/);
      await expect.poll(() => reminder().length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(reminder()[0]!);
      expect(validateCard(card)).toEqual([]);
      // The button opens the plan form of that week on Teams (test/channels/teams/training-e2e.test.ts).
      expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'training.planOpen', data: { weekStart: '2026-12-07' } })]);
      expect(await runJob('training-plan-reminder', '2026-12-07T09:00+08:00')).toBe('already-done');

      expect(await runJob('training-plan-report', '2026-12-07T12:00+08:00')).toBe('finished');
      expect(await rowsOf('training-plan:report:')).toEqual([`teams ${aad('400')} training-plan:report:2026-12-07:M400:teams`]);
      const report = () => sendsTo(dm(aad('400')), /周培训计划|2026-12-07/);
      await expect.poll(() => report().length, { timeout: 15_000 }).toBe(1);
      const reportCard = cardOf(report()[0]!);
      expect(validateCard(reportCard)).toEqual([]);
      expect(textOf(reportCard)).toContain('Outbound Boss (M002)');
      expect(textOf(reportCard)).not.toContain('投诉经理');
      await settle();
      expect(reminder()).toHaveLength(1);
      expect(sendsTo(dm(aad('1')), /2026-12-07/)).toHaveLength(0);
      expect(report()).toHaveLength(1);
    });

    it('LATE-9: the November lateness report reaches the team leader on Teams once, with the team\'s people', async () => {
      const day = monthlyReportDate('2026-11', h.app.policy);
      expect(await runJob('monthly-lateness-report', `${day}T09:00+08:00`)).toBe('finished');
      expect(await rowsOf('lateness-report:')).toEqual([`teams ${aad('400')} lateness-report:2026-11:M400:teams`]);
      const report = () => sendsTo(dm(aad('400')), /2026-11 月度迟到报告/);
      await expect.poll(() => report().length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(report()[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '2026-11 月度迟到报告' });
      expect(textOf(card)).toContain('张三');
      expect(textOf(card)).toContain('Li Si');
      expect(await runJob('monthly-lateness-report', `${day}T09:00+08:00`)).toBe('already-done');
      await settle();
      expect(report()).toHaveLength(1);
    });

    it('SUGG-2: the owner reminder, the overdue notice and the weekly digest reach Teams users once each', async () => {
      // The suggestions are filed and decided through the use cases (their own cards are not on Teams yet: no messages here).
      const deps: SuggestionDeps = {
        prisma: h.db.prisma,
        policy: h.app.policy,
        clock: { now: () => DateTime.fromISO('2026-12-02T10:00', { zone: 'Asia/Shanghai' }) },
        channel: 'test',
        messenger: { platform: 'slack', render: slackSuggestionRenderer, targetOf: () => null },
      };
      const waiting = await submitSuggestion(deps, { submitterId: 'A001', title: '缩短开场白', currentPractice: '40 秒', proposal: '15 秒', source: 'customer_feedback' });
      const adopted = await submitSuggestion(deps, { submitterId: 'A002', title: 'Callback list', currentPractice: 'paper', proposal: 'a shared sheet', source: 'shift_meeting' });
      await reviewSuggestion(deps, { id: adopted.id, actorId: 'M400', decision: 'forward' });
      await rateSuggestion(deps, { id: adopted.id, actorId: 'C500', grade: 'A', adopted: true, ownerId: 'A001', deadline: '2026-12-10' });

      expect(await runJob('suggestion-weekly-digest', '2026-12-07T09:00+08:00')).toBe('finished');
      expect(await rowsOf('suggestion-digest:')).toEqual([`teams ${aad('400')} suggestion-digest:2026-12-07:M400:teams`]);
      const digest = () => sendsTo(dm(aad('400')), /缩短开场白/);
      await expect.poll(() => digest().length, { timeout: 15_000 }).toBe(1);
      expect(validateCard(cardOf(digest()[0]!))).toEqual([]);
      expect(textOf(cardOf(digest()[0]!))).toContain(`#${waiting.id}`);

      expect(await runJob('suggestion-reminders', '2026-12-09T09:00+08:00')).toBe('finished');
      expect(await runJob('suggestion-reminders', '2026-12-11T09:00+08:00')).toBe('finished');
      expect(await runJob('suggestion-reminders', '2026-12-12T09:00+08:00')).toBe('finished');
      expect(await rowsOf(`suggestion:${adopted.id}:`)).toEqual([
        `teams ${aad('400')} suggestion:${adopted.id}:overdue:teams`,
        `teams ${aad('1001')} suggestion:${adopted.id}:owner-reminder:teams`,
      ]);
      const reminder = () => sendsTo(dm(aad('1001')), /Callback list/);
      const overdue = () => sendsTo(dm(aad('400')), /Callback list/);
      await expect.poll(() => `${reminder().length},${overdue().length}`, { timeout: 15_000 }).toBe('1,1');
      for (const call of [reminder()[0]!, overdue()[0]!]) expect(validateCard(cardOf(call))).toEqual([]);
      expect(textOf(cardOf(reminder()[0]!))).toContain('2026-12-10');
      await settle();
      expect(`${digest().length},${reminder().length},${overdue().length}`).toBe('1,1,1');
    });

    it('INC-4: an incident not acknowledged within the timeout is escalated to the center manager on Teams once', async () => {
      const deps = {
        prisma: h.db.prisma,
        policy: h.app.policy,
        clock: { now: () => DateTime.fromISO('2026-12-02T10:00', { zone: 'Asia/Shanghai' }) },
        messenger: { platform: 'slack' as const, render: slackIncidentRenderer, targetOf: () => null },
      };
      const incident = await fileIncident(deps, { recorderId: 'A001', channel: 'test', type: 'other', occurredAt: DateTime.fromISO('2026-12-02T09:55', { zone: 'Asia/Shanghai' }), description: '机房空调漏水' });
      const minutes = h.app.policy.incidents.ackTimeoutMinutes;
      expect(await runJob('incident-escalation', DateTime.fromISO('2026-12-02T10:00+08:00', { setZone: true }).plus({ minutes: minutes - 1 }).toISO()!)).toBe('finished');
      expect(await rowsOf(`incident:${incident.id}:escalation`)).toEqual([]);
      expect(await runJob('incident-escalation', DateTime.fromISO('2026-12-02T10:00+08:00', { setZone: true }).plus({ minutes: minutes + 1 }).toISO()!)).toBe('finished');
      expect(await runJob('incident-escalation', DateTime.fromISO('2026-12-02T10:00+08:00', { setZone: true }).plus({ minutes: minutes + 2 }).toISO()!)).toBe('finished');
      expect(await rowsOf(`incident:${incident.id}:escalation`)).toEqual([`teams ${aad('500')} incident:${incident.id}:escalation:C500:teams`]);
      const escalation = () => sendsTo(dm(aad('500')), new RegExp(`突发事件 #${incident.id}`));
      await expect.poll(() => escalation().length, { timeout: 15_000 }).toBe(1);
      const card = cardOf(escalation()[0]!);
      expect(validateCard(card)).toEqual([]);
      expect(textOf(card)).toContain('机房空调漏水');
      expect(textOf(card)).toContain(`${minutes} 分钟内无人确认收到`);
      await settle();
      expect(escalation()).toHaveLength(1);
      expect(await h.db.prisma.outboxMessage.count({ where: { platform: 'slack' } })).toBe(0);
    });
  });
}
