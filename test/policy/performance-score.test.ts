import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { complaintKpiPoints } from '../../src/policy/performance/complaint.ts';
import { trainingAbsencePoints } from '../../src/policy/performance/exam.ts';
import { lowestOrdersFlag, monthlyScore, rankScores } from '../../src/policy/performance/score.ts';
import { dailyShortfallPoints } from '../../src/policy/performance/volume.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

describe('PERF-7 monthly score and ranking', () => {
  it('PERF-7: the score starts at 100 and loses the points of the lines, which it returns', () => {
    const lines = [
      ...dailyShortfallPoints(55, basic, { employeeId: 'a1', date: '2026-03-02' }).lines,
      ...trainingAbsencePoints(1, basic, 'a1').lines,
    ];
    expect(monthlyScore(lines, basic)).toEqual({ score: 90, lines });
    expect(monthlyScore([], basic).score).toBe(100);
  });

  it('PERF-7: a PERF-3 award (negative line) adds; the score has no floor', () => {
    expect(monthlyScore([{ ruleId: 'PERF-3', points: -40, note: 'volume place 1' }], basic).score).toBe(140);
    const big = complaintKpiPoints({ delayRatePct: 5, feedbackTimelinessPct: 80, satisfactionPct: 80, repeatRatePct: 1, redispatchRatePct: 0.5 }, [], basic);
    expect(big.points).toBe(200);
    expect(monthlyScore(big.lines, basic).score).toBe(-100);
  });

  it('PERF-7: the start comes from perf.startScore', () => {
    expect(monthlyScore([{ ruleId: 'PERF-5', points: 5, note: '' }], policyFrom({ perf: { startScore: 120 } })).score).toBe(115);
  });

  it('PERF-7: highest first; ties share a rank and the next skips (1, 2, 2, 4)', () => {
    expect(
      rankScores([
        { employeeId: 'd', score: 80 },
        { employeeId: 'c', score: 90 },
        { employeeId: 'a', score: 100 },
        { employeeId: 'b', score: 90 },
      ]).map((r) => `${r.rank} ${r.employeeId} ${r.score}`),
    ).toEqual(['1 a 100', '2 b 90', '2 c 90', '4 d 80']);
    expect(rankScores([])).toEqual([]);
  });
});

describe('PERF-8 fewest orders two months running', () => {
  const m = (month: string, orders: Record<string, number>) => ({ month, orders: Object.entries(orders).map(([employeeId, n]) => ({ employeeId, orders: n })) });

  it('PERF-8: the agent with the fewest orders in both of the last two months is flagged', () => {
    const r = lowestOrdersFlag([m('2026-02', { a: 10, b: 3, c: 8 }), m('2026-03', { a: 9, b: 2, c: 8 }), m('2026-01', { a: 1, b: 5, c: 8 })], basic);
    expect(r.flagged).toEqual(['b']);
    expect(r.months).toEqual(['2026-02', '2026-03']);
    expect(r.lines).toEqual([{ ruleId: 'PERF-8', employeeId: 'b', points: 0, note: 'fewest orders in 2026-02, 2026-03: interview (約談)' }]);
  });

  it('PERF-8: fewest in only one of the two months is not flagged', () => {
    expect(lowestOrdersFlag([m('2026-02', { a: 1, b: 3 }), m('2026-03', { a: 5, b: 2 })], basic).flagged).toEqual([]);
  });

  it('PERF-8: ties at the minimum all count as fewest', () => {
    expect(lowestOrdersFlag([m('2026-02', { a: 2, b: 2, c: 5 }), m('2026-03', { a: 0, b: 0, c: 0 })], basic).flagged).toEqual(['a', 'b']);
  });

  it('PERF-8: a single month, or a gap between the last two, flags nobody; a year boundary is consecutive', () => {
    expect(lowestOrdersFlag([m('2026-03', { a: 1, b: 3 })], basic).flagged).toEqual([]);
    expect(lowestOrdersFlag([m('2026-01', { a: 1, b: 3 }), m('2026-03', { a: 1, b: 3 })], basic).flagged).toEqual([]);
    expect(lowestOrdersFlag([m('2025-12', { a: 1, b: 3 }), m('2026-01', { a: 1, b: 3 })], basic).flagged).toEqual(['a']);
  });

  it('PERF-8: an agent missing from a month is not considered for it', () => {
    expect(lowestOrdersFlag([m('2026-02', { a: 1, b: 3 }), m('2026-03', { b: 3 })], basic).flagged).toEqual([]);
  });

  it('PERF-8: the run length comes from perf.interviewAfterMonths', () => {
    const three = policyFrom({ perf: { interviewAfterMonths: 3 } });
    const hist = [m('2026-01', { a: 5, b: 3 }), m('2026-02', { a: 1, b: 3 }), m('2026-03', { a: 1, b: 3 })];
    expect(lowestOrdersFlag(hist, basic).flagged).toEqual(['a']);
    expect(lowestOrdersFlag(hist, three).flagged).toEqual([]);
  });
});
