import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { dailyShortfallPoints, monthlyShortfallPoints, volumeRanking } from '../../src/policy/performance/volume.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

describe('PERF-2 daily volume', () => {
  it('PERF-2: 60 or more completed questionnaires cost nothing and give no line', () => {
    expect(dailyShortfallPoints(60, basic)).toEqual({ shortfall: 0, points: 0, lines: [] });
    expect(dailyShortfallPoints(75, basic)).toEqual({ shortfall: 0, points: 0, lines: [] });
  });

  it('PERF-2: each questionnaire short of 60 costs 1 point (55 → 5, 0 → 60)', () => {
    expect(dailyShortfallPoints(55, basic, { employeeId: 'a1', date: '2026-03-02' })).toEqual({
      shortfall: 5,
      points: 5,
      lines: [{ ruleId: 'PERF-2', employeeId: 'a1', date: '2026-03-02', points: 5, note: '55 of 60 questionnaires: 5 short' }],
    });
    expect(dailyShortfallPoints(0, basic).points).toBe(60);
  });

  it('PERF-2: a fractional count is floored (59.5 completed is 59 → 1 point)', () => {
    expect(dailyShortfallPoints(59.5, basic).points).toBe(1);
  });

  it('PERF-2: the target comes from perf.dailyTarget', () => {
    expect(dailyShortfallPoints(45, policyFrom({ perf: { dailyTarget: 50 } })).points).toBe(5);
  });

  it('PERF-2: the month sums the working days, one line per short day', () => {
    const m = monthlyShortfallPoints(
      [
        { date: '2026-03-02', questionnairesCompleted: 58 },
        { date: '2026-03-03', questionnairesCompleted: 61 },
        { date: '2026-03-04', questionnairesCompleted: 50 },
      ],
      basic,
      'a1',
    );
    expect(m.points).toBe(12);
    expect(m.shortfall).toBe(12);
    expect(m.lines.map((l) => `${l.ruleId} ${l.employeeId} ${l.date} ${l.points}`)).toEqual(['PERF-2 a1 2026-03-02 2', 'PERF-2 a1 2026-03-04 10']);
  });
});

describe('PERF-3 monthly volume ranking', () => {
  const agent = (employeeId: string, total: number, workingDays = 20, type = 'survey') => ({
    employeeId,
    completionsByCallType: { [type]: total },
    workingDays,
  });
  const summary = (rows: ReturnType<typeof volumeRanking>) => rows.map((r) => `${r.employeeId} ${r.place ?? '-'} ${r.points}`);

  it('PERF-3: 40 for first, 2 points less per place below', () => {
    const rows = volumeRanking([agent('c', 1100), agent('a', 1300), agent('b', 1200)], basic);
    expect(summary(rows)).toEqual(['a 1 40', 'b 2 38', 'c 3 36']);
    expect(rows[0]?.lines).toEqual([{ ruleId: 'PERF-3', employeeId: 'a', points: -40, note: 'volume place 1: 1300 weighted, 65/day; +40' }]);
  });

  it('PERF-3: an agent averaging 49.9 a working day scores 0 and takes no place; exactly 50 ranks', () => {
    const rows = volumeRanking([agent('low', 998), agent('floor', 1000), agent('top', 1400)], basic);
    expect(summary(rows)).toEqual(['top 1 40', 'floor 2 38', 'low - 0']);
    const low = rows.find((r) => r.employeeId === 'low');
    expect(low?.averagePerDay).toBeCloseTo(49.9, 10);
    expect(low?.lines).toEqual([{ ruleId: 'PERF-3', employeeId: 'low', points: 0, note: 'volume 49.9/day below 50/day: 0' }]);
  });

  it('PERF-3: ties share a place and the next place skips (1, 2, 2, 4)', () => {
    const rows = volumeRanking([agent('a', 1300), agent('c', 1200), agent('b', 1200), agent('d', 1100)], basic);
    expect(summary(rows)).toEqual(['a 1 40', 'b 2 38', 'c 2 38', 'd 4 34']);
  });

  it('PERF-3: points never go below 0 (21st place and beyond)', () => {
    const agents = Array.from({ length: 23 }, (_, i) => agent(`a${String(i).padStart(2, '0')}`, 2000 - i));
    const rows = volumeRanking(agents, basic);
    expect(rows.map((r) => r.points).slice(19)).toEqual([2, 0, 0, 0]);
    expect(rows[20]?.lines[0]?.points).toBe(0);
  });

  it('PERF-3: completions are weighted by call type (default weight 1.0), then averaged per working day', () => {
    const policy = policyFrom({ perf: { callTypeWeights: { long: 1.5 } } });
    const rows = volumeRanking(
      [
        { employeeId: 'w', completionsByCallType: { long: 600, survey: 200 }, workingDays: 20 }, // 900 + 200 = 1100 → 55/day
        { employeeId: 'u', completionsByCallType: { long: 600, survey: 200 }, workingDays: 20 },
      ],
      basic,
    );
    expect(rows.map((r) => r.weightedTotal)).toEqual([800, 800]);
    expect(summary(rows)).toEqual(['u - 0', 'w - 0']); // 40/day unweighted
    const weighted = volumeRanking(
      [
        { employeeId: 'w', completionsByCallType: { long: 600, survey: 200 }, workingDays: 20 },
        agent('x', 1000),
      ],
      policy,
    );
    expect(weighted.map((r) => `${r.employeeId} ${r.weightedTotal} ${r.averagePerDay} ${r.place} ${r.points}`)).toEqual(['w 1100 55 1 40', 'x 1000 50 2 38']);
  });

  it('PERF-3: no working days means 0 per day and 0 points', () => {
    expect(summary(volumeRanking([agent('z', 500, 0)], basic))).toEqual(['z - 0']);
  });
});
