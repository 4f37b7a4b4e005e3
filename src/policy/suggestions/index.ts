/**
 * Suggestions (policy.md SUGG, 合理化建议): the pure rules. Plain data in,
 * decisions out; no clock, no database.
 *
 * Readings:
 * - SUGG-1 The form's date is the submission's local date in the center's
 *   zone; department is the submitter's team name, position their role, both
 *   as they were at submission (a snapshot, like a paper form).
 * - SUGG-2 The team leader who reviews is the nearest active `team_leader` up
 *   the submitter's management chain, else an active one in the submitter's
 *   team (lowest id). A submitter with no team leader above or beside them
 *   (a team leader, a manager of the office) skips the review: the suggestion
 *   goes straight to the center manager. Nobody reviews or rates their own.
 * - SUGG-2 The rater is the nearest active `center_manager` up the submitter's
 *   chain, else the active one with the lowest id; a center manager's own
 *   suggestion goes to the first active person up their chain.
 * - SUGG-2 "Return" ends the suggestion's path (status `returned`) with the
 *   team leader's comment; the submitter may file a new one. Not adopted
 *   (`not_adopted`) also ends it. An adopted one waits for its owner's "done".
 * - SUGG-2 Reminders: the owner once, `suggestions.ownerReminderDaysBefore`
 *   days before the deadline (or later, up to the deadline, when that day was
 *   missed); the team leader who reviewed it (or, when the review was
 *   skipped, the rater) once, on the first day after a missed deadline.
 * - SUGG-3 A suggestion belongs to the month in which it was adopted (the
 *   rating's local date); a month's adopted suggestions are listed for reward
 *   in the next month, so the ranking post of month M lists those adopted in
 *   M − 1 (`rewardMonthFor`).
 */
import { DateTime } from 'luxon';
import type { RoleKey } from '../config/schema.ts';

