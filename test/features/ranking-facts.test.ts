/**
 * What the month's ranking reads from the database (readings of PERF-2, PERF-3,
 * PERF-7 in docs/performance.md), the call_type column of summary import, and
 * when the month-end job posts under each perf.rankingPostOn.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { slackRankingRenderer } from '../../src/channels/slack/blocks/ranking-blocks.ts';
import { importOrg } from '../../src/features/org/org-import.ts';
import { postMonthEndRanking } from '../../src/features/performance/month-end.ts';
import { monthlyRanking } from '../../src/features/performance/ranking.ts';
import { importSummaries } from '../../src/features/performance/summary-import.ts';
import { AppError } from '../../src/shared/errors.ts';
import { policyFrom } from '../policy/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OUTBOUND_BASIC } from '../support/fixtures.ts';

const ZONE = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const ORG = (channels = '{ rankings: C0RANK }') => `center: { name: 测试中心, timeZone: Asia/Shanghai }
channels: ${channels}
teams: [{ id: t, name: 一组 }]
employees:
  - { id: A1, name: 一, role: outbound_agent, team: t, hireDate: 2025-01-01, slack: U1 }
  - { id: A2, name: 二, role: outbound_agent, team: t, hireDate: 2026-11-16, slack: U2 }
  - { id: A3, name: 三, role: outbound_agent, team: t, hireDate: 2025-01-01, active: false }
  - { id: A4, name: 四, role: outbound_agent, team: t, hireDate: 2026-12-01 }
  - { id: L1, name: 班长, role: team_leader, team: t, hireDate: 2020-01-01 }
`;
const HEADER = 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders,customer_issues,call_type';

describeEachDatabase('ranking facts', (current) => {
  it('PERF-3: summary import stores a call type the policy weighs; an unknown one is refused with its line and column, nothing stored', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG(), { actor: 'test', file: 'org.yaml' });
    const weighted = policyFrom({ perf: { callTypeWeights: { marketing: 1.5 } } });
    const bad = [HEADER, 'A1,2026-11-02,100,80,60,2,0,marketing', 'A1,2026-11-03,100,80,60,2,0,cold'].join('\n');
    const error = (await importSummaries(prisma, bad, { actor: 'cli', file: 's.csv', policy: weighted }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['3 call_type']);
    expect(await prisma.dailySummary.count()).toBe(0);
    // Without weights in the policy no call type is known.
    const unweighted = (await importSummaries(prisma, [HEADER, 'A1,2026-11-02,100,80,60,2,0,marketing'].join('\n'), { actor: 'cli', file: 's.csv', policy: OUTBOUND_BASIC }).catch((e: unknown) => e)) as AppError;
    expect(unweighted.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['2 call_type']);
    expect(await importSummaries(prisma, [HEADER, 'A1,2026-11-02,100,80,60,2,0,marketing', 'A1,2026-11-03,100,80,60,2,0,'].join('\n'), { actor: 'cli', file: 's.csv', policy: weighted })).toEqual({ created: 2, replaced: 0, unchanged: 0 });
    expect((await prisma.dailySummary.findMany({ orderBy: { date: 'asc' } })).map((s) => s.callType)).toEqual(['marketing', null]);
  });

  it('PERF-2: working days are counted from the hire date up to today (month to date), a summary on a weekend counts as a worked day; inactive and later hires are not ranked', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG(), { actor: 'test', file: 'org.yaml' });
    // Saturday 21 November: A1 worked and filed.
    await importSummaries(prisma, [HEADER, 'A1,2026-11-21,100,80,70,2,0,'].join('\n'), { actor: 'cli', file: 's.csv' });
    // Wednesday 25 November, 10:00: Nov 2–25 has 18 weekdays; A2 was hired on Monday the 16th: 8 of them.
    const [agents] = await monthlyRanking({ prisma, policy: OUTBOUND_BASIC, clock: { now: () => at('2026-11-25T10:00') } }, '2026-11');
    expect(agents!.rows.map((r) => r.employeeId).sort()).toEqual(['A1', 'A2']);
    const shortfalls = (id: string) => agents!.rows.find((r) => r.employeeId === id)!.lines.filter((l) => l.ruleId === 'PERF-2');
    expect(shortfalls('A1')).toHaveLength(18); // not the Saturday: 70 ≥ 60
    expect(shortfalls('A1').some((l) => l.date === '2026-11-26')).toBe(false);
    expect(shortfalls('A2').map((l) => l.date)[0]).toBe('2026-11-16');
    expect(shortfalls('A2')).toHaveLength(8);
    // PERF-3: A1's 70 over 19 worked days (18 + the Saturday) is below the floor.
    expect(agents!.rows.find((r) => r.employeeId === 'A1')!.lines.find((l) => l.ruleId === 'PERF-3')!.params).toEqual({ perDay: 3.68, floor: 50 });
  });

  it('PERF-7: first-day-next-month posts the previous month at 09:00 on the 1st, once; no rankings channel means DMs only', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG('{}'), { actor: 'test', file: 'org.yaml' });
    const policy = policyFrom({ perf: { rankingPostOn: 'first-day-next-month' } });
    const post = (iso: string) => postMonthEndRanking(prisma, policy, at(iso), slackRankingRenderer);
    expect(await post('2026-11-30T17:35')).toMatchObject({ posted: false, reason: 'not-due', month: '2026-10' });
    expect(await post('2026-12-01T08:55')).toMatchObject({ posted: false, reason: 'not-due', month: '2026-11' });
    expect(await post('2026-12-01T09:00')).toMatchObject({ posted: true, month: '2026-11', channel: null, messages: 2 }); // A1's and A2's own DMs
    expect(await post('2026-12-01T09:05')).toMatchObject({ posted: false, reason: 'already-posted', month: '2026-11' });
    expect(await post('2026-12-02T09:00')).toMatchObject({ posted: false, reason: 'not-due', month: '2026-11' }); // a day late: not posted then
    const keys = (await prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } })).map((m) => `${m.dedupeKey} ${m.target}`);
    expect(keys).toEqual(['ranking:2026-11:own:A1 U1', 'ranking:2026-11:own:A2 U2']);
    expect(await prisma.auditLog.count({ where: { entity: 'ranking', entityId: '2026-11', action: 'ranking.post' } })).toBe(1);
  });

  it('SUGG-3: the ranking post of a month lists the suggestions adopted the month before, for reward, and not later ones', async () => {
    const prisma = current().db.prisma;
    await importOrg(prisma, ORG(), { actor: 'test', file: 'org.yaml' });
    const policy = policyFrom({ perf: { rankingPostOn: 'first-day-next-month' } });
    const suggestion = (title: string, ratedAt: string, adopted: boolean) =>
      prisma.suggestion.create({
        data: {
          submitterId: 'A1', title, currentPractice: 'now', proposal: 'better', source: 'training', submittedOn: new Date('2026-10-01T00:00:00Z'),
          submitterName: '一', teamId: 't', department: '一组', position: 'outbound_agent', status: adopted ? 'adopted' : 'rejected',
          raterId: 'L1', ratedAt: at(ratedAt).toJSDate(), grade: 'A', adopted, channel: 'slack',
        },
      });
    await suggestion('October, adopted', '2026-10-31T23:30', true); // 15:30 UTC: October in Shanghai
    await suggestion('October, not adopted', '2026-10-20T10:00', false);
    await suggestion('November, adopted', '2026-11-01T00:30', true); // still 31 October in UTC
    expect(await postMonthEndRanking(prisma, policy, at('2026-12-01T09:00'), slackRankingRenderer)).toMatchObject({ posted: true, month: '2026-11' });
    const post = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'ranking:2026-11:channel' } });
    const text = (post.payload as { text: string }).text;
    expect(text).toContain('2026-10 采纳的合理化建议');
    expect(text).toContain('October, adopted');
    expect(text).not.toContain('not adopted');
    expect(text).not.toContain('November, adopted');
  });
});
