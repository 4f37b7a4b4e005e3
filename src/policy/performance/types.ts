/** Shared shapes of the pure performance rules (policy.md PERF-1..PERF-9, TRAIN-1). */

export type PerfRuleId = 'PERF-2' | 'PERF-3' | 'PERF-4' | 'PERF-5' | 'PERF-6' | 'PERF-7' | 'PERF-8' | 'PERF-9';

/**
 * One line of a monthly statement. `points` is what the line takes off the
 * monthly score (PERF-7: score = startScore − Σ points), always an integer.
 * A PERF-3 volume award is written as a negative deduction (−40 adds 40);
 * PERF-8 flags carry 0 points.
 */
export interface PerfLine {
  ruleId: PerfRuleId;
  employeeId?: string;
  /** Day of a PERF-2 line ("YYYY-MM-DD"). */
  date?: string;
  points: number;
  note: string;
}

/** Floating-point guard: 1.3 − 1 is 0.30000000000000004, (1.3 − 1) / 0.1 is 2.9999999999999996. */
export const EPS = 1e-9;
/** Whole steps in `amount / step`, counting only full steps (5.5% over a 1% step is 0 steps, 6% is 1). */
export const fullSteps = (amount: number, step: number): number => (amount <= 0 ? 0 : Math.floor(amount / step + EPS));
