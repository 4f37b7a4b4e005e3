/**
 * PERF-2..PERF-8 composed (PERF-7): the month's score of every ranked
 * employee, with every line that made it, and one ranking per role.
 * Pure: the caller gathers the facts (working days, summaries, exam scores,
 * training absences, complaint KPIs, orders) and passes them in.
 *
 * Readings (docs/performance.md):
 * - Each role of `perf.rankedRoles` that has members is its own ranking, in
 *   the policy's order; PERF-3 places are counted within the role.
 * - PERF-2 and PERF-3 (questionnaires) and PERF-8 (orders) apply only to the
 *   roles of `perf.volumeRoles` (default the outbound agents): a complaint
 *   handler files no questionnaires and is judged by PERF-6 instead.
 * - PERF-2: every working day given counts; a day without a summary counts
 *   as 0 questionnaires (the agent did not file). The caller leaves out the
 *   days that are not working days (rest, holiday, approved full-day leave).
 * - PERF-3: the average per working day divides by all the working days
 *   given, filed or not.
 * - PERF-4: the average and the bands are over every exam score of the month
 *   given (the company); an employee without a score has no exam line.
 * - PERF-8: the last `perf.interviewAfterMonths` calendar months ending with
 *   the month, within the role; an employee is in a month's list when that
 *   month has an entry in `ordersByMonth` (they had working days then).
 *   Flag lines carry 0 points.
 * - PERF-9: an employee with scored QA samples in the month gets a line with
 *   the average; 0 points (information) unless perf.qa.weight > 0.
 * Every line carries `kind` and `params` so that a channel can say it in the
 * reader's language (`performance.line.<kind>`).
 */
import type { Policy, RoleKey } from '../config/schema.ts';
import { complaintKpiPoints, type ComplaintKpiValues, type ComplaintMiss } from './complaint.ts';
import { examPoints, trainingAbsencePoints } from './exam.ts';
import { qaPoints } from './qa.ts';
import { lowestOrdersFlag, monthlyScore, rankScores, type OrdersMonth } from './score.ts';
import type { PerfLine } from './types.ts';
import { dailyShortfallPoints, volumeRanking } from './volume.ts';

