/**
 * What the manager's dashboard shows for a month (issue 10), as plain data
 * (the JSON endpoints serve it as is; the page draws charts and tables from it).
 * Nothing here has rules of its own: it reads the same use cases as the
 * reports, so the figures are the reports' figures.
 *
 * - lateness: LATE-9's month (`latenessReport`'s derivation and `monthOf`), per
 *   person the late minutes of each working day (the LATE-4 minutes: excused,
 *   pending and absenteeism events are not in them, as in the report's
 *   late_minutes, which is each row's total);
 * - leave: pending and approved leave touching the month, and per working day
 *   and segment how many are scheduled and how many of them are not on
 *   approved leave (the same derived days);
 * - ranking: PERF-7 (`monthlyRanking`), every score's lines;
 * - training: TRAIN-1 attendance of each session of the month that has started;
 * - suggestions (SUGG-2) and incidents (INC-1..4) still open, whatever the month.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import type { ScoreLine } from '../../policy/performance/month.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, LONG_TRANSACTION, type PrismaClient } from '../../shared/db/types.ts';
import { deriveEach, monthOf } from '../lateness/lateness-inputs.ts';
import { checkMonth, monthlyRanking } from '../performance/ranking.ts';
import { sessionRolls, startedSessionsOf } from '../training/training-facts.ts';

export interface DashboardDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
}

export interface LatenessHeatmap {
  /** Working days of the month (a day anyone is scheduled to work), in order. */
  days: string[];
  people: Array<{
    id: string;
    name: string;
    teamId: string;
    /** LATE-4 minutes of the month: the sum of `byDay`; equals `report lateness`'s late_minutes. */
    lateMinutes: number;
    earlyMinutes: number;
    absenteeismDays: number;
    deductionFen: number;
    /** Date → late minutes (days without any left out). */
    byDay: Record<string, number>;
  }>;
}

export interface LeaveCalendar {
  requests: Array<{ id: number; employeeId: string; name: string; type: string; startDate: string; endDate: string; part: string; status: string }>;
  /** Per working day, per segment: people scheduled, and of them not on approved leave. */
  coverage: Array<{ date: string; segments: Array<{ segment: string; scheduled: number; working: number }> }>;
}

export interface RankingSection {
  role: string;
  flagged: string[];
  rows: Array<{ rank: number; employeeId: string; name: string; score: number; lines: ScoreLine[] }>;
}

export interface TrainingSection {
  sessions: Array<{ id: number; date: string; topic: string | null; attended: string[]; missed: string[]; excused: string[] }>;
}

export interface OpenSuggestion {
  id: number;
  title: string;
  submitterName: string;
  status: string;
  /** Whose step it is (reviewer, rater or owner), by name; null when nobody's. */
  waitingOn: string | null;
  submittedOn: string;
  deadline: string | null;
}

export interface OpenIncident {
  id: number;
  type: string;
  status: string;
  /** Center-local ISO time. */
  occurredAt: string;
  recorderName: string;
  escalated: boolean;
}

export interface DashboardData {
  month: string;
  /** Center-local ISO time the figures were read at. */
  at: string;
  lateness: LatenessHeatmap;
  leave: LeaveCalendar;
  ranking: RankingSection[];
  training: TrainingSection;
  suggestions: OpenSuggestion[];
  incidents: OpenIncident[];
}

export const DASHBOARD_SECTIONS = ['lateness', 'leave', 'ranking', 'training', 'suggestions', 'incidents'] as const;
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

/** The month shown when none is asked for: the clock's, in center time. */
export const currentMonth = (deps: Pick<DashboardDeps, 'policy' | 'clock'>): string => deps.clock.now().setZone(deps.policy.center.timeZone).toFormat('yyyy-MM');

/** Throws an AppError (bad_input) for a month that is not YYYY-MM. */
export function monthRange(deps: Pick<DashboardDeps, 'policy'>, month: string): { first: string; last: string } {
  const first = checkMonth(month, deps.policy.center.timeZone);
  return { first: first.toISODate()!, last: first.endOf('month').toISODate()! };
}

/** The lateness heatmap and the leave coverage, from one derivation of the month's days. */
export async function latenessAndCoverage(deps: DashboardDeps, month: string): Promise<{ lateness: LatenessHeatmap; coverage: LeaveCalendar['coverage'] }> {
  const { first, last } = monthRange(deps, month);
  const working = new Set<string>();
  const cover = new Map<string, Map<string, { scheduled: number; working: number }>>();
  const people = await deps.prisma.$transaction(
    (tx) =>
      deriveEach(tx, deps.policy, { from: first, to: last, now: deps.clock.now() }, (p) => {
        for (const day of p.days) {
          if (day.segments.length === 0) continue;
          working.add(day.date);
          const segs = cover.get(day.date) ?? new Map<string, { scheduled: number; working: number }>();
          for (const s of day.segments) {
            const c = segs.get(s.segment) ?? { scheduled: 0, working: 0 };
            c.scheduled++;
            if (!s.onLeave) c.working++;
            segs.set(s.segment, c);
          }
          cover.set(day.date, segs);
        }
        const m = monthOf(deps.policy, month, p);
        const byDay: Record<string, number> = {};
        for (const item of m.late) byDay[item.date] = (byDay[item.date] ?? 0) + item.minutes;
        return {
          id: p.person.id,
          name: p.person.name,
          teamId: p.person.teamId,
          lateMinutes: m.lateMinutes,
          earlyMinutes: m.earlyMinutes,
          absenteeismDays: m.absenteeismDays,
          deductionFen: m.totalFen,
          byDay,
        };
      }),
    LONG_TRANSACTION,
  );
  const days = [...working].sort();
  return {
    lateness: { days, people },
    coverage: days.map((date) => ({ date, segments: [...(cover.get(date) ?? new Map())].map(([segment, c]) => ({ segment, ...c })) })),
  };
}

