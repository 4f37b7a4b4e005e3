import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { examPoints, trainingAbsencePoints } from '../../src/policy/performance/exam.ts';
import { policyFrom, preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const rows = (r: ReturnType<typeof examPoints>) => r.rows.map((x) => `${x.employeeId} ${x.score}: below ${x.pointsBelowAverage}=${x.averagePoints} band ${x.band}=${x.bandPoints} total ${x.points}`);

describe('PERF-4 business exam', () => {
  it('PERF-4: with a top of 92, 90–100 is band 0, 80–89 band 1, 70–79 band 2, 3 points a band; 1 point per point below the average', () => {
    const r = examPoints(
      [
        { employeeId: 'a', score: 92 },
        { employeeId: 'b', score: 85 },
        { employeeId: 'c', score: 78 },
        { employeeId: 'd', score: 65 },
      ],
      basic,
    );
    expect(r.average).toBe(80);
    expect(rows(r)).toEqual([
      'a 92: below 0=0 band 0=0 total 0',
      'b 85: below 0=0 band 1=3 total 3',
      'c 78: below 2=2 band 2=6 total 8',
      'd 65: below 15=15 band 3=9 total 24',
    ]);
    expect(r.rows[2]?.lines).toEqual([
      { ruleId: 'PERF-4', employeeId: 'c', points: 2, note: 'exam 78: 2 below the average 80' },
      { ruleId: 'PERF-4', employeeId: 'c', points: 6, note: 'exam 78: band 2 below the top score 92' },
    ]);
    expect(r.rows[0]?.lines).toEqual([]);
  });

  it('PERF-4: band edges: 90 is band 0 and 89 band 1 with a top of 92; 80 band 1, 79 band 2', () => {
    const r = examPoints(
      [92, 90, 89, 80, 79].map((score, i) => ({ employeeId: `e${i}`, score })),
      basic,
    );
    expect(r.rows.map((x) => x.band)).toEqual([0, 0, 1, 1, 2]);
  });

  it('PERF-4: a top of 100 sits in the 90s decade (100 and 90 band 0, 89 band 1)', () => {
    const r = examPoints(
      [100, 90, 89].map((score, i) => ({ employeeId: `e${i}`, score })),
      basic,
    );
    expect(r.rows.map((x) => x.band)).toEqual([0, 0, 1]);
  });

  it('PERF-4: a top of 88 makes 80–89 band 0', () => {
    const r = examPoints(
      [88, 80, 79].map((score, i) => ({ employeeId: `e${i}`, score })),
      basic,
    );
    expect(r.rows.map((x) => x.band)).toEqual([0, 0, 1]);
  });

  it('PERF-4: a fractional average is kept; only whole points below it cost (average 85.33: 85 → 0, 81 → 4)', () => {
    const r = examPoints(
      [
        { employeeId: 'a', score: 90 },
        { employeeId: 'b', score: 85 },
        { employeeId: 'c', score: 81 },
      ],
      basic,
    );
    expect(r.average).toBeCloseTo(85.3333, 3);
    expect(r.rows.map((x) => x.pointsBelowAverage)).toEqual([0, 0, 4]);
    expect(r.rows[2]?.lines[0]?.note).toBe('exam 81: 4 below the average 85.33');
  });

  it('PERF-4: band points and width come from perf.exam', () => {
    const policy = policyFrom({ perf: { exam: { bandPoints: 5, pointsPerPointBelowAverage: 2 } } });
    const r = examPoints(
      [
        { employeeId: 'a', score: 92 },
        { employeeId: 'b', score: 78 },
      ],
      policy,
    );
    expect(rows(r)).toEqual(['a 92: below 0=0 band 0=0 total 0', 'b 78: below 7=14 band 2=10 total 24']);
  });

  it('PERF-4: no scores, no rows', () => {
    expect(examPoints([], basic)).toEqual({ average: 0, rows: [] });
  });
});

describe('PERF-5 weekly training absence (TRAIN-1)', () => {
  it('PERF-5: each unexcused absence costs 5 points by default', () => {
    expect(trainingAbsencePoints(0, basic)).toEqual({ points: 0, lines: [] });
    expect(trainingAbsencePoints(2, basic, 'a1')).toEqual({
      points: 10,
      lines: [{ ruleId: 'PERF-5', employeeId: 'a1', points: 10, note: '2 unexcused training absences' }],
    });
  });

  it('PERF-5: the weight comes from perf.trainingAbsencePoints', () => {
    expect(trainingAbsencePoints(3, policyFrom({ perf: { trainingAbsencePoints: 2 } })).points).toBe(6);
  });
});