/** SUGG-1: where the idea came from. */
export const SUGGESTION_SOURCES = ['customer_feedback', 'manager_log', 'shift_meeting', 'other_department', 'training'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export const SUGGESTION_STATUSES = ['submitted', 'returned', 'forwarded', 'adopted', 'not_adopted', 'done'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const TITLE_MAX = 100;
export const TEXT_MAX = 2000;

export interface FieldError {
  field: 'title' | 'currentPractice' | 'proposal' | 'remarks' | 'source' | 'grade' | 'adopted' | 'ownerId' | 'deadline' | 'comment';
  /** An i18n key (params in `params`). */
  messageKey: string;
  params?: Record<string, string | number>;
}

export interface SuggestionForm {
  title: string;
  currentPractice: string;
  proposal: string;
  remarks: string;
  source: SuggestionSource;
}

/** SUGG-1: the form as typed (any field may be missing) → a clean form, or every problem by field. */
export function validateSuggestionForm(raw: {
  title?: string | null;
  currentPractice?: string | null;
  proposal?: string | null;
  remarks?: string | null;
  source?: string | null;
}): { ok: true; form: SuggestionForm } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (field: 'title' | 'currentPractice' | 'proposal' | 'remarks', value: string | null | undefined, required: boolean, max: number) => {
    const v = (value ?? '').trim();
    if (required && v === '') errors.push({ field, messageKey: 'suggestions.error.required' });
    else if ([...v].length > max) errors.push({ field, messageKey: 'suggestions.error.too_long', params: { max } });
    return v;
  };
  const title = text('title', raw.title, true, TITLE_MAX);
  const currentPractice = text('currentPractice', raw.currentPractice, true, TEXT_MAX);
  const proposal = text('proposal', raw.proposal, true, TEXT_MAX);
  const remarks = text('remarks', raw.remarks, false, TEXT_MAX);
  const source = (raw.source ?? '').trim();
  if (!(SUGGESTION_SOURCES as readonly string[]).includes(source)) {
    errors.push({ field: 'source', messageKey: source === '' ? 'suggestions.error.required' : 'suggestions.error.unknown_source', params: { source } });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, form: { title, currentPractice, proposal, remarks, source: source as SuggestionSource } };
}

/** One employee as the suggestion rules see the org. */
export interface SuggestionPerson {
  id: string;
  name: string;
  role: RoleKey;
  teamId: string;
  managerId: string | null;
  active: boolean;
}

/** SUGG-1: the part of the form filled from the org and the clock. */
export function formSnapshot(args: { submitter: SuggestionPerson; teamName: string; now: DateTime; timeZone: string }) {
  return {
    submittedOn: args.now.setZone(args.timeZone).toISODate()!,
    submitterName: args.submitter.name,
    teamId: args.submitter.teamId,
    department: args.teamName,
    position: args.submitter.role,
  };
}

function chainOf(person: SuggestionPerson, byId: Map<string, SuggestionPerson>): SuggestionPerson[] {
  const chain: SuggestionPerson[] = [];
  const seen = new Set([person.id]);
  let next = person.managerId ? byId.get(person.managerId) : undefined;
  while (next && !seen.has(next.id)) {
    chain.push(next);
    seen.add(next.id);
    next = next.managerId ? byId.get(next.managerId) : undefined;
  }
  return chain;
}

const byIdAsc = (a: SuggestionPerson, b: SuggestionPerson) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** SUGG-2: the team leader who reviews the submitter's suggestions, or null (the review is skipped). */
export function reviewerFor(submitter: SuggestionPerson, org: readonly SuggestionPerson[]): string | null {
  const byId = new Map(org.map((p) => [p.id, p]));
  const isLeader = (p: SuggestionPerson) => p.active && p.role === 'team_leader' && p.id !== submitter.id;
  const up = chainOf(submitter, byId).find(isLeader);
  if (up) return up.id;
  const inTeam = org.filter((p) => isLeader(p) && p.teamId === submitter.teamId).sort(byIdAsc)[0];
  return inTeam?.id ?? null;
}

/** SUGG-2: the center manager who rates the submitter's suggestions, or null when nobody can. */
export function raterFor(submitter: SuggestionPerson, org: readonly SuggestionPerson[]): string | null {
  const byId = new Map(org.map((p) => [p.id, p]));
  const chain = chainOf(submitter, byId);
  const isRater = (p: SuggestionPerson) => p.active && p.role === 'center_manager' && p.id !== submitter.id;
  const up = chain.find(isRater);
  if (up) return up.id;
  const any = org.filter(isRater).sort(byIdAsc)[0];
  if (any) return any.id;
  return chain.find((p) => p.active)?.id ?? null;
}

/** SUGG-2: the steps, the status each starts from and whose step it is. */
export const SUGGESTION_STEPS = {
  forward: { from: 'submitted', by: 'reviewerId' },
  return: { from: 'submitted', by: 'reviewerId' },
  rate: { from: 'forwarded', by: 'raterId' },
  done: { from: 'adopted', by: 'ownerId' },
} as const satisfies Record<string, { from: SuggestionStatus; by: 'reviewerId' | 'raterId' | 'ownerId' }>;
export type SuggestionStep = keyof typeof SUGGESTION_STEPS;

export interface SuggestionState {
  status: SuggestionStatus;
  reviewerId: string | null;
  raterId: string | null;
  ownerId: string | null;
}

/**
 * SUGG-2: may `actorId` take `step` now? `taken` when the suggestion is past
 * that step (someone already acted: nothing changes), `not_yours` when it is
 * someone else's step.
 */
export function stepCheck(s: SuggestionState, step: SuggestionStep, actorId: string): { ok: true } | { ok: false; error: 'taken' | 'not_yours' } {
  const rule = SUGGESTION_STEPS[step];
  if (s.status !== rule.from) return { ok: false, error: 'taken' };
  if (s[rule.by] !== actorId) return { ok: false, error: 'not_yours' };
  return { ok: true };
}

/** SUGG-2: the status a step leads to. */
export function statusAfter(step: SuggestionStep, adopted?: boolean): SuggestionStatus {
  switch (step) {
    case 'forward':
      return 'forwarded';
    case 'return':
      return 'returned';
    case 'rate':
      return adopted ? 'adopted' : 'not_adopted';
    case 'done':
      return 'done';
  }
}

/** SUGG-2: returning a suggestion needs a comment for the submitter; forwarding does not. */
export function validateReview(decision: 'forward' | 'return', comment: string | null | undefined): FieldError[] {
  const c = (comment ?? '').trim();
  if (decision === 'return' && c === '') return [{ field: 'comment', messageKey: 'suggestions.error.comment_required' }];
  if ([...c].length > TEXT_MAX) return [{ field: 'comment', messageKey: 'suggestions.error.too_long', params: { max: TEXT_MAX } }];
  return [];
}

export interface RatingInput {
  grade: string | null | undefined;
  adopted: boolean | null | undefined;
  ownerId: string | null | undefined;
  deadline: string | null | undefined;
  comment?: string | null | undefined;
}

export type Rating =
  | { grade: string; adopted: true; ownerId: string; deadline: string; comment: string | null }
  | { grade: string; adopted: false; ownerId: null; deadline: null; comment: string | null };

/**
 * SUGG-2: the center manager's rating: a grade of `suggestions.grades`,
 * adopted or not; when adopted, an active owner and a deadline not before
 * today (center time). Owner and deadline of a suggestion not adopted are ignored.
 */
export function validateRating(
  input: RatingInput,
  ctx: { grades: readonly string[]; today: string; isActiveEmployee: (id: string) => boolean },
): { ok: true; rating: Rating } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const grade = (input.grade ?? '').trim();
  if (grade === '') errors.push({ field: 'grade', messageKey: 'suggestions.error.required' });
  else if (!ctx.grades.includes(grade)) errors.push({ field: 'grade', messageKey: 'suggestions.error.unknown_grade', params: { grade, grades: ctx.grades.join(', ') } });
  if (input.adopted === null || input.adopted === undefined) errors.push({ field: 'adopted', messageKey: 'suggestions.error.required' });
  const comment = (input.comment ?? '').trim();
  if ([...comment].length > TEXT_MAX) errors.push({ field: 'comment', messageKey: 'suggestions.error.too_long', params: { max: TEXT_MAX } });
  let ownerId = '';
  let deadline = '';
  if (input.adopted) {
    ownerId = (input.ownerId ?? '').trim();
    if (ownerId === '') errors.push({ field: 'ownerId', messageKey: 'suggestions.error.owner_required' });
    else if (!ctx.isActiveEmployee(ownerId)) errors.push({ field: 'ownerId', messageKey: 'suggestions.error.owner_not_in_org' });
    deadline = (input.deadline ?? '').trim();
    if (deadline === '') errors.push({ field: 'deadline', messageKey: 'suggestions.error.deadline_required' });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || !DateTime.fromISO(deadline).isValid) errors.push({ field: 'deadline', messageKey: 'suggestions.error.invalid_date', params: { date: deadline } });
    else if (deadline < ctx.today) errors.push({ field: 'deadline', messageKey: 'suggestions.error.deadline_past', params: { today: ctx.today } });
  }
  if (errors.length > 0) return { ok: false, errors };
  return input.adopted
    ? { ok: true, rating: { grade, adopted: true, ownerId, deadline, comment: comment || null } }
    : { ok: true, rating: { grade, adopted: false, ownerId: null, deadline: null, comment: comment || null } };
}

