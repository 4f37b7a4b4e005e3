/** PERF-6 complaint KPIs (complaint handlers and their manager, monthly). */
import type { Policy } from '../config/schema.ts';
import { fullSteps, type PerfLine } from './types.ts';

export const COMPLAINT_KPIS = ['delayRate', 'feedbackTimeliness', 'satisfaction', 'repeatRate', 'redispatchRate'] as const;
export type ComplaintKpi = (typeof COMPLAINT_KPIS)[number];

export interface ComplaintKpiValues {
  delayRatePct: number;
  feedbackTimelinessPct: number;
  satisfactionPct: number;
  repeatRatePct: number;
  redispatchRatePct: number;
}

export interface ComplaintMiss {
  kpi: ComplaintKpi;
  cause: 'human-error' | 'unsolvable';
  /** Unsolvable only: the evaluator's pick within perf.unsolvablePoints (default its min). Ignored for human error. */
  points?: number;
}

export interface ComplaintKpiRow {
  kpi: ComplaintKpi;
  valuePct: number;
  limitPct: number;
  /** Full steps beyond the limit. */
  steps: number;
  points: number;
}

/**
 * PERF-6. Readings:
 * - Only full steps count: delay 5.5% (limit 5%, step 1%) → 0, 6% → 1, 6.9% → 1;
 *   feedback timeliness 99.95% → 0, 99.9% → 1. (Float noise is absorbed.)
 * - The limit itself is within the KPI (5% delay costs nothing).
 * - Each recorded miss is an extra line on top of the step points: human
 *   error costs perf.humanErrorPoints (20), unsolvable the evaluator's points
 *   (perf.unsolvablePoints.min..max, default min); a pick outside the range or
 *   not an integer throws a RangeError.
 */
export function complaintKpiPoints(
  kpis: ComplaintKpiValues,
  misses: ComplaintMiss[],
  policy: Policy,
  employeeId?: string,
): { points: number; kpis: ComplaintKpiRow[]; lines: PerfLine[] } {
  const c = policy.perf.complaintKpis;
  const who = employeeId !== undefined ? { employeeId } : {};
  const maxKpi = (kpi: ComplaintKpi, value: number, k: { maxPercent: number; stepPercent: number; pointsPerStep: number }): ComplaintKpiRow => {
    const steps = fullSteps(value - k.maxPercent, k.stepPercent);
    return { kpi, valuePct: value, limitPct: k.maxPercent, steps, points: steps * k.pointsPerStep };
  };
  const minKpi = (kpi: ComplaintKpi, value: number, k: { minPercent: number; stepPercent: number; pointsPerStep: number }): ComplaintKpiRow => {
    const steps = fullSteps(k.minPercent - value, k.stepPercent);
    return { kpi, valuePct: value, limitPct: k.minPercent, steps, points: steps * k.pointsPerStep };
  };
  const rows: ComplaintKpiRow[] = [
    maxKpi('delayRate', kpis.delayRatePct, c.delayRate),
    minKpi('feedbackTimeliness', kpis.feedbackTimelinessPct, c.feedbackTimeliness),
    minKpi('satisfaction', kpis.satisfactionPct, c.satisfaction),
    maxKpi('repeatRate', kpis.repeatRatePct, c.repeatRate),
    maxKpi('redispatchRate', kpis.redispatchRatePct, c.redispatchRate),
  ];
  const lines: PerfLine[] = rows
    .filter((r) => r.points > 0)
    .map((r) => ({
      ruleId: 'PERF-6' as const,
      ...who,
      points: r.points,
      note: `${r.kpi} ${r.valuePct}% vs ${r.limitPct}%: ${r.steps} step${r.steps === 1 ? '' : 's'}`,
    }));
  const { min, max } = policy.perf.unsolvablePoints;
  for (const m of misses) {
    let points: number;
    if (m.cause === 'human-error') points = policy.perf.humanErrorPoints;
    else {
      points = m.points ?? min;
      if (!Number.isInteger(points) || points < min || points > max)
        throw new RangeError(`PERF-6: unsolvable miss of ${m.kpi} must cost ${min}–${max} points, got ${points}`);
    }
    lines.push({ ruleId: 'PERF-6', ...who, points, note: `${m.kpi} missed (${m.cause})` });
  }
  return { points: lines.reduce((s, l) => s + l.points, 0), kpis: rows, lines };
}
