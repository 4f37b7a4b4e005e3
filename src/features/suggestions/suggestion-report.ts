/**
 * SUGG-3: the suggestions adopted in a month, listed for reward the next
 * month: in the month-end ranking post (which calls `suggestionsForRankingPost`
 * or `adoptedSuggestions`) and in `banzhang report suggestions --month YYYY-MM`.
 * A suggestion belongs to the month of its adoption (the rating's local date).
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import { monthBounds, rewardMonthFor } from '../../policy/suggestions/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import type { ReportColumn } from '../../shared/report-format.ts';
import { suggestionRepository } from './suggestion-repository.ts';

export interface AdoptedSuggestion {
  id: number;
  title: string;
  source: string;
  submitterId: string;
  submitterName: string;
  department: string;
  grade: string;
  /** Local date of the adoption (the rating). */
  adoptedOn: string;
  raterId: string | null;
  raterName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  deadline: string | null;
  /** adopted (still open) or done */
  status: string;
  doneOn: string | null;
}

/** SUGG-3: the suggestions adopted in `month` ("YYYY-MM", center-local), oldest adoption first. */
export async function adoptedSuggestions(tx: Tx, month: string, timeZone: string): Promise<AdoptedSuggestion[]> {
  const bounds = monthBounds(month, timeZone);
  if (!bounds) throw new AppError('bad_input', 'common.bad_input', `bad month ${month}`, { details: { reason: `--month must be YYYY-MM (got ${month})` } });
  const repo = suggestionRepository(tx);
  const rows = await repo.adoptedBetween(bounds.from, bounds.to);
  if (rows.length === 0) return [];
  const names = new Map((await repo.people()).map((p) => [p.id, p.name]));
  const local = (at: Date | null) => (at ? DateTime.fromJSDate(at).setZone(timeZone).toISODate()! : null);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    source: r.source,
    submitterId: r.submitterId,
    submitterName: r.submitterName,
    department: r.department,
    grade: r.grade ?? '',
    adoptedOn: local(r.ratedAt)!,
    raterId: r.raterId,
    raterName: r.raterId ? (names.get(r.raterId) ?? r.raterId) : null,
    ownerId: r.ownerId,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? r.ownerId) : null,
    deadline: r.deadline ? isoDateOf(r.deadline) : null,
    status: r.status,
    doneOn: local(r.doneAt),
  }));
}

/** SUGG-3 for the month-end ranking post of `rankingMonth`: the suggestions adopted the month before, to reward. */
export function suggestionsForRankingPost(tx: Tx, rankingMonth: string, timeZone: string): Promise<AdoptedSuggestion[]> {
  return adoptedSuggestions(tx, rewardMonthFor(rankingMonth), timeZone);
}

/** `banzhang report suggestions --month YYYY-MM`: the month's adopted suggestions (to reward next month). */
export function suggestionReport(deps: { prisma: PrismaClient; policy: Policy; clock: Clock }, month: string): Promise<AdoptedSuggestion[]> {
  return deps.prisma.$transaction((tx) => adoptedSuggestions(tx, month, deps.policy.center.timeZone));
}

export const SUGGESTION_COLUMNS: ReportColumn<AdoptedSuggestion>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'adopted_on', value: (r) => r.adoptedOn },
  { header: 'employee_id', value: (r) => r.submitterId },
  { header: 'name', value: (r) => r.submitterName },
  { header: 'department', value: (r) => r.department },
  { header: 'title', value: (r) => r.title },
  { header: 'source', value: (r) => r.source },
  { header: 'grade', value: (r) => r.grade },
  { header: 'owner', value: (r) => r.ownerName ?? '' },
  { header: 'deadline', value: (r) => r.deadline ?? '' },
  { header: 'status', value: (r) => r.status },
  { header: 'done_on', value: (r) => r.doneOn ?? '' },
];