export interface ReminderState {
  status: SuggestionStatus;
  deadline: string | null;
  ownerRemindedAt: unknown;
  overdueNotifiedAt: unknown;
}

/** SUGG-2: is today the owner's reminder (once, from `daysBefore` days before the deadline up to the deadline)? */
export function ownerReminderDue(s: ReminderState, today: string, daysBefore: number): boolean {
  if (s.status !== 'adopted' || !s.deadline || s.ownerRemindedAt) return false;
  const from = DateTime.fromISO(s.deadline, { zone: 'utc' }).minus({ days: daysBefore }).toISODate()!;
  return today >= from && today <= s.deadline;
}

/** SUGG-2: is the deadline missed (today is after it, not done) and the team leader not told yet? */
export function overdueNoticeDue(s: ReminderState, today: string): boolean {
  return s.status === 'adopted' && !!s.deadline && !s.overdueNotifiedAt && today > s.deadline;
}

/** SUGG-2 weekly reminder: who waits on which suggestions (reviewers and raters), ids ascending per person. */
export function waitingByPerson(suggestions: ReadonlyArray<{ id: number } & SuggestionState>): Map<string, { toReview: number[]; toRate: number[] }> {
  const out = new Map<string, { toReview: number[]; toRate: number[] }>();
  const slot = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { toReview: [], toRate: [] }));
    return v;
  };
  for (const s of [...suggestions].sort((a, b) => a.id - b.id)) {
    if (s.status === 'submitted' && s.reviewerId) slot(s.reviewerId).toReview.push(s.id);
    if (s.status === 'forwarded' && s.raterId) slot(s.raterId).toRate.push(s.id);
  }
  return out;
}

/** SUGG-3: the local month ("YYYY-MM") an instant falls in. */
export function monthOfInstant(at: DateTime | Date, timeZone: string): string {
  const dt = at instanceof Date ? DateTime.fromJSDate(at) : at;
  return dt.setZone(timeZone).toFormat('yyyy-MM');
}

/** SUGG-3: the instants [from, to) of a local month; null when `month` is not "YYYY-MM". */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const first = DateTime.fromFormat(month, 'yyyy-MM', { zone: timeZone });
  if (!first.isValid) return null;
  return { from: first.toJSDate(), to: first.plus({ months: 1 }).toJSDate() };
}

/** SUGG-3: the month whose adopted suggestions the ranking post of `rankingMonth` lists for reward (the month before). */
export function rewardMonthFor(rankingMonth: string): string {
  return DateTime.fromFormat(rankingMonth, 'yyyy-MM', { zone: 'utc' }).minus({ months: 1 }).toFormat('yyyy-MM');
}
