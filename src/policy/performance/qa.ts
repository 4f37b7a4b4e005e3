/**
 * PERF-9 QA sampling and scoring, pure.
 *
 * We hold no call records: a sampled call is (agent, date, sample number); the
 * outbound manager picks the agent's Nth call of that day to listen to.
 *
 * Sampling (evenness): each working day every agent working that day gets
 * `perf.qa.samplesPerAgent` samples. The day's list is in rounds (every agent's
 * sample 1, then every agent's sample 2, …), and the agent who opens the list
 * rotates with the day's index in the month. So over a month each agent gets
 * samplesPerAgent × their working days, and, read in order (day by day, round
 * by round), no agent working every day is ever ahead of another by more than
 * one sample.
 *
 * Scoring: each checklist item 0..its points (perf.qa.checklist); the sum is
 * scaled to 100 (rounded once, half up); every ticked blacklist phrase
 * (服务忌语) takes perf.qa.blacklistPenalty off; the score never goes below 0.
 */
import { QA_CHECKLIST_KEYS, type Policy, type QaChecklistKey } from '../config/schema.ts';

export interface QaSampleSlot {
  agentId: string;
  /** 1..samplesPerAgent */
  sampleNo: number;
}

export interface QaDatedSample extends QaSampleSlot {
  /** "YYYY-MM-DD" */
  date: string;
}

/** PERF-9: the day's samples, in rounds, the first agent rotated by `dayIndex` (0 = the month's first sampling day). */
export function qaDaySamples(agentIds: readonly string[], samplesPerAgent: number, dayIndex: number): QaSampleSlot[] {
  if (!Number.isInteger(samplesPerAgent) || samplesPerAgent < 1) throw new RangeError(`samplesPerAgent must be a positive integer, got ${samplesPerAgent}`);
  const agents = [...new Set(agentIds)].sort();
  const n = agents.length;
  if (n === 0) return [];
  const shift = ((dayIndex % n) + n) % n;
  const rotated = [...agents.slice(shift), ...agents.slice(0, shift)];
  const out: QaSampleSlot[] = [];
  for (let sampleNo = 1; sampleNo <= samplesPerAgent; sampleNo++) for (const agentId of rotated) out.push({ agentId, sampleNo });
  return out;
}

/** PERF-9: a month's samples, day by day (dates in order), each day as qaDaySamples with its index. */
export function qaMonthSamples(days: ReadonlyArray<{ date: string; agentIds: readonly string[] }>, samplesPerAgent: number): QaDatedSample[] {
  return [...days]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .flatMap((day, i) => qaDaySamples(day.agentIds, samplesPerAgent, i).map((s) => ({ ...s, date: day.date })));
}

/** The index of a date among the month's sampling days (the days before it in the month that had agents working). */
export function qaDayIndex(date: string, samplingDates: readonly string[]): number {
  return samplingDates.filter((d) => d.slice(0, 7) === date.slice(0, 7) && d < date).length;
}

export interface QaScoreInput {
  /** Checklist points by item; every item must be given. */
  points: Partial<Record<string, number | null | undefined>>;
  /** Ids of the ticked blacklist phrases. */
  blacklist: readonly string[];
}

export interface QaFieldError {
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

export type QaScoreResult =
  | { ok: true; score: number; checklistScore: number; deduction: number; points: Record<QaChecklistKey, number>; blacklist: string[] }
  | { ok: false; errors: QaFieldError[] };

/** PERF-9: a call's score out of 100: the checklist scaled to 100, less the penalty of each ticked blacklist phrase, at least 0. */
export function qaScore(input: QaScoreInput, policy: Policy): QaScoreResult {
  const { checklist, blacklist, blacklistPenalty } = policy.perf.qa;
  const errors: QaFieldError[] = [];
  const points = {} as Record<QaChecklistKey, number>;
  let sum = 0;
  let max = 0;
  for (const key of QA_CHECKLIST_KEYS) {
    const v = input.points[key];
    const top = checklist[key];
    max += top;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > top) {
      errors.push({ field: key, messageKey: 'quality.error.points', params: { max: top } });
      continue;
    }
    points[key] = v;
    sum += v;
  }
  const known = new Set(blacklist.map((b) => b.id));
  const ticked = [...new Set(input.blacklist)];
  const unknown = ticked.filter((id) => !known.has(id));
  if (unknown.length) errors.push({ field: 'blacklist', messageKey: 'quality.error.blacklist', params: { ids: unknown.join(', ') } });
  if (errors.length) return { ok: false, errors };
  const checklistScore = Math.floor((sum * 100) / max + 0.5);
  const deduction = ticked.length * blacklistPenalty;
  return { ok: true, score: Math.max(0, checklistScore - deduction), checklistScore, deduction, points, blacklist: blacklist.filter((b) => ticked.includes(b.id)).map((b) => b.id) };
}

/** PERF-9: the month's QA average (unrounded), or null without scored samples. */
export function qaAverage(scores: readonly number[]): number | null {
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
}

/** PERF-9 on the ranking: the points a QA average costs (0 with the default weight 0: information only). */
export function qaPoints(average: number, policy: Policy): number {
  const weight = policy.perf.qa.weight;
  if (weight === 0) return 0;
  return Math.max(0, Math.floor((weight * (100 - average)) / 100 + 0.5));
}
