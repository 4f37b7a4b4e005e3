/**
 * PERF-7: the month's scores and rankings from the stored facts — working days
 * (TIME rules, roster, approved leave) and daily summaries (PERF-1 → PERF-2,
 * PERF-3), exam scores (PERF-4), weekly study absences (PERF-5), complaint
 * KPIs (PERF-6) and orders of this month and the ones before (PERF-8). The
 * composition is pure (src/policy/performance/month.ts); this gathers.
 * `banzhang report ranking --month`, the month-end-ranking job.
 *
 * Readings (docs/performance.md):
 * - Ranked: active employees of `perf.rankedRoles`, hired by the month's end.
 * - A working day (PERF-2, PERF-3) is a day the TIME rules schedule, on or
 *   after the hire date and not wholly on approved leave; a day the employee
 *   filed a summary for counts as worked even when not scheduled. Days after
 *   today (the clock's, center time) are not counted yet: a report run mid
 *   month is month to date.
 * - PERF-8: an employee is in a month's orders list when they had a working
 *   day in that month; their orders are the sum of that month's summaries.
 */
import { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import type { ComplaintMiss } from '../../policy/performance/complaint.ts';
import { monthScores, monthsEndingWith, type MonthEmployeeInput, type ScoreLine } from '../../policy/performance/month.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { qaAveragesOf } from '../quality/qa-service.ts';
import { examScoresOf, trainingAbsences } from '../training/training-facts.ts';
import { agentDays, isPerfWorkingDay } from './agent-days.ts';

export interface RankingRow {
  rank: number;
  employeeId: string;
  name: string;
  role: RoleKey;
  score: number;
  lines: ScoreLine[];
}

export interface RoleRanking {
  role: RoleKey;
  rows: RankingRow[];
  /** PERF-8: flagged for an interview. */
  flagged: string[];
}

export function checkMonth(month: string, zone: string): DateTime {
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  if (!/^\d{4}-\d{2}$/.test(month) || !first.isValid) {
    throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  }
  return first;
}

export async function monthlyRanking(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<RoleRanking[]> {
  checkMonth(month, deps.policy.center.timeZone);
  return deps.prisma.$transaction((tx) => rankingOf(tx, deps.policy, month, deps.clock.now()), LONG_TRANSACTION);
}

export async function rankingOf(tx: Tx, policy: Policy, month: string, now: DateTime): Promise<RoleRanking[]> {
  const zone = policy.center.timeZone;
  const first = checkMonth(month, zone);
  const monthEnd = first.endOf('month').toISODate()!;
  const today = now.setZone(zone).toISODate()!;
  const months = monthsEndingWith(month, policy.perf.interviewAfterMonths);
  const from = `${months[0]}-01`;
  const through = today < monthEnd ? today : monthEnd;

  const employees = await tx.employee.findMany({
    where: { active: true, role: { in: [...policy.perf.rankedRoles] }, hireDate: { lte: dateColumn(monthEnd) } },
    orderBy: { id: 'asc' },
  });
  const ids = employees.map((e) => e.id);
  const [days, summaries, exams, absences, kpis] = await Promise.all([
    agentDays(tx, policy, employees, from, through),
    tx.dailySummary.findMany({ where: { employeeId: { in: ids }, date: { gte: dateColumn(from), lte: dateColumn(through) } } }),
    examScoresOf(tx, month),
    trainingAbsences(tx, policy, month, now),
    tx.complaintKpi.findMany({ where: { month, employeeId: { in: ids } } }),
  ]);
  const qa = await qaAveragesOf(tx, month);
  // Per employee, then per date: a center of 10,000 looks up ~900,000 person-days here (three months for PERF-8).
  const summariesOf = new Map<string, Map<string, (typeof summaries)[number]>>();
  for (const s of summaries) {
    let mine = summariesOf.get(s.employeeId);
    if (!mine) summariesOf.set(s.employeeId, (mine = new Map()));
    mine.set(isoDateOf(s.date), s);
  }
  const noSummaries = new Map<string, (typeof summaries)[number]>();
  const kpiOf = new Map(kpis.map((k) => [k.employeeId, k]));

  const inputs: MonthEmployeeInput[] = employees.map((e) => {
    const summaryOf = summariesOf.get(e.id) ?? noSummaries;
    const worked = (days.get(e.id) ?? []).filter((d) => isPerfWorkingDay(d) || summaryOf.has(d.date));
    const ordersByMonth: Record<string, number> = {};
    for (const d of worked) {
      const m = d.date.slice(0, 7);
      ordersByMonth[m] = (ordersByMonth[m] ?? 0) + (summaryOf.get(d.date)?.orders ?? 0);
    }
    const kpi = kpiOf.get(e.id);
    return {
      employeeId: e.id,
      role: e.role as RoleKey,
      workingDays: worked
        .filter((d) => d.date.startsWith(month))
        .map((d) => {
          const s = summaryOf.get(d.date);
          return { date: d.date, summary: s ? { questionnairesCompleted: s.questionnairesCompleted, callType: s.callType } : null };
        }),
      ordersByMonth,
      unexcusedTrainingAbsences: absences.get(e.id)?.unexcused.length ?? 0,
      qa: qa.get(e.id),
      complaint: kpi
        ? {
            kpis: {
              delayRatePct: kpi.delayRate,
              feedbackTimelinessPct: kpi.feedbackTimeliness,
              satisfactionPct: kpi.satisfaction,
              repeatRatePct: kpi.repeatRate,
              redispatchRatePct: kpi.redispatchRate,
            },
            misses: (kpi.misses as unknown as ComplaintMiss[] | null) ?? [],
          }
        : undefined,
    };
  });
  const nameOf = new Map(employees.map((e) => [e.id, e.name]));
  return monthScores({ month, employees: inputs, exams }, policy).map((r) => ({
    role: r.role,
    flagged: r.flagged,
    rows: r.rows.map((row) => ({ ...row, name: nameOf.get(row.employeeId) ?? row.employeeId })),
  }));
}

/** A line's effect on the score as shown: a deduction −2, an award +40, a flag 0. */
export const lineEffect = (points: number): string => (points === 0 ? '0' : points > 0 ? `-${points}` : `+${-points}`);

/** One report row per ranked employee (interfaces.md section 4). */
export interface RankingReportRow extends RankingRow {
  flagged: boolean;
}

export async function rankingReport(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<RankingReportRow[]> {
  const rankings = await monthlyRanking(deps, month);
  return rankings.flatMap((r) => r.rows.map((row) => ({ ...row, flagged: r.flagged.includes(row.employeeId) })));
}

export const RANKING_COLUMNS: ReportColumn<RankingReportRow>[] = [
  { header: 'role', value: (r) => r.role },
  { header: 'rank', value: (r) => r.rank },
  { header: 'employee_id', value: (r) => r.employeeId },
  { header: 'name', value: (r) => r.name },
  { header: 'score', value: (r) => r.score },
  { header: 'interview', value: (r) => (r.flagged ? 'yes' : 'no') },
  { header: 'lines', value: (r) => r.lines.map((l) => `${l.ruleId}${l.date ? ` ${l.date}` : ''} ${lineEffect(l.points)}`).join('; ') },
];
