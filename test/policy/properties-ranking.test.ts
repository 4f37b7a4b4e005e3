/**
 * Property-based tests (fast-check) of the month-end ranking: generated scores
 * through `rankScores` and generated months of summaries, exams and training
 * absences through `monthScores` (PERF-3, PERF-7).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { monthScores, type MonthEmployeeInput } from '../../src/policy/performance/month.ts';
import { rankScores } from '../../src/policy/performance/score.ts';
import { volumeRanking } from '../../src/policy/performance/volume.ts';
import { preset } from './helpers.ts';

let policy: Policy;
beforeAll(async () => {
  policy = await preset('outbound-basic');
});

/** A ranking is a permutation; ranks non-decreasing while scores are non-increasing; ties share a rank; ranks are 1-based "competition" ranks. */
function expectRanking(input: Array<{ employeeId: string; score: number }>, rows: Array<{ employeeId: string; score: number; rank: number }>) {
  expect(rows.map((r) => r.employeeId).sort()).toEqual(input.map((e) => e.employeeId).sort());
  const scoreOf = new Map(input.map((e) => [e.employeeId, e.score]));
  for (const r of rows) expect(r.score).toBe(scoreOf.get(r.employeeId));
  rows.forEach((r, i) => {
    if (i === 0) return expect(r.rank).toBe(1);
    const prev = rows[i - 1]!;
    expect(r.score).toBeLessThanOrEqual(prev.score);
    expect(r.rank).toBeGreaterThanOrEqual(prev.rank);
    // Equal scores share a rank; a lower score's rank is its 1-based position (1, 2, 2, 4).
    expect(r.rank).toBe(r.score === prev.score ? prev.rank : i + 1);
  });
  // Rank = 1 + the number of strictly better scores.
  for (const r of rows) expect(r.rank).toBe(1 + input.filter((e) => e.score > r.score).length);
}

const idsArb = (max: number) => fc.uniqueArray(fc.stringMatching(/^[A-Z][0-9]{1,4}$/), { minLength: 0, maxLength: max });

describe('rankScores (PERF-7)', () => {
  it('PERF-7: every employee appears exactly once, ranks non-decreasing with scores non-increasing, ties share a rank', () => {
    fc.assert(
      fc.property(
        idsArb(40).chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.integer({ min: -50, max: 140 }), { minLength: ids.length, maxLength: ids.length }))),
        ([ids, scores]) => {
          const input = ids.map((employeeId, i) => ({ employeeId, score: scores[i]! }));
          expectRanking(input, rankScores(input));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('PERF-7: the ranking does not depend on the input order', () => {
    fc.assert(
      fc.property(
        idsArb(20).chain((ids) => fc.tuple(fc.constant(ids.map((employeeId, i) => ({ employeeId, score: i % 4 }))), fc.array(fc.nat(), { minLength: ids.length, maxLength: ids.length }))),
        ([input, keys]) => {
          const shuffled = input.map((e, i) => ({ e, k: keys[i]! })).sort((a, b) => a.k - b.k).map((x) => x.e);
          expect(rankScores(shuffled)).toEqual(rankScores(input));
        },
      ),
    );
  });
});

describe('volumeRanking (PERF-3)', () => {
  it('PERF-3: every agent appears once; places shared on ties; points never negative and never more for a lower total', () => {
    fc.assert(
      fc.property(
        idsArb(30).chain((ids) =>
          fc.tuple(fc.constant(ids), fc.array(fc.record({ done: fc.integer({ min: 0, max: 2000 }), days: fc.integer({ min: 0, max: 23 }) }), { minLength: ids.length, maxLength: ids.length })),
        ),
        ([ids, gen]) => {
          const rows = volumeRanking(ids.map((employeeId, i) => ({ employeeId, completionsByCallType: { '': gen[i]!.done }, workingDays: gen[i]!.days })), policy);
          expect(rows.map((r) => r.employeeId).sort()).toEqual([...ids].sort());
          for (const r of rows) expect(r.points).toBeGreaterThanOrEqual(0);
          const placed = rows.filter((r) => r.place !== null);
          for (const a of placed)
            for (const b of placed) {
              if (a.weightedTotal > b.weightedTotal + 1e-9) expect(a.place!).toBeLessThan(b.place!);
              if (Math.abs(a.weightedTotal - b.weightedTotal) <= 1e-9) expect(a.place).toBe(b.place);
              if (a.weightedTotal >= b.weightedTotal) expect(a.points).toBeGreaterThanOrEqual(b.points);
            }
          for (const r of rows.filter((r) => r.place === null)) expect(r.points).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('monthScores (PERF-2..PERF-8 composed, PERF-7)', () => {
  const DATES = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
  const employeeArb = (employeeId: string): fc.Arbitrary<MonthEmployeeInput> =>
    fc.record({
      employeeId: fc.constant(employeeId),
      role: fc.constantFrom('outbound_agent', 'complaint_handler', 'team_leader' as const) as fc.Arbitrary<MonthEmployeeInput['role']>,
      workingDays: fc.tuple(...DATES.map((date) => fc.record({ date: fc.constant(date), summary: fc.option(fc.record({ questionnairesCompleted: fc.integer({ min: 0, max: 120 }), callType: fc.constant(null) }), { nil: null }) }))),
      ordersByMonth: fc.record({ '2026-02': fc.integer({ min: 0, max: 30 }), '2026-03': fc.integer({ min: 0, max: 30 }) }),
      unexcusedTrainingAbsences: fc.integer({ min: 0, max: 4 }),
    });

  it('PERF-7: each ranked role is a permutation of its members, ranked by score with ties sharing a rank; the score is the start minus the lines', () => {
    fc.assert(
      fc.property(
        idsArb(15).chain((ids) =>
          fc.tuple(
            fc.tuple(...ids.map(employeeArb)),
            fc.array(fc.record({ employeeId: fc.constantFrom(...(ids.length ? ids : ['none'])), score: fc.integer({ min: 0, max: 100 }) }), { maxLength: 10 }),
          ),
        ),
        ([employees, examsRaw]) => {
          const exams = [...new Map(examsRaw.map((e) => [e.employeeId, e])).values()].filter((e) => e.employeeId !== 'none');
          const out = monthScores({ month: '2026-03', employees, exams }, policy);
          const ranked = employees.filter((e) => policy.perf.rankedRoles.includes(e.role));
          expect(out.flatMap((r) => r.rows.map((x) => x.employeeId)).sort()).toEqual(ranked.map((e) => e.employeeId).sort());
          for (const role of out) {
            expect(role.rows.every((r) => r.role === role.role)).toBe(true);
            expectRanking(role.rows, role.rows);
            for (const r of role.rows) expect(r.score).toBe(policy.perf.startScore - r.lines.reduce((n, l) => n + l.points, 0));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