export const LINE_KINDS = [
  'shortfall',
  'volume-place',
  'volume-below-floor',
  'exam-average',
  'exam-band',
  'training-absence',
  'complaint-kpi',
  'complaint-miss',
  'interview',
  'qa-average',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** A PerfLine with what a reader needs to say it in words: `performance.line.<kind>` with `params`. */
export interface ScoreLine extends PerfLine {
  employeeId: string;
  kind: LineKind;
  params: Record<string, string | number>;
}

export interface WorkingDayInput {
  /** "YYYY-MM-DD" */
  date: string;
  /** The day's summary (PERF-1), or null when none was filed. */
  summary: { questionnairesCompleted: number; callType: string | null } | null;
}

export interface MonthEmployeeInput {
  employeeId: string;
  role: RoleKey;
  /** The working days of the month (PERF-2, PERF-3). */
  workingDays: WorkingDayInput[];
  /** PERF-8: orders of each month the employee had working days ("YYYY-MM" → orders): this month and earlier ones. */
  ordersByMonth: Record<string, number>;
  /** PERF-5: unexcused absences from the weekly study in the month. */
  unexcusedTrainingAbsences: number;
  /** PERF-6: the month's complaint KPIs and the evaluator's misses, when recorded. */
  complaint?: { kpis: ComplaintKpiValues; misses: ComplaintMiss[] } | undefined;
  /** PERF-9: the month's QA average and how many calls were scored, when any was. */
  qa?: { average: number; count: number } | undefined;
}

export interface MonthScoresInput {
  /** "YYYY-MM" */
  month: string;
  employees: MonthEmployeeInput[];
  /** PERF-4: every exam score of the month. */
  exams: Array<{ employeeId: string; score: number }>;
}

export interface ScoredEmployee {
  rank: number;
  employeeId: string;
  role: RoleKey;
  score: number;
  lines: ScoreLine[];
}

export interface RoleScores {
  role: RoleKey;
  /** By rank, ties by employee id. */
  rows: ScoredEmployee[];
  /** PERF-8: employees flagged for an interview. */
  flagged: string[];
}

const RULE_ORDER = ['PERF-2', 'PERF-3', 'PERF-4', 'PERF-5', 'PERF-6', 'PERF-8', 'PERF-9'];
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The `n` calendar months ending with `month` ("YYYY-MM"), oldest first. */
export function monthsEndingWith(month: string, n: number): string[] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1;
  const out: string[] = [];
  for (let i = index - n + 1; i <= index; i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

export function monthScores(input: MonthScoresInput, policy: Policy): RoleScores[] {
  const exams = examPoints(input.exams, policy);
  const examOf = new Map(exams.rows.map((r) => [r.employeeId, r]));
  // Once, not per employee: a center of 20,000 spent seconds on it (docs/performance-bench.md).
  const topExam = input.exams.reduce((top, x) => Math.max(top, x.score), -Infinity);
  const out: RoleScores[] = [];
  for (const role of policy.perf.rankedRoles) {
    const members = input.employees.filter((e) => e.role === role);
    if (members.length === 0) continue;
    const volume = policy.perf.volumeRoles.includes(role);
    const linesOf = new Map<string, ScoreLine[]>(members.map((e) => [e.employeeId, []]));
    const add = (line: PerfLine, employeeId: string, kind: LineKind, params: Record<string, string | number>) =>
      linesOf.get(employeeId)!.push({ ...line, employeeId, kind, params });

    for (const e of members) {
      if (volume) {
        // PERF-2, day by day.
        for (const day of [...e.workingDays].sort((a, b) => (a.date < b.date ? -1 : 1))) {
          const done = day.summary?.questionnairesCompleted ?? 0;
          const r = dailyShortfallPoints(done, policy, { employeeId: e.employeeId, date: day.date });
          for (const line of r.lines) add(line, e.employeeId, 'shortfall', { done: Math.max(0, Math.floor(done)), target: policy.perf.dailyTarget, short: r.shortfall, filed: day.summary ? 'yes' : 'no' });
        }
      }
    }
    if (volume) {
      // PERF-3 within the role.
      const ranking = volumeRanking(
        members.map((e) => {
          const completionsByCallType: Record<string, number> = {};
          for (const d of e.workingDays) {
            if (!d.summary) continue;
            const key = d.summary.callType ?? '';
            completionsByCallType[key] = (completionsByCallType[key] ?? 0) + d.summary.questionnairesCompleted;
          }
          return { employeeId: e.employeeId, completionsByCallType, workingDays: e.workingDays.length };
        }),
        policy,
      );
      for (const row of ranking) {
        const line = row.lines[0]!;
        if (row.place === null) add(line, row.employeeId, 'volume-below-floor', { perDay: r2(row.averagePerDay), floor: policy.perf.volumeFloor });
        else add(line, row.employeeId, 'volume-place', { place: row.place, weighted: r2(row.weightedTotal), perDay: r2(row.averagePerDay), points: row.points });
      }
    }
    for (const e of members) {
      // PERF-4
      const exam = examOf.get(e.employeeId);
      if (exam) {
        let i = 0;
        if (exam.averagePoints > 0) add(exam.lines[i++]!, e.employeeId, 'exam-average', { score: exam.score, below: exam.pointsBelowAverage, average: r2(exams.average) });
        if (exam.bandPoints > 0) add(exam.lines[i++]!, e.employeeId, 'exam-band', { score: exam.score, band: exam.band, top: topExam });
      }
      // PERF-5
      const training = trainingAbsencePoints(e.unexcusedTrainingAbsences, policy, e.employeeId);
      for (const line of training.lines) add(line, e.employeeId, 'training-absence', { count: Math.max(0, Math.floor(e.unexcusedTrainingAbsences)) });
      // PERF-6
      if (e.complaint) {
        const c = complaintKpiPoints(e.complaint.kpis, e.complaint.misses, policy, e.employeeId);
        const rows = c.kpis.filter((k) => k.points > 0);
        c.lines.forEach((line, i) => {
          const k = rows[i];
          if (k) add(line, e.employeeId, 'complaint-kpi', { kpi: k.kpi, value: k.valuePct, limit: k.limitPct, steps: k.steps });
          else {
            const miss = e.complaint!.misses[i - rows.length]!;
            add(line, e.employeeId, 'complaint-miss', { kpi: miss.kpi, cause: miss.cause });
          }
        });
      }
    }
    // PERF-8 within the role.
    let flagged: string[] = [];
    if (volume) {
      const months = monthsEndingWith(input.month, policy.perf.interviewAfterMonths);
      const history: OrdersMonth[] = months.map((month) => ({
        month,
        orders: members.filter((e) => Object.hasOwn(e.ordersByMonth, month)).map((e) => ({ employeeId: e.employeeId, orders: e.ordersByMonth[month]! })),
      }));
      const flag = lowestOrdersFlag(history, policy);
      flagged = flag.flagged;
      for (const line of flag.lines) add(line, line.employeeId!, 'interview', { months: flag.months.join(', ') });
    }
    // PERF-9: the month's QA average, information (0 points) unless perf.qa.weight gives it points.
    for (const e of members) {
      if (!e.qa || e.qa.count === 0) continue;
      const points = qaPoints(e.qa.average, policy);
      add({ ruleId: 'PERF-9', employeeId: e.employeeId, points, note: `QA average ${r2(e.qa.average)} over ${e.qa.count} call(s)` }, e.employeeId, 'qa-average', { average: r2(e.qa.average), count: e.qa.count });
    }
    const scored = members.map((e) => {
      const lines = linesOf.get(e.employeeId)!.sort((a, b) => RULE_ORDER.indexOf(a.ruleId) - RULE_ORDER.indexOf(b.ruleId) || (a.date ?? '').localeCompare(b.date ?? ''));
      return { employeeId: e.employeeId, score: monthlyScore(lines, policy).score, lines };
    });
    const byId = new Map(scored.map((s) => [s.employeeId, s]));
    out.push({
      role,
      rows: rankScores(scored).map((r) => ({ rank: r.rank, employeeId: r.employeeId, role, score: r.score, lines: byId.get(r.employeeId)!.lines })),
      flagged,
    });
  }
  return out;
}
