/** PERF-2 daily volume shortfall and PERF-3 monthly weighted volume ranking. */
import type { Policy } from '../config/schema.ts';
import { EPS, type PerfLine } from './types.ts';

export interface ShortfallResult {
  shortfall: number;
  points: number;
  lines: PerfLine[];
}

/**
 * PERF-2: each questionnaire below `perf.dailyTarget` on a working day costs
 * `perf.dailyShortfallPoints`. The caller passes working days only; counts are
 * whole questionnaires (a fractional count is floored: 59.5 completed is 59).
 */
export function dailyShortfallPoints(
  questionnairesCompleted: number,
  policy: Policy,
  at: { employeeId?: string; date?: string } = {},
): ShortfallResult {
  const done = Math.max(0, Math.floor(questionnairesCompleted));
  const shortfall = Math.max(0, policy.perf.dailyTarget - done);
  const points = shortfall * policy.perf.dailyShortfallPoints;
  const lines: PerfLine[] =
    points > 0
      ? [
          {
            ruleId: 'PERF-2',
            ...(at.employeeId !== undefined ? { employeeId: at.employeeId } : {}),
            ...(at.date !== undefined ? { date: at.date } : {}),
            points,
            note: `${done} of ${policy.perf.dailyTarget} questionnaires: ${shortfall} short`,
          },
        ]
      : [];
  return { shortfall, points, lines };
}

/** PERF-2 over a month: one line per working day that fell short; points summed. */
export function monthlyShortfallPoints(
  days: Array<{ date: string; questionnairesCompleted: number }>,
  policy: Policy,
  employeeId?: string,
): ShortfallResult {
  const out: ShortfallResult = { shortfall: 0, points: 0, lines: [] };
  for (const d of days) {
    const r = dailyShortfallPoints(d.questionnairesCompleted, policy, {
      date: d.date,
      ...(employeeId !== undefined ? { employeeId } : {}),
    });
    out.shortfall += r.shortfall;
    out.points += r.points;
    out.lines.push(...r.lines);
  }
  return out;
}

export interface VolumeAgentInput {
  employeeId: string;
  completionsByCallType: Record<string, number>;
  workingDays: number;
}

export interface VolumeRankingRow {
  employeeId: string;
  /** Σ completions × weight (weight from `perf.callTypeWeights`, else `perf.defaultCallTypeWeight`). */
  weightedTotal: number;
  /** weightedTotal / workingDays, unrounded; 0 when workingDays is 0. */
  averagePerDay: number;
  /** 1-based place among agents at or above the floor; null below it. Ties share a place; the next place skips. */
  place: number | null;
  /** Volume points awarded (0 below the floor). */
  points: number;
  /** One PERF-3 line; its `points` is −awarded (an award adds to the monthly score). */
  lines: PerfLine[];
}

/**
 * PERF-3: weighted completions; an average below `perf.volumeFloor` a working
 * day (compared unrounded: 49.9 < 50) scores 0. The rest are ranked by
 * weighted total (equal within 1e-9 ⇒ tie, same place, next place skipped:
 * 1, 2, 2, 4) and score rankTopPoints − rankStep × (place − 1), at least 0.
 * Rows are returned by place, then below-floor agents, each group by employeeId.
 */
export function volumeRanking(agents: VolumeAgentInput[], policy: Policy): VolumeRankingRow[] {
  const { callTypeWeights, defaultCallTypeWeight, volumeFloor, rankTopPoints, rankStep } = policy.perf;
  const rows = agents.map((a) => {
    let weightedTotal = 0;
    for (const [type, n] of Object.entries(a.completionsByCallType)) weightedTotal += n * (callTypeWeights[type] ?? defaultCallTypeWeight);
    const averagePerDay = a.workingDays > 0 ? weightedTotal / a.workingDays : 0;
    return { employeeId: a.employeeId, weightedTotal, averagePerDay, eligible: averagePerDay >= volumeFloor - EPS };
  });
  const byId = (x: { employeeId: string }, y: { employeeId: string }) => (x.employeeId < y.employeeId ? -1 : x.employeeId > y.employeeId ? 1 : 0);
  const ranked = rows.filter((r) => r.eligible).sort((x, y) => y.weightedTotal - x.weightedTotal || byId(x, y));
  const below = rows.filter((r) => !r.eligible).sort(byId);
  const out: VolumeRankingRow[] = [];
  let place = 0;
  let prev: number | undefined;
  ranked.forEach((r, i) => {
    if (prev === undefined || Math.abs(prev - r.weightedTotal) > EPS) place = i + 1;
    prev = r.weightedTotal;
    const points = Math.max(0, rankTopPoints - rankStep * (place - 1));
    out.push({
      employeeId: r.employeeId,
      weightedTotal: r.weightedTotal,
      averagePerDay: r.averagePerDay,
      place,
      points,
      lines: [{ ruleId: 'PERF-3', employeeId: r.employeeId, points: points === 0 ? 0 : -points, note: `volume place ${place}: ${fmt(r.weightedTotal)} weighted, ${fmt(r.averagePerDay)}/day; +${points}` }],
    });
  });
  for (const r of below)
    out.push({
      employeeId: r.employeeId,
      weightedTotal: r.weightedTotal,
      averagePerDay: r.averagePerDay,
      place: null,
      points: 0,
      lines: [{ ruleId: 'PERF-3', employeeId: r.employeeId, points: 0, note: `volume ${fmt(r.averagePerDay)}/day below ${volumeFloor}/day: 0` }],
    });
  return out;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);
