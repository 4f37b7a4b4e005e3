/** PERF-4 business exam and PERF-5 weekly training absence (TRAIN-1). */
import type { Policy } from '../config/schema.ts';
import { EPS, type PerfLine } from './types.ts';

export interface ExamRow {
  employeeId: string;
  score: number;
  /** Whole points below the company average (floored: 1.6 below is 1). */
  pointsBelowAverage: number;
  /** pointsBelowAverage × exam.pointsPerPointBelowAverage. */
  averagePoints: number;
  /** 0 for the top score's decade, 1 for the one below, … */
  band: number;
  /** band × exam.bandPoints. */
  bandPoints: number;
  /** averagePoints + bandPoints. */
  points: number;
  lines: PerfLine[];
}

export interface ExamResult {
  /** The unrounded company average (mean of all scores given). */
  average: number;
  rows: ExamRow[];
}

/**
 * PERF-4. Readings:
 * - The average is the plain mean of the scores given, kept unrounded; only
 *   whole points below it cost (average 85.4: 85 → 0, 84 → 1, 83.4 → 2).
 * - Bands are decades of `exam.bandWidth` counted from the top score's decade;
 *   a score of 100 sits in the 90s decade ("90–100" is band 0 with a top of 92,
 *   and a top of 100 makes 90–100 band 0 as well).
 * Rows keep the input order. An empty list gives average 0 and no rows.
 */
export function examPoints(scores: Array<{ employeeId: string; score: number }>, policy: Policy): ExamResult {
  const { pointsPerPointBelowAverage, bandWidth, bandPoints } = policy.perf.exam;
  if (scores.length === 0) return { average: 0, rows: [] };
  const average = scores.reduce((s, x) => s + x.score, 0) / scores.length;
  const lastDecade = Math.ceil(100 / bandWidth) - 1;
  const decade = (s: number) => (s >= 100 ? lastDecade : Math.floor(s / bandWidth + EPS));
  const top = Math.max(...scores.map((s) => s.score));
  const rows = scores.map(({ employeeId, score }): ExamRow => {
    const pointsBelowAverage = Math.max(0, Math.floor(average - score + EPS));
    const averagePoints = pointsBelowAverage * pointsPerPointBelowAverage;
    const band = Math.max(0, decade(top) - decade(score));
    const bp = band * bandPoints;
    const lines: PerfLine[] = [];
    if (averagePoints > 0)
      lines.push({ ruleId: 'PERF-4', employeeId, points: averagePoints, note: `exam ${score}: ${pointsBelowAverage} below the average ${round2(average)}` });
    if (bp > 0) lines.push({ ruleId: 'PERF-4', employeeId, points: bp, note: `exam ${score}: band ${band} below the top score ${top}` });
    return { employeeId, score, pointsBelowAverage, averagePoints, band, bandPoints: bp, points: averagePoints + bp, lines };
  });
  return { average, rows };
}

/** PERF-5 (TRAIN-1): each unexcused absence from the weekly study costs `perf.trainingAbsencePoints`. */
export function trainingAbsencePoints(
  unexcusedAbsences: number,
  policy: Policy,
  employeeId?: string,
): { points: number; lines: PerfLine[] } {
  const n = Math.max(0, Math.floor(unexcusedAbsences));
  const points = n * policy.perf.trainingAbsencePoints;
  return {
    points,
    lines:
      points > 0
        ? [{ ruleId: 'PERF-5', ...(employeeId !== undefined ? { employeeId } : {}), points, note: `${n} unexcused training absence${n === 1 ? '' : 's'}` }]
        : [],
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
