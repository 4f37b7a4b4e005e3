/**
 * Issue 11 routine end to end: banzhang's real server, signed Slack requests,
 * the fake Slack Web API, the embedded database and PostgreSQL. Jobs run
 * through the scheduler's own slot path (as `jobs run` does).
 *
 * Tuesday 2026-11-24 in Shanghai (winter: 08:00–12:00, 14:30–17:30). Monday's
 * data (summaries, clock events) feeds the brief; Tuesday's the post-shift report.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyReports } from '../../../src/features/routine/shift-report-service.ts';
import { createScheduler, jobsFor, type Scheduler } from '../../../src/jobs/index.ts';
import { dateColumn } from '../../../src/shared/db/types.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { cli } from '../../support/cli.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/routine-org.yaml');
const ZONE = 'Asia/Shanghai';
// 07:30: a quarter of an hour before the brief's time (08:00 − 15 minutes), so the server's own cron does not get there first.
const CLOCK = '2026-11-24T07:30:00+08:00';
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';

type Call = { method: string; body: Record<string, unknown> };
const textOf = (c: Call) => String(c.body.text);
const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const local = (date: string, hhmm: string) => DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE });

const MONDAY_SUMMARIES = [
  { employeeId: 'E001', callsMade: 200, callsConnected: 120, questionnairesCompleted: 64, orders: 3, customerIssues: 1 },
  { employeeId: 'E002', callsMade: 150, callsConnected: 61, questionnairesCompleted: 52, orders: 1, customerIssues: 0 },
];
const TUESDAY_SUMMARIES = [
  { employeeId: 'E001', callsMade: 180, callsConnected: 100, questionnairesCompleted: 61, orders: 2, customerIssues: 0 },
  { employeeId: 'E004', callsMade: 190, callsConnected: 95, questionnairesCompleted: 58, orders: 1, customerIssues: 2 },
];

/** The figures line as the test computes it from the rows it stored (zh-CN). */
function figuresZh(rows: typeof MONDAY_SUMMARIES, target: number) {
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + (r[k] as number), 0);
  const rate = Math.round((sum('callsConnected') / sum('callsMade')) * 1000) / 10;
  return `${rows.length} 人提交日报：呼出 ${sum('callsMade')} 次，接通 ${sum('callsConnected')} 次（${rate}%），完成问卷 ${sum('questionnairesCompleted')} 份（目标 ${target * rows.length}，每人 ${target}），成单 ${sum('orders')}，客户问题 ${sum('customerIssues')} 个。`;
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`team leader's routine over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let scheduler: Scheduler;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      scheduler = createScheduler({ prisma: h.db.prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test', chat: { slack: true, teams: false } });
      const prisma = h.db.prisma;
      const summary = (date: string) => (s: (typeof MONDAY_SUMMARIES)[number]) => ({ ...s, date: dateColumn(date), source: 'import', recordedBy: 'test' });
      await prisma.dailySummary.createMany({ data: [...MONDAY_SUMMARIES.map(summary(MONDAY)), ...TUESDAY_SUMMARIES.map(summary(TUESDAY))] });
      // Clock events: Monday everyone on time but 王五 (7 minutes late) and 赵六 (no clock-in: absent);
      // Tuesday 张三 3 minutes late in the afternoon; Li Si on leave, 王五 resting.
      const day = (employeeId: string, date: string, times: [string, string, string]) =>
        (['in', 'in', 'out'] as const).map((direction, i) => ({ employeeId, at: local(date, times[i]!).toJSDate(), direction, source: 'import', dedupeKey: `t:${employeeId}:${date}:${i}`, recordedBy: 'test' }));
      await prisma.clockEvent.createMany({
        data: [
          ...day('E001', MONDAY, ['07:55', '14:25', '17:31']),
          ...day('E002', MONDAY, ['07:55', '14:25', '17:31']),
          ...day('E003', MONDAY, ['08:07', '14:25', '17:31']),
          ...day('E400', MONDAY, ['07:50', '14:20', '17:35']),
          ...day('E001', TUESDAY, ['07:55', '14:33', '17:31']),
          ...day('E004', TUESDAY, ['07:56', '14:26', '17:32']),
          ...day('E400', TUESDAY, ['07:50', '14:20', '17:35']),
        ],
      });
      await prisma.leaveRequest.create({
        data: {
          employeeId: 'E002', type: 'personal', startDate: dateColumn(TUESDAY), endDate: dateColumn(TUESDAY), part: 'full', approverId: 'E400', routeReason: 'role-rule',
          status: 'approved', costFen: 0, losesFullAttendance: false, costLines: [], source: 'slack',
        },
      });
      await prisma.rosterEntry.createMany({
        data: [
          { employeeId: 'E003', date: dateColumn(TUESDAY), kind: 'rest', segments: [], createdBy: 'test' },
          // The complaint handlers' rotating shifts on Tuesday: 投诉甲 the morning, Handler Two the afternoon, 投诉丙 resting.
          { employeeId: 'H001', date: dateColumn(TUESDAY), kind: 'segments', segments: ['morning'], createdBy: 'test' },
          { employeeId: 'H002', date: dateColumn(TUESDAY), kind: 'segments', segments: ['afternoon'], createdBy: 'test' },
          { employeeId: 'H003', date: dateColumn(TUESDAY), kind: 'rest', segments: [], createdBy: 'test' },
        ],
      });
      await prisma.incident.create({
        data: { type: 'power-outage', occurredAt: local(MONDAY, '15:00').toJSDate(), description: 'UPS', recorderId: 'E400', filedAt: local(MONDAY, '15:02').toJSDate(), channel: 'slack' },
      });
      await prisma.qaSample.createMany({
        data: [
          { agentId: 'E001', date: dateColumn(TUESDAY), sampleNo: 1, score: 85, scoredById: 'E400', scoredAt: local(TUESDAY, '10:00').toJSDate() },
          { agentId: 'E001', date: dateColumn(TUESDAY), sampleNo: 2, score: 90, scoredById: 'E400', scoredAt: local(TUESDAY, '10:05').toJSDate() },
          { agentId: 'E004', date: dateColumn(TUESDAY), sampleNo: 1, score: null },
        ],
      });
    });
    afterAll(async () => h?.close());

    const runJob = async (name: string, date: string, hhmm: string) => (await scheduler.runSlot(name, local(date, hhmm), { trigger: 'manual' })).outcome;
    const postsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const ephemeralsTo = (user: string) => h.fake.calls('chat.postEphemeral').filter((c) => c.body.user === user).map(textOf);
    const settle = () => new Promise((r) => setTimeout(r, 1500));
    const say = async (user: string, text: string) => (await h.command(user, '/banzhang', text)).text();

    it('MEET-1: the brief is posted once per team and day with yesterday’s figures, lateness and absences, today’s leave, rest and coverage, the open incident and the leader’s note; Check in once, members only', async () => {
      expect(await say('U0001', 'brief 我也想加一条')).toBe('只有班长可以为班前会添加事项。');
      expect(await say('U0400', 'brief 今天重点：新话术')).toBe(`已记入 ${TUESDAY} 的班前会（当天共 1 条事项）。`);

      expect(await runJob('pre-shift-brief', TUESDAY, '07:40')).toBe('finished');
      await settle();
      expect(postsTo('C0OUTA')).toHaveLength(0);
      expect(await runJob('pre-shift-brief', TUESDAY, '07:45')).toBe('finished');
      const [brief] = await h.fake.waitFor('chat.postMessage', 1, 20_000, { where: (c) => c.body.channel === 'C0OUTA' });
      // The same slot again, and the next slot: nothing more.
      expect(await runJob('pre-shift-brief', TUESDAY, '07:45')).toBe('already-done');
      expect(await runJob('pre-shift-brief', TUESDAY, '07:50')).toBe('finished');
      await settle();
      expect(postsTo('C0OUTA')).toHaveLength(1);

      const text = textOf(brief!);
      const onDuty = ['张三', '赵六', '班长'].sort().join('、');
      for (const line of [
        `*外呼一组 · 班前会 · ${TUESDAY}*`,
        `*昨日（${MONDAY}）*：${figuresZh(MONDAY_SUMMARIES, 60)}`,
        '未达日目标：Li Si 52',
        '昨日迟到早退：王五 7 分钟',
        '昨日缺勤：赵六',
        '今日请假：Li Si（事假）',
        '今日公休：王五',
        `• 08:00–12:00 上午班：在岗 3 人（${onDuty}）`,
        `• 14:30–17:30 下午班：在岗 3 人（${onDuty}）`,
        `未结突发事件：#1 停电（待确认，${MONDAY} 15:00）`,
        '• 今天重点：新话术（班长）',
      ])
        expect(text.split('\n')).toContain(line);
      const button = (brief!.body.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'routine_brief_check_in')!;
      expect(button.value).toBe(`outbound-a|${TUESDAY}`);

      await h.click('U0001', 'routine_brief_check_in', button.value, 'C0OUTA');
      await h.fake.waitFor('chat.postEphemeral', 1);
      await h.click('U0001', 'routine_brief_check_in', button.value, 'C0OUTA');
      await h.click('U1001', 'routine_brief_check_in', button.value, 'C0OUTA');
      await h.fake.waitFor('chat.postEphemeral', 3);
      const [done, again] = ephemeralsTo('U0001');
      expect(done).toMatch(new RegExp(`^已于 07:3\\d 签到 ${TUESDAY} 的班前会。$`));
      expect(again).toMatch(/^你已于 07:3\d 签到，无需重复。$/);
      expect(ephemeralsTo('U1001')).toEqual(['只有 外呼一组 的成员可以签到该班组的班前会。']);
      const rows = await h.db.prisma.briefCheckIn.findMany();
      expect(rows.map((r) => [r.teamId, r.employeeId, r.source])).toEqual([['outbound-a', 'E001', 'slack']]);

      // A note after today's brief is posted goes to the next day's.
      expect(await say('U0400', 'brief 明天早到')).toBe('已记入 2026-11-25 的班前会（当天共 1 条事项）。');
    });

    it('post-shift report: the draft equals the day’s data; only the leader opens it; Send reaches the center manager and the department head once; report daily lists it', async () => {
      expect(await runJob('post-shift-report', TUESDAY, '17:25')).toBe('finished');
      await settle();
      expect(postsTo('DU0400')).toHaveLength(0);
      expect(await runJob('post-shift-report', TUESDAY, '17:30')).toBe('finished');
      const [draft] = await h.fake.waitFor('chat.postMessage', 1, 20_000, { where: (c) => c.body.channel === 'DU0400' });
      expect(await runJob('post-shift-report', TUESDAY, '17:35')).toBe('finished');
      expect(textOf(draft!).split('\n')).toEqual([
        `*班后总结（草稿）· 外呼一组 · ${TUESDAY}*`,
        `*指标*：${figuresZh(TUESDAY_SUMMARIES, 60)}`,
        '未达日目标：赵六 58',
        '质检：张三 87.5 分',
        '迟到早退：张三 3 分钟',
        `突发事件：#1 停电（待确认，${MONDAY} 15:00）`,
        '收到的合理化建议：无。',
        '请补充发现的问题和采取的措施；点“发送”即报送中心经理和部门负责人。',
      ]);
      const open = (draft!.body.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'routine_report_open')!;

      await h.click('U0001', 'routine_report_open', open.value, 'DU0400');
      expect(textOf((await h.fake.waitFor('chat.postEphemeral', 1, 5000, { where: (c) => c.body.user === 'U0001' && String(c.body.text).includes('班长') }))[0]!)).toBe('只有收到草稿的班长可以发送该总结。');
      await h.click('U0400', 'routine_report_open', open.value, 'DU0400');
      const modal = (await h.fake.waitFor('views.open', 1, 10_000))[0]!.body.view as { callback_id: string; private_metadata: string };
      expect(modal.callback_id).toBe('routine_report');

      // Measures missing: refused on its field, nothing sent.
      const refused = await h.submitView('U0400', 'routine_report', { routine_problems: input('下午接通率低'), routine_measures: input(null) }, { private_metadata: modal.private_metadata });
      expect(await refused.json()).toEqual({ response_action: 'errors', errors: { routine_measures: '请填写采取的措施（没有可写“无”）。' } });
      expect((await h.db.prisma.shiftReport.findFirstOrThrow()).status).toBe('draft');

      const values = { routine_problems: input('下午接通率低'), routine_measures: input('调整拨打时段') };
      const sent = await h.submitView('U0400', 'routine_report', values, { private_metadata: modal.private_metadata });
      expect(JSON.stringify(await sent.json())).toContain(`外呼一组 ${TUESDAY} 的班后总结已发送给 中心经理、Dept Head。`);
      // (The center manager also gets INC-4's escalation of the open incident: only the report is looked at.)
      const reportTo = (channel: string) => (c: Call) => c.body.channel === channel && /班后总结|Post-shift report/.test(textOf(c));
      const toManager = (await h.fake.waitFor('chat.postMessage', 1, 20_000, { where: reportTo('DU0500') }))[0]!;
      const toHead = (await h.fake.waitFor('chat.postMessage', 1, 20_000, { where: reportTo('DU0100') }))[0]!;
      expect(textOf(toManager).split('\n')).toEqual(expect.arrayContaining([`*班后总结 · 外呼一组 · ${TUESDAY}*（班长）`, `*指标*：${figuresZh(TUESDAY_SUMMARIES, 60)}`, '*发现的问题*：下午接通率低', '*采取的措施*：调整拨打时段']));
      expect(textOf(toHead).split('\n')).toEqual(expect.arrayContaining([`*Post-shift report · 外呼一组 · ${TUESDAY}* from 班长`, 'QA: 张三 87.5', 'Lateness: 张三 3 min', '*Problems found*: 下午接通率低']));

      // Sending again: nothing new.
      await h.submitView('U0400', 'routine_report', values, { private_metadata: modal.private_metadata });
      await settle();
      expect(['DU0500', 'DU0100', 'DU0400'].map((c) => h.fake.calls('chat.postMessage').filter(reportTo(c)).length)).toEqual([1, 1, 1]);

      const rows = await dailyReports(h.db.prisma, h.app.policy, TUESDAY);
      expect(rows.map((r) => [r.team, r.leader, r.status, r.sentTo, r.agents, r.callsMade, r.connectRate, r.questionnaires, r.target, r.orders, r.lateMinutes, r.absent, r.problems, r.measures])).toEqual([
        ['外呼一组', '班长', 'sent', '中心经理, Dept Head', 2, 370, '52.7%', 119, 120, 3, 3, 0, '下午接通率低', '调整拨打时段'],
      ]);
      if (kind === 'postgres') {
        const report = await cli(['report', 'daily', '--date', TUESDAY, '--format', 'csv'], h.cliEnv);
        expect(report.code, report.stderr).toBe(0);
        const [header, line, ...rest] = report.stdout.split('\n');
        expect(header).toBe('date,team,leader,status,sent_at,sent_to,agents,calls_made,connect_rate,questionnaires,target,orders,late_minutes,absent,problems,measures');
        expect(line).toMatch(new RegExp(`^${TUESDAY},外呼一组,班长,sent,${TUESDAY} 07:3\\d,"中心经理, Dept Head",2,370,52.7%,119,120,3,3,0,下午接通率低,调整拨打时段$`));
        expect(rest).toEqual([]);
      }
    });

    it('shift handover: the incoming handler is the next rostered; not acknowledged in time → flagged once to the complaint manager; acknowledged in time → not flagged', async () => {
      expect(await say('U0001', 'handover')).toBe('只有投诉处理员可以提交交接班。');
      await h.command('U1001', '/banzhang', 'handover');
      const form = (await h.fake.waitFor('views.open', 2, 10_000))[1]!.body.view as { callback_id: string };
      expect(form.callback_id).toBe('routine_handover');

      const bad = await h.submitView('U1001', 'routine_handover', { routine_received: input('十二'), routine_handled: input('9'), routine_open: input(null), routine_notes: input(null) });
      expect(await bad.json()).toEqual({ response_action: 'errors', errors: { routine_received: '请输入整数（0 或以上）。' } });
      expect(await h.db.prisma.shiftHandover.count()).toBe(0);

      const file = async () => {
        const res = await h.submitView('U1001', 'routine_handover', { routine_received: input('12'), routine_handled: input('9'), routine_open: input('T-101 等待客户回电\nT-102：已派单'), routine_notes: input('张先生下午回电') });
        return JSON.stringify(await res.json());
      };
      expect(await file()).toContain(`交接班已提交：Handler Two（${TUESDAY} 14:30 上班）将收到并确认。`);
      expect(await file()).toContain('Handler Two');
      const dms = await h.fake.waitFor('chat.postMessage', 2, 20_000, { where: (c) => c.body.channel === 'DU1002' });
      expect(textOf(dms[0]!).split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^\\*Shift handover from 投诉甲\\* \\(filed ${TUESDAY} 07:3\\d\\): 12 ticket\\(s\\) received, 9 handled\\.$`)),
        'Open tickets:',
        '• T-101: 等待客户回电',
        '• T-102: 已派单',
        'Notes: 张先生下午回电',
      ]);
      const ackOf = (call: Call) => (call.body.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'routine_handover_ack')!.value;
      const [first, second] = dms.map(ackOf).sort();

      // The second handover is acknowledged in time, by the incoming handler only.
      await h.click('U1003', 'routine_handover_ack', second!, 'DU1002');
      await h.click('U1002', 'routine_handover_ack', second!, 'DU1002');
      await h.fake.waitFor('chat.postEphemeral', 2, 5000, { where: (c) => c.body.user === 'U1003' || c.body.user === 'U1002' });
      expect(ephemeralsTo('U1003')).toEqual(['只有接班人可以确认 投诉甲 的交接班。']);
      expect(ephemeralsTo('U1002')[0]).toMatch(new RegExp(`^Acknowledged at ${TUESDAY} 07:3\\d: the handover from 投诉甲\\.$`));

      expect(await runJob('handover-check', TUESDAY, '14:40')).toBe('finished');
      await settle();
      expect(postsTo('DU2001')).toHaveLength(0);
      expect(await runJob('handover-check', TUESDAY, '14:45')).toBe('finished');
      const [flag] = await h.fake.waitFor('chat.postMessage', 1, 20_000, { where: (c) => c.body.channel === 'DU2001' });
      expect(textOf(flag!)).toMatch(new RegExp(`^交接班未确认：Handler Two 在 ${TUESDAY} 14:30 上班 15 分钟后仍未确认 投诉甲（${TUESDAY} 07:3\\d 提交）的交接班。$`));
      expect(await runJob('handover-check', TUESDAY, '14:45')).toBe('already-done');
      expect(await runJob('handover-check', TUESDAY, '14:50')).toBe('finished');
      await settle();
      expect(postsTo('DU2001')).toHaveLength(1);
      const rows = await h.db.prisma.shiftHandover.findMany({ orderBy: { id: 'asc' } });
      expect(rows.map((r) => [String(r.id), r.toId, r.flaggedAt !== null, r.acknowledgedAt !== null])).toEqual([
        [first, 'H002', true, false],
        [second, 'H002', false, true],
      ]);
    });
  });
}
