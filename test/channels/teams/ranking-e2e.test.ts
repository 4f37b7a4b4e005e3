/**
 * PERF-2..PERF-8 over Teams end to end: the floor of test/channels/slack/ranking-e2e.test.ts
 * (test/support/ranking-floor.ts, its org on Teams) with its facts imported,
 * an approved sick day and a missed weekly study; `month-end-ranking` posts to
 * the Teams rankings channel the ranking the floor computes by its own
 * arithmetic (ties share a rank, no money), every ranked employee gets their
 * score and every line by Teams DM in their language, the PERF-8 flag reaches
 * the active training supervisor and department head; the slot again sends
 * nothing. Both databases; the job through the scheduler's slot path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsLeaveRenderer } from '../../../src/channels/teams/cards/leave-cards.ts';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { decideLeave, fileLeave } from '../../../src/features/leave/leave-service.ts';
import { importKpis } from '../../../src/features/performance/kpi-import.ts';
import { importSummaries } from '../../../src/features/performance/summary-import.ts';
import { importExamScores } from '../../../src/features/training/exam-scores.ts';
import { createScheduler, jobsFor } from '../../../src/jobs/index.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../../support/databases.ts';
import { personalConversationId as dm, type FakeTeamsCall } from '../../support/fake-teams.ts';
import { examCsv, expectedRanking, kpiCsv, summariesCsv, ZONE } from '../../support/ranking-floor.ts';
import { aadOf, teamsChannelOf, writeTeamsOrg } from '../../support/teams-org.ts';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness.ts';

const POLICY = path.join(import.meta.dirname, '../../fixtures/perf-policy.yaml');
// Monday 30 November 2026 is the month's last working day; its afternoon ends at 17:30 (winter).
const CLOCK = '2026-11-30T16:40:00+08:00';
const SLOT = '2026-11-30T17:35+08:00';
const RANKINGS = teamsChannelOf('C0RANK');

type Card = { body: Array<Record<string, unknown>> };
const cardOf = (call: FakeTeamsCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`month-end ranking over Teams [${kind}]`, () => {
    let h: TeamsHarness;
    const dir = mkdtempSync(path.join(tmpdir(), 'bz-teams-ranking-'));
    beforeAll(async () => {
      writeTeamsOrg(path.join(import.meta.dirname, '../../fixtures/perf-org.yaml'), path.join(dir, 'perf-org.yaml'));
      h = await startTeamsHarness(kind, { clock: CLOCK, orgFile: path.join(dir, 'perf-org.yaml'), policy: POLICY });
      // banzhang is in the rankings channel (someone spoke to it there once): the tenant is known, DMs open chats.
      expect((await h.sayInChannel(aadOf('L1'), RANKINGS, 'help')).status).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('PERF-7: the month-end ranking posted to the Teams channel and DMed on Teams equals the one computed by hand; ties share a rank; PERF-8 reaches the interviewers; the slot again sends nothing', async () => {
      const prisma = h.db.prisma;
      const policy = h.app.policy;
      await importSummaries(prisma, summariesCsv(), { actor: 'cli', file: 'summaries.csv', policy });
      await importExamScores(prisma, examCsv(), { actor: 'cli', file: 'exams.csv' });
      await importKpis(prisma, kpiCsv(), { actor: 'cli', file: 'kpis.csv', policy });
      // A4's approved sick day: not a working day.
      const leaveDeps = { prisma, policy, clock: { now: () => DateTime.fromISO('2026-11-09T18:00', { zone: ZONE }) }, source: 'test', messenger: { platform: 'teams' as const, render: teamsLeaveRenderer, targetOf: () => null } };
      const { request } = await fileLeave(leaveDeps, { employeeId: 'A4', type: 'sick', startDate: '2026-11-10', endDate: '2026-11-10', part: 'full', emergency: false, proof: 'attached' });
      await decideLeave(leaveDeps, { requestId: request.id, actorId: request.approverId, decision: 'approved' });
      // The weekly study of Friday 27 November: everyone expected checked in but A5.
      const session = await prisma.trainingSession.create({ data: { date: new Date('2026-11-27T00:00:00Z'), startsAt: DateTime.fromISO('2026-11-27T16:30', { zone: ZONE }).toJSDate() } });
      await prisma.trainingAttendance.createMany({
        data: ['A1', 'A2', 'A3', 'A4', 'A6', 'C1'].map((employeeId) => ({ sessionId: session.id, employeeId, checkedInAt: DateTime.fromISO('2026-11-27T16:31', { zone: ZONE }).toJSDate(), source: 'teams' })),
      });

      const scheduler = createScheduler({ prisma, policy, jobs: jobsFor(policy), clock: h.app.clock, logger: createLogger('silent'), owner: 'test', chat: { slack: false, teams: true } });
      const run = async (at: string) => (await scheduler.runSlot('month-end-ranking', DateTime.fromISO(at, { setZone: true }), { trigger: 'manual' })).outcome;
      expect(await run(SLOT)).toBe('finished');
      const mine = { dedupeKey: { startsWith: 'ranking:2026-11:' } };
      const total = await prisma.outboxMessage.count({ where: mine });
      await expect.poll(() => prisma.outboxMessage.count({ where: { ...mine, status: 'sent' } }), { timeout: 30_000 }).toBe(total);
      const outbox = await prisma.outboxMessage.findMany({ where: mine, orderBy: { id: 'asc' } });
      expect(outbox.every((m) => m.platform === 'teams' && m.dedupeKey.endsWith(':teams'))).toBe(true);
      const sent = h.fake.calls('send').filter((c) => c.status < 300);
      /** The row's text, and the card that reached its Teams conversation. */
      const messageTo = (key: string) => {
        const row = outbox.find((m) => m.dedupeKey === `${key}:teams`);
        expect(row, key).toBeDefined();
        const call = sent.find((c) => c.activityId === undefined && c.conversationId !== undefined && c.response.id === row!.platformId);
        expect(call, `${key} reached Teams`).toBeDefined();
        expect(validateCard(cardOf(call!))).toEqual([]);
        return { target: row!.target, text: (row!.payload as { text: string }).text, card: cardOf(call!) };
      };

      const { rows: expected, flagged } = expectedRanking();
      expect(flagged).toEqual(['A6']);

      // The channel: rank, name, score per role, in the center's language; ties share a rank; no money.
      const channel = messageTo('ranking:2026-11:channel');
      expect(channel.target).toBe(RANKINGS);
      const byRank = (role: string) =>
        expected
          .filter((r) => r.role === role)
          .sort((x, y) => x.rank - y.rank || x.id.localeCompare(y.id))
          .map((r) => `${r.rank}. ${r.name} — ${r.score} 分`);
      // As on Slack, without Slack's bold marks (the card's heads are bold).
      expect(channel.text).toBe(['2026-11 月度排名', ['外呼员', ...byRank('outbound_agent')].join('\n'), ['投诉处理员', ...byRank('complaint_handler')].join('\n')].join('\n\n'));
      for (const row of byRank('outbound_agent')) expect(textOf(channel.card)).toContain(row);
      expect(textOf(channel.card)).not.toMatch(/¥|元/);

      // Each ranked employee: their score and every line, in their language, by Teams DM.
      for (const r of expected) {
        const own = messageTo(`ranking:2026-11:own:${r.id}`);
        expect(own.target).toBe(aadOf(r.id));
        const of = expected.filter((x) => x.role === r.role).length;
        const title = r.id === 'A1' || r.id === 'C1' ? `Your performance score for 2026-11: ${r.score} (rank ${r.rank} of ${of}).` : `你 2026-11 的绩效得分：${r.score} 分（第 ${r.rank} 名，共 ${of} 人）。`;
        expect(own.card.body[0]!.text, r.id).toBe(title);
        expect(own.text.split('\n').filter((l) => l.startsWith('• ')), r.id).toHaveLength(r.lineCount);
      }
      expect(sent.some((c) => c.conversationId === dm(aadOf('A3')))).toBe(true);
      const a3 = textOf(messageTo('ranking:2026-11:own:A3').card);
      expect(a3).toContain('PERF-2 2026-11-18 -60：未填写每日工作总结：按问卷完成 0/60 计');
      expect(a3).toContain('PERF-3 +40：业务量第 1 名');
      expect(textOf(messageTo('ranking:2026-11:own:A6').card)).toContain('PERF-8 0：2026-10, 2026-11 成单最少：约谈');
      expect(textOf(messageTo('ranking:2026-11:own:A5').card)).toContain('PERF-5 -5：无故缺席业务学习 1 次');
      expect(textOf(messageTo('ranking:2026-11:own:C1').card)).toContain('PERF-6 -4: customer satisfaction missed: could not be solved');

      // PERF-8 to every active training supervisor and department head, once.
      const interviews = outbox.filter((m) => m.dedupeKey.startsWith('ranking:2026-11:interview:'));
      expect(interviews.map((m) => m.target).sort()).toEqual([aadOf('H1'), aadOf('T1')].sort());
      expect(textOf(messageTo('ranking:2026-11:interview:T1').card)).toContain('赵六（外呼员），月份 2026-10, 2026-11');
      expect(textOf(messageTo('ranking:2026-11:interview:H1').card)).toContain('赵六 (outbound agents), months 2026-10, 2026-11');

      // Again: the same slot is done; a later slot of the day posts nothing new.
      expect(await run(SLOT)).toBe('already-done');
      expect(await run('2026-11-30T18:00+08:00')).toBe('finished');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await prisma.outboxMessage.count({ where: mine })).toBe(total);
      expect(h.fake.calls('send').filter((c) => c.status < 300 && outbox.some((m) => m.platformId === c.response.id))).toHaveLength(total);
    });
  });
}