export async function leaveRequestsOf(deps: DashboardDeps, month: string): Promise<LeaveCalendar['requests']> {
  const { first, last } = monthRange(deps, month);
  const rows = await deps.prisma.leaveRequest.findMany({
    where: { status: { in: ['pending', 'approved'] }, startDate: { lte: dateColumn(last) }, endDate: { gte: dateColumn(first) } },
    include: { employee: { select: { name: true } } },
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    employeeId: r.employeeId,
    name: r.employee.name,
    type: r.type,
    startDate: isoDateOf(r.startDate),
    endDate: isoDateOf(r.effectiveEndDate ?? r.endDate),
    part: r.part,
    status: r.status,
  }));
}

export async function rankingOfMonth(deps: DashboardDeps, month: string): Promise<RankingSection[]> {
  const rankings = await monthlyRanking(deps, month);
  return rankings.map((r) => ({ role: r.role, flagged: r.flagged, rows: r.rows.map((row) => ({ rank: row.rank, employeeId: row.employeeId, name: row.name, score: row.score, lines: row.lines })) }));
}

export async function trainingOfMonth(deps: DashboardDeps, month: string): Promise<TrainingSection> {
  monthRange(deps, month);
  const rolls = await deps.prisma.$transaction(async (tx) => sessionRolls(tx, deps.policy, await startedSessionsOf(tx, month, deps.clock.now())), LONG_TRANSACTION);
  return {
    sessions: rolls.map((r) => {
      const names = (status: string) => r.entries.filter((e) => e.status === status).map((e) => e.name);
      return { id: r.session.id, date: r.session.date, topic: r.session.topic, attended: names('attended'), missed: names('missed'), excused: names('excused') };
    }),
  };
}

const OPEN_SUGGESTION = ['submitted', 'forwarded', 'adopted'] as const;

export async function openSuggestions(deps: DashboardDeps): Promise<OpenSuggestion[]> {
  const rows = await deps.prisma.suggestion.findMany({ where: { status: { in: [...OPEN_SUGGESTION] } }, orderBy: { id: 'asc' } });
  const ids = [...new Set(rows.flatMap((s) => [s.reviewerId, s.raterId, s.ownerId]).filter((x): x is string => !!x))];
  const names = new Map((await deps.prisma.employee.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]));
  return rows.map((s) => {
    const whose = s.status === 'submitted' ? s.reviewerId : s.status === 'forwarded' ? s.raterId : s.ownerId;
    return {
      id: s.id,
      title: s.title,
      submitterName: s.submitterName,
      status: s.status,
      waitingOn: whose ? (names.get(whose) ?? whose) : null,
      submittedOn: isoDateOf(s.submittedOn),
      deadline: s.deadline ? isoDateOf(s.deadline) : null,
    };
  });
}

export async function openIncidents(deps: DashboardDeps): Promise<OpenIncident[]> {
  const rows = await deps.prisma.incident.findMany({ where: { status: { not: 'resolved' } }, orderBy: { id: 'asc' } });
  const names = new Map(
    (await deps.prisma.employee.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.recorderId))] } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]),
  );
  return rows.map((i) => ({
    id: i.id,
    type: i.type,
    status: i.status,
    occurredAt: DateTime.fromJSDate(i.occurredAt).setZone(deps.policy.center.timeZone).toISO({ suppressMilliseconds: true })!,
    recorderName: names.get(i.recorderId) ?? i.recorderId,
    escalated: i.escalatedAt !== null,
  }));
}

/** Every section of the month, one after another (frugal on a small machine). */
export async function dashboardData(deps: DashboardDeps, month: string): Promise<DashboardData> {
  const { lateness, coverage } = await latenessAndCoverage(deps, month);
  const requests = await leaveRequestsOf(deps, month);
  const ranking = await rankingOfMonth(deps, month);
  const training = await trainingOfMonth(deps, month);
  const suggestions = await openSuggestions(deps);
  const incidents = await openIncidents(deps);
  const at = deps.clock.now().setZone(deps.policy.center.timeZone).toISO({ suppressMilliseconds: true })!;
  return { month, at, lateness, leave: { requests, coverage }, ranking, training, suggestions, incidents };
}

/** One section (the JSON endpoints `/dashboard/api/<section>`). */
export async function dashboardSection(deps: DashboardDeps, section: DashboardSection, month: string): Promise<unknown> {
  switch (section) {
    case 'lateness':
      return (await latenessAndCoverage(deps, month)).lateness;
    case 'leave': {
      const { coverage } = await latenessAndCoverage(deps, month);
      return { requests: await leaveRequestsOf(deps, month), coverage };
    }
    case 'ranking':
      return rankingOfMonth(deps, month);
    case 'training':
      return trainingOfMonth(deps, month);
    case 'suggestions':
      return openSuggestions(deps);
    case 'incidents':
      return openIncidents(deps);
  }
}
