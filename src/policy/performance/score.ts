/** PERF-7 monthly score and ranking; PERF-8 fewest-orders interview flag. */
import type { Policy } from '../config/schema.ts';
import type { PerfLine } from './types.ts';

/** PERF-7: score = perf.startScore − Σ line points (no floor: a score may go below 0). */
export function monthlyScore(lines: PerfLine[], policy: Policy): { score: number; lines: PerfLine[] } {
  return { score: policy.perf.startScore - lines.reduce((s, l) => s + l.points, 0), lines };
}

/** PERF-7: highest score first; equal scores share a rank and the next rank skips (1, 2, 2, 4); ties listed by employeeId. */
export function rankScores(scores: Array<{ employeeId: string; score: number }>): Array<{ employeeId: string; score: number; rank: number }> {
  const sorted = [...scores].sort((a, b) => b.score - a.score || (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
  let rank = 0;
  return sorted.map((s, i) => {
    const prev = sorted[i - 1];
    if (prev === undefined || prev.score !== s.score) rank = i + 1;
    return { employeeId: s.employeeId, score: s.score, rank };
  });
}

export interface OrdersMonth {
  /** "YYYY-MM". */
  month: string;
  orders: Array<{ employeeId: string; orders: number }>;
}

const monthIndex = (m: string): number => {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(m);
  if (!match) throw new RangeError(`PERF-8: month must be YYYY-MM, got ${m}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
};

/**
 * PERF-8: the agent(s) with the fewest orders in each of the last
 * `perf.interviewAfterMonths` (2) months of the history, those months being
 * consecutive calendar months, are flagged. Ties at the minimum all count as
 * fewest. An agent absent from a month's list is not considered for that month
 * (so cannot be flagged). Too short a history, or a gap, flags nobody.
 */
export function lowestOrdersFlag(
  history: OrdersMonth[],
  policy: Policy,
): { flagged: string[]; months: string[]; lines: PerfLine[] } {
  const n = policy.perf.interviewAfterMonths;
  const sorted = [...history].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  const last = sorted.slice(-n);
  const months = last.map((h) => h.month);
  if (last.length < n) return { flagged: [], months, lines: [] };
  for (let i = 1; i < last.length; i++) {
    if (monthIndex(last[i]!.month) !== monthIndex(last[i - 1]!.month) + 1) return { flagged: [], months, lines: [] };
  }
  let candidates: Set<string> | undefined;
  for (const h of last) {
    if (h.orders.length === 0) return { flagged: [], months, lines: [] };
    const fewest = Math.min(...h.orders.map((o) => o.orders));
    const lowest = new Set(h.orders.filter((o) => o.orders === fewest).map((o) => o.employeeId));
    candidates = candidates === undefined ? lowest : new Set([...candidates].filter((id) => lowest.has(id)));
  }
  const flagged = [...(candidates ?? [])].sort();
  const lines: PerfLine[] = flagged.map((employeeId) => ({
    ruleId: 'PERF-8',
    employeeId,
    points: 0,
    note: `fewest orders in ${months.join(', ')}: interview (約談)`,
  }));
  return { flagged, months, lines };
}
