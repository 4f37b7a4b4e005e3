/**
 * PERF-9 QA sampling and scoring end to end over HTTP: the `qa-sampling` job
 * through the scheduler's slot path, signed Slack requests to banzhang's real
 * server, the fake Slack Web API, on the embedded database and PostgreSQL.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackRankingRenderer } from '../../../src/channels/slack/blocks/ranking-blocks.ts';
import { monthlyRanking } from '../../../src/features/performance/ranking.ts';
import { createScheduler, jobsFor, type Scheduler } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const ORG = path.join(import.meta.dirname, '../../fixtures/matrix-org.yaml');
// Monday 2026-11-23, 08:00 in Shanghai (before the sampling slot, so the server has no slot of the day to catch up).
const CLOCK = '2026-11-23T08:00:00+08:00';
const SLOT = '2026-11-23T08:30:00+08:00';
const KEYS = ['greeting_closing', 'tone', 'polite_phrases', 'attention_listening', 'accuracy', 'questionnaire_completeness'] as const;

type Call = { method: string; body: Record<string, unknown> };
const json = (call: Call | undefined) => JSON.stringify(call?.body ?? {});

/** The modal's state as Slack sends it: one select per checklist item, the blacklist checkboxes in blocks of ten. */
function scoreValues(points: Partial<Record<(typeof KEYS)[number], number>>, phrases: string[] = []) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const k of KEYS) values[`qa_item_${k}`] = { value: { type: 'static_select', selected_option: points[k] === undefined ? null : { value: String(points[k]) } } };
  values.qa_blacklist_0 = { value: { type: 'checkboxes', selected_options: phrases.slice(0, 1).map((value) => ({ value })) } };
  values.qa_blacklist_1 = { value: { type: 'checkboxes', selected_options: phrases.slice(1).map((value) => ({ value })) } };
  return values;
}
const FULL = Object.fromEntries(KEYS.map((k) => [k, 5])) as Record<(typeof KEYS)[number], number>;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`PERF-9 QA over Slack [${kind}]`, () => {
    let h: SlackHarness;
    let scheduler: Scheduler;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG });
      scheduler = createScheduler({ prisma: h.db.prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('warn'), owner: 'test' });
    });
    afterAll(async () => h?.close());

    const dmsTo = (channel: string) => h.fake.calls('chat.postMessage').filter((c) => c.body.channel === channel);
    const waitForDm = async (channel: string, match: (text: string) => boolean): Promise<string> =>
      json((await h.fake.waitFor('chat.postMessage', 1, 15_000, { where: (c) => c.body.channel === channel && match(json(c)) }))[0]);
    const sampleId = async (agentId: string, sampleNo: number) => (await h.db.prisma.qaSample.findUniqueOrThrow({ where: { agentId_date_sampleNo: { agentId, date: new Date('2026-11-23T00:00:00Z'), sampleNo } } })).id;
    const score = async (user: string, id: number, values: ReturnType<typeof scoreValues>) => (await h.submitView(user, 'qa_score', values, { private_metadata: JSON.stringify({ id, channel: `D${user}` }) })).text();

    it('PERF-9: the day\'s samples reach the outbound manager; a blacklist phrase lowers the agent\'s QA average; the agent is told; the ranking lines show the average', async () => {
      // The job: 2 samples for each of the 3 outbound agents working Monday, once.
      expect(await scheduler.runSlot('qa-sampling', DateTime.fromISO(SLOT, { setZone: true }), { trigger: 'manual' })).toMatchObject({ outcome: 'finished' });
      const rows = await h.db.prisma.qaSample.findMany({ orderBy: { id: 'asc' } });
      expect(rows.map((r) => `${r.agentId}#${r.sampleNo}`).sort()).toEqual(['E001#1', 'E001#2', 'E002#1', 'E002#2', 'E003#1', 'E003#2']);
      const list = await waitForDm('DU0600', (t) => t.includes('qa_score'));
      expect(list).toContain('2026-11-23 质检抽样：共 6 个电话待评分');
      expect(list).toContain('张三：2026-11-23 第 2 个电话');
      expect((list.match(/"action_id":"qa_score"/g) ?? []).length).toBe(6);
      expect(await scheduler.runSlot('qa-sampling', DateTime.fromISO(SLOT, { setZone: true }), { trigger: 'manual' })).toMatchObject({ outcome: 'already-done' });
      expect(await h.db.prisma.qaSample.count()).toBe(6);
      expect(dmsTo('DU0600').filter((c) => json(c).includes('qa_score'))).toHaveLength(1);

      // Only the outbound manager may open the form; the team leader is told why.
      const e1s1 = await sampleId('E001', 1);
      await h.click('U0400', 'qa_score', String(e1s1));
      expect(String((await h.fake.waitFor('chat.postEphemeral', 1))[0]!.body.text)).toContain('只有外呼管理员可以质检评分');
      await h.click('U0600', 'qa_score', String(e1s1));
      const modal = (await h.fake.waitFor('views.open', 1))[0]!.body.view as Record<string, unknown>;
      expect(modal.callback_id).toBe('qa_score');
      for (const text of ['标准的欢迎语及结束语（0–5）', '问卷的完整性（0–5）', '服务忌语：听到的每一句请勾选（每句扣 10 分）', '你问我，我问谁', '说了这么多遍还不明白']) expect(JSON.stringify(modal)).toContain(text);

      // A form with an item left out is refused on that item, in the scorer's locale; nothing stored.
      const { tone: _left, ...partial } = FULL;
      const refused = JSON.parse(await score('U0600', e1s1, scoreValues(partial))) as { response_action: string; errors: Record<string, string> };
      expect(refused).toEqual({ response_action: 'errors', errors: { qa_item_tone: '请给 0 到 5 分。' } });
      expect((await h.db.prisma.qaSample.findUniqueOrThrow({ where: { id: e1s1 } })).score).toBeNull();
      // Not the scorer, by a forged submission: refused.
      expect(await score('U0400', e1s1, scoreValues(FULL))).toContain('只有外呼管理员可以质检评分');

      // Zhang San's first call without a blacklist phrase: 100; his average is 100.
      expect(await score('U0600', e1s1, scoreValues(FULL))).toBe('');
      const before = await monthlyRanking({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, '2026-11');
      const qaLine = (r: typeof before, id: string) => r.flatMap((x) => x.rows).find((row) => row.employeeId === id)!.lines.find((l) => l.kind === 'qa-average');
      expect(qaLine(before, 'E001')).toMatchObject({ ruleId: 'PERF-9', points: 0, params: { average: 100, count: 1 } });

      // His second call, the same checklist but two blacklist phrases heard: 80; his average falls to 90.
      const e1s2 = await sampleId('E001', 2);
      expect(await score('U0600', e1s2, scoreValues(FULL, ['dont-know', 'ask-whom']))).toBe('');
      expect((await h.db.prisma.qaSample.findUniqueOrThrow({ where: { id: e1s2 } })).score).toBe(80);
      const notice = await waitForDm('DU0001', (t) => t.includes('80/100'));
      expect(notice).toContain('你 2026-11-23 第 2 个电话的质检得分：80/100（质检项 100，服务忌语扣 20），评分人 外呼管理员。');
      expect(notice).toContain('听到的服务忌语：不知道；你问我，我问谁');
      // Li Si, the same checklist, no phrase: 100, in English.
      expect(await score('U0600', await sampleId('E002', 1), scoreValues(FULL))).toBe('');
      expect(await waitForDm('DU0002', (t) => t.includes('100/100'))).toContain('QA score of your call no. 1 on 2026-11-23: 100/100');

      const after = await monthlyRanking({ prisma: h.db.prisma, policy: h.app.policy, clock: h.app.clock }, '2026-11');
      expect(qaLine(after, 'E001')!.params).toEqual({ average: 90, count: 2 });
      expect(qaLine(after, 'E002')!.params).toEqual({ average: 100, count: 1 });
      expect(qaLine(after, 'E003')).toBeUndefined();
      // Information only by default: the line costs nothing.
      expect(qaLine(after, 'E001')!.points).toBe(0);
      // The agent's own ranking lines (as the month-end DM renders them) show the average.
      const row = after.flatMap((x) => x.rows).find((r) => r.employeeId === 'E001')!;
      expect(slackRankingRenderer.own({ month: '2026-11', row, rankedIn: 3, locale: 'zh-CN' }).text).toContain('PERF-9 0：质检平均分 90（共 2 个已评电话，PERF-9）');

      // A re-score replaces the score, is audited with the previous one, and the agent is told.
      expect(await score('U0600', e1s2, scoreValues(FULL, ['dont-know']))).toBe('');
      expect((await h.db.prisma.qaSample.findUniqueOrThrow({ where: { id: e1s2 } })).score).toBe(90);
      const audits = await h.db.prisma.auditLog.findMany({ where: { entity: 'qa_sample', entityId: String(e1s2) }, orderBy: { id: 'asc' } });
      expect(audits.map((a) => a.action)).toEqual(['qa.score', 'qa.rescore']);
      expect(audits[1]!.details).toMatchObject({ score: 90, previous: { score: 80, by: 'E600' } });
      expect(await waitForDm('DU0001', (t) => t.includes('替换之前的 80 分'))).toContain('90/100');
    }, 90_000);
  });
}
