import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/config/schema.ts';
import { complaintKpiPoints, type ComplaintKpiValues } from '../../src/policy/performance/complaint.ts';
import { preset } from './helpers.ts';

let basic: Policy;
beforeAll(async () => {
  basic = await preset('outbound-basic');
});

const ok: ComplaintKpiValues = { delayRatePct: 5, feedbackTimelinessPct: 100, satisfactionPct: 80, repeatRatePct: 1, redispatchRatePct: 0.5 };
const pts = (over: Partial<ComplaintKpiValues>) => complaintKpiPoints({ ...ok, ...over }, [], basic).points;

describe('PERF-6 complaint KPIs', () => {
  it('PERF-6: every KPI exactly at its limit costs nothing', () => {
    expect(complaintKpiPoints(ok, [], basic)).toMatchObject({ points: 0, lines: [] });
  });

  it('PERF-6: delay rate ≤ 5%, −1 per full 1% over: 5.5% → 0, 6% → 1, 6.9% → 1, 7% → 2', () => {
    expect([5.5, 6, 6.9, 7].map((delayRatePct) => pts({ delayRatePct }))).toEqual([0, 1, 1, 2]);
  });

  it('PERF-6: feedback timeliness 100%, −1 per full 0.1% under: 99.95% → 0, 99.9% → 1, 99.7% → 3', () => {
    expect([99.95, 99.9, 99.7].map((feedbackTimelinessPct) => pts({ feedbackTimelinessPct }))).toEqual([0, 1, 3]);
  });

  it('PERF-6: satisfaction ≥ 80%, −1 per full 1% under: 79.5% → 0, 79% → 1, 75% → 5', () => {
    expect([79.5, 79, 75].map((satisfactionPct) => pts({ satisfactionPct }))).toEqual([0, 1, 5]);
  });

  it('PERF-6: repeat rate ≤ 1%, −1 per full 0.1% over: 1.05% → 0, 1.1% → 1, 1.3% → 3 (no float slip)', () => {
    expect([1.05, 1.1, 1.3].map((repeatRatePct) => pts({ repeatRatePct }))).toEqual([0, 1, 3]);
  });

  it('PERF-6: re-dispatch rate ≤ 0.5%, −1 per full 0.1% over: 0.55% → 0, 0.6% → 1, 0.7% → 2', () => {
    expect([0.55, 0.6, 0.7].map((redispatchRatePct) => pts({ redispatchRatePct }))).toEqual([0, 1, 2]);
  });

  it('PERF-6: one line per KPI over its limit, with the rule id', () => {
    const r = complaintKpiPoints({ ...ok, delayRatePct: 7, satisfactionPct: 79 }, [], basic, 'h1');
    expect(r.points).toBe(3);
    expect(r.lines).toEqual([
      { ruleId: 'PERF-6', employeeId: 'h1', points: 2, note: 'delayRate 7% vs 5%: 2 steps' },
      { ruleId: 'PERF-6', employeeId: 'h1', points: 1, note: 'satisfaction 79% vs 80%: 1 step' },
    ]);
  });

  it('PERF-6: a miss through human error costs 20; an unsolvable one the evaluator pick 3–5 (default 3), on top of the steps', () => {
    const r = complaintKpiPoints(
      { ...ok, delayRatePct: 6 },
      [
        { kpi: 'delayRate', cause: 'human-error' },
        { kpi: 'repeatRate', cause: 'unsolvable', points: 5 },
        { kpi: 'satisfaction', cause: 'unsolvable' },
      ],
      basic,
    );
    expect(r.lines.map((l) => `${l.ruleId} ${l.points} ${l.note}`)).toEqual([
      'PERF-6 1 delayRate 6% vs 5%: 1 step',
      'PERF-6 20 delayRate missed (human-error)',
      'PERF-6 5 repeatRate missed (unsolvable)',
      'PERF-6 3 satisfaction missed (unsolvable)',
    ]);
    expect(r.points).toBe(29);
  });

  it('PERF-6: an unsolvable pick outside 3–5 (or fractional) is refused', () => {
    for (const points of [2, 6, 3.5])
      expect(() => complaintKpiPoints(ok, [{ kpi: 'delayRate', cause: 'unsolvable', points }], basic)).toThrow(RangeError);
  });
});
