/**
 * The suggestion use cases (SUGG-1..3): submit the form, review (forward or
 * return), rate (grade, adopted, owner and deadline), mark done, the daily
 * reminders and the weekly list. Each runs in one transaction: the state
 * change, the audit entries and the messages to send (outbox) are stored
 * together or not at all. Each step is taken once, by a conditional update on
 * (status, the person whose step it is): a second click, by anyone, changes
 * nothing and says who took the step and when.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/config/schema.ts';
import {
  formSnapshot,
  ownerReminderDue,
  overdueNoticeDue,
  raterFor,
  reviewerFor,
  statusAfter,
  stepCheck,
  validateRating,
  validateReview,
  validateSuggestionForm,
  waitingByPerson,
  type FieldError,
  type RatingInput,
  type SuggestionSource,
  type SuggestionStatus,
  type SuggestionStep,
} from '../../policy/suggestions/index.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, isoDateOf, type PrismaClient, type Tx } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueue, type OutboxInput } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import { keyOn } from '../org/reach.ts';
import { suggestionRepository, type Suggestion, type SuggestionPersonView } from './suggestion-repository.ts';
import type { DigestView, Rendered, SubmitterEvent, SuggestionRenderer, SuggestionView } from './suggestion-view.ts';

export interface SuggestionDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
  /** The platform the messages go out on and how they look there. */
  messenger: { platform: 'slack' | 'teams'; render: SuggestionRenderer; targetOf(person: SuggestionPersonView): string | null };
  /**
   * The jobs (reminders, weekly digest): the other platforms these also go to,
   * each person where they have an identity (features/org/reach.ts), outbox key
   * + `:<platform>`. Only the reminders and the digest; the cards stay on the messenger's platform.
   */
  alsoTo?: Array<{ platform: 'slack' | 'teams'; render: SuggestionJobRenderer; targetOf(person: SuggestionPersonView): string | null }>;
  /** slack | teams | cli */
  channel: string;
}

/** Dedupe keys of the three cards (updates name them in `updateOf`). */
export const CARD_KEYS = {
  review: (id: number) => `suggestion:${id}:review-card`,
  rating: (id: number) => `suggestion:${id}:rating-card`,
  owner: (id: number) => `suggestion:${id}:owner-card`,
} as const;

/** A form or a rating refused by SUGG-1/SUGG-2: every problem, by field, as i18n keys. */
export class SuggestionValidationError extends AppError {
  constructor(readonly fieldErrors: FieldError[]) {
    super('bad_input', 'suggestions.error.invalid', `suggestion refused: ${fieldErrors.map((e) => `${e.field}:${e.messageKey}`).join(', ')}`);
  }
}

const localDate = (deps: { policy: Policy }, at: DateTime) => at.setZone(deps.policy.center.timeZone).toISODate()!;
const localStamp = (policy: Policy, at: Date | null) => (at ? DateTime.fromJSDate(at).setZone(policy.center.timeZone).toFormat('yyyy-MM-dd HH:mm') : null);

export function toView(row: Suggestion, people: ReadonlyMap<string, SuggestionPersonView>, policy: Policy): SuggestionView {
  const who = (id: string | null) => (id ? { name: people.get(id)?.name ?? id } : null);
  return {
    id: row.id,
    title: row.title,
    currentPractice: row.currentPractice,
    proposal: row.proposal,
    remarks: row.remarks,
    source: row.source as SuggestionSource,
    submittedOn: isoDateOf(row.submittedOn),
    submitter: { id: row.submitterId, name: row.submitterName },
    department: row.department,
    position: row.position as SuggestionView['position'],
    status: row.status as SuggestionStatus,
    reviewer: who(row.reviewerId),
    reviewedAt: localStamp(policy, row.reviewedAt),
    reviewComment: row.reviewComment,
    rater: who(row.raterId),
    ratedAt: localStamp(policy, row.ratedAt),
    grade: row.grade,
    adopted: row.adopted,
    ratingComment: row.ratingComment,
    owner: who(row.ownerId),
    deadline: row.deadline ? isoDateOf(row.deadline) : null,
    doneAt: localStamp(policy, row.doneAt),
    doneNote: row.doneNote,
  };
}

function dm(deps: SuggestionDeps, to: SuggestionPersonView | undefined, dedupeKey: string, payload: OutboxPayload): OutboxInput[] {
  const target = to ? deps.messenger.targetOf(to) : null;
  return target ? [{ platform: deps.messenger.platform, kind: 'dm', target, payload, dedupeKey }] : [];
}

/** How the jobs' messages (reminders, digest) read on a platform. */
export interface SuggestionJobRenderer {
  ownerReminder(view: SuggestionView, locale: string): OutboxPayload;
  overdueNotice(view: SuggestionView, locale: string): OutboxPayload;
  digest(view: DigestView, locale: string): OutboxPayload;
}

/** A reminder or digest on the messenger's platform and every `alsoTo` one (key + `:<platform>`). */
function dmEverywhere(deps: SuggestionDeps, to: SuggestionPersonView | undefined, dedupeKey: string, payload: (render: SuggestionJobRenderer) => OutboxPayload): OutboxInput[] {
  const others = (deps.alsoTo ?? []).flatMap((m): OutboxInput[] => {
    const target = to ? m.targetOf(to) : null;
    return target ? [{ platform: m.platform, kind: 'dm', target, payload: payload(m.render), dedupeKey: keyOn(dedupeKey, m.platform) }] : [];
  });
  return [...dm(deps, to, dedupeKey, payload(deps.messenger.render)), ...others];
}

function cardUpdate(deps: SuggestionDeps, to: SuggestionPersonView | undefined, card: string, payload: Rendered): OutboxInput[] {
  const target = to ? deps.messenger.targetOf(to) : null;
  // Each card is decided once (its step is taken once), so one update per card.
  return target ? [{ platform: deps.messenger.platform, kind: 'update', target, updateOf: card, dedupeKey: `${card}:decided`, payload }] : [];
}

function notice(deps: SuggestionDeps, view: SuggestionView, submitter: SuggestionPersonView | undefined, event: SubmitterEvent): OutboxInput[] {
  return dm(deps, submitter, `suggestion:${view.id}:${event}`, deps.messenger.render.submitterNotice(view, event, submitter?.locale ?? 'zh-CN'));
}

/**
 * Why a step was not taken: someone already took it (who and when), it is not
 * at that step, or it is someone else's step. Nothing changed.
 */
function refusal(row: Suggestion, step: SuggestionStep, actorId: string, people: ReadonlyMap<string, SuggestionPersonView>, policy: Policy): AppError {
  const check = stepCheck({ status: row.status as SuggestionStatus, reviewerId: row.reviewerId, raterId: row.raterId, ownerId: row.ownerId }, step, actorId);
  const name = (id: string | null) => (id ? (people.get(id)?.name ?? id) : '?');
  const details = { id: row.id };
  if (check.ok) return new AppError('conflict', 'suggestions.error.try_again', `suggestion ${row.id}: step ${step} raced`, { details });
  if (check.error === 'not_yours') return new AppError('forbidden', `suggestions.not_yours.${step}`, `${actorId} may not ${step} suggestion ${row.id}`, { details });
  const status = row.status as SuggestionStatus;
  const reviewStep = step === 'forward' || step === 'return';
  if (reviewStep && (status === 'returned' || row.reviewedAt)) {
    const key = status === 'returned' ? 'suggestions.already.returned' : 'suggestions.already.forwarded';
    return new AppError('conflict', key, `suggestion ${row.id} was already reviewed`, { details: { ...details, by: name(row.reviewerId), at: localStamp(policy, row.reviewedAt) ?? '?' } });
  }
  if ((reviewStep || step === 'rate') && row.ratedAt) {
    return new AppError('conflict', 'suggestions.already.rated', `suggestion ${row.id} was already rated`, { details: { ...details, by: name(row.raterId), at: localStamp(policy, row.ratedAt) ?? '?', grade: row.grade ?? '?' } });
  }
  if (step === 'done' && status === 'done') {
    return new AppError('conflict', 'suggestions.already.done', `suggestion ${row.id} was already done`, { details: { ...details, by: name(row.ownerId), at: localStamp(policy, row.doneAt) ?? '?' } });
  }
  return new AppError('conflict', `suggestions.status_now.${status}`, `suggestion ${row.id} is ${status}, not at step ${step}`, { details });
}

async function load(repo: ReturnType<typeof suggestionRepository>, id: number): Promise<Suggestion> {
  const row = Number.isInteger(id) && id > 0 ? await repo.byId(id) : null;
  if (!row) throw new AppError('not_found', 'suggestions.error.not_found', `suggestion ${id} not found`, { details: { id: String(id) } });
  return row;
}

const peopleMap = (people: SuggestionPersonView[]) => new Map(people.map((p) => [p.id, p]));

/** SUGG-1: files the form; the team leader (or, without one, the center manager) gets the card. */
export async function submitSuggestion(
  deps: SuggestionDeps,
  args: { submitterId: string; title?: string | null; currentPractice?: string | null; proposal?: string | null; remarks?: string | null; source?: string | null },
): Promise<SuggestionView> {
  const checked = validateSuggestionForm(args);
  if (!checked.ok) throw new SuggestionValidationError(checked.errors);
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const people = await repo.people();
    const byId = peopleMap(people);
    const submitter = byId.get(args.submitterId);
    if (!submitter?.active) throw new AppError('not_in_org', 'common.not_in_org', `employee ${args.submitterId} is not in the org`);
    const reviewerId = reviewerFor(submitter, people);
    const raterId = raterFor(submitter, people);
    if (!raterId) throw new AppError('conflict', 'suggestions.error.no_rater', `nobody can rate the suggestions of ${submitter.id}`);
    const snapshot = formSnapshot({ submitter, teamName: submitter.teamName, now, timeZone: deps.policy.center.timeZone });
    const at = now.toJSDate();
    const row = await repo.create({
      ...checked.form,
      ...snapshot,
      submittedOn: dateColumn(snapshot.submittedOn),
      submitterId: submitter.id,
      status: reviewerId ? 'submitted' : 'forwarded',
      reviewerId,
      raterId: reviewerId ? null : raterId,
      channel: deps.channel,
      createdAt: at,
    });
    const view = toView(row, byId, deps.policy);
    await recordAudit(tx, [
      { actor: submitter.id, action: 'suggestion.submit', entity: 'suggestion', entityId: String(row.id), details: { title: row.title, source: row.source, reviewerId, raterId: row.raterId }, at },
      ...(reviewerId ? [] : [{ actor: 'system', action: 'suggestion.forward', entity: 'suggestion', entityId: String(row.id), details: { raterId, why: 'no-team-leader' }, at }]),
    ]);
    const messages: OutboxInput[] = [];
    if (reviewerId) {
      const reviewer = byId.get(reviewerId)!;
      messages.push(...dm(deps, reviewer, CARD_KEYS.review(row.id), deps.messenger.render.reviewCard(view, reviewer.locale)));
    } else {
      const rater = byId.get(raterId)!;
      messages.push(...dm(deps, rater, CARD_KEYS.rating(row.id), deps.messenger.render.ratingCard(view, rater.locale)));
    }
    messages.push(...notice(deps, view, submitter, 'submitted'));
    await enqueue(tx, messages);
    return view;
  });
}

/** SUGG-2: the team leader forwards the suggestion to the center manager, or returns it with a comment; once. */
export async function reviewSuggestion(
  deps: SuggestionDeps,
  args: { id: number; actorId: string; decision: 'forward' | 'return'; comment?: string | null },
): Promise<SuggestionView> {
  const problems = validateReview(args.decision, args.comment);
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const people = await repo.people();
    const byId = peopleMap(people);
    const before = await load(repo, args.id);
    const check = stepCheck(stateOf(before), args.decision, args.actorId);
    if (!check.ok) throw refusal(before, args.decision, args.actorId, byId, deps.policy);
    if (problems.length > 0) throw new SuggestionValidationError(problems);
    const comment = (args.comment ?? '').trim() || null;
    let raterId: string | null = null;
    if (args.decision === 'forward') {
      const submitter = byId.get(before.submitterId);
      raterId = submitter ? raterFor(submitter, people) : null;
      if (!raterId) throw new AppError('conflict', 'suggestions.error.no_rater', `nobody can rate suggestion ${before.id}`);
    }
    const at = deps.clock.now().toJSDate();
    const won = await repo.stepOnce(args.id, args.decision, args.actorId, {
      status: statusAfter(args.decision),
      reviewedAt: at,
      reviewComment: comment,
      ...(raterId ? { raterId } : {}),
    });
    const row = await load(repo, args.id);
    if (!won) throw refusal(row, args.decision, args.actorId, byId, deps.policy);
    const view = toView(row, byId, deps.policy);
    await recordAudit(tx, [
      { actor: args.actorId, action: `suggestion.${args.decision}`, entity: 'suggestion', entityId: String(row.id), details: { comment, raterId }, at },
    ]);
    const reviewer = byId.get(args.actorId);
    const messages = [...cardUpdate(deps, reviewer, CARD_KEYS.review(row.id), deps.messenger.render.reviewCard(view, reviewer?.locale ?? 'zh-CN'))];
    if (raterId) {
      const rater = byId.get(raterId)!;
      messages.push(...dm(deps, rater, CARD_KEYS.rating(row.id), deps.messenger.render.ratingCard(view, rater.locale)));
    }
    messages.push(...notice(deps, view, byId.get(row.submitterId), args.decision === 'forward' ? 'forwarded' : 'returned'));
    await enqueue(tx, messages);
    return view;
  });
}

/** SUGG-2: the center manager rates: a grade, adopted or not, and if adopted an owner and a deadline; once. */
export async function rateSuggestion(deps: SuggestionDeps, args: { id: number; actorId: string } & RatingInput): Promise<SuggestionView> {
  const now = deps.clock.now();
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const people = await repo.people();
    const byId = peopleMap(people);
    const before = await load(repo, args.id);
    if (!stepCheck(stateOf(before), 'rate', args.actorId).ok) throw refusal(before, 'rate', args.actorId, byId, deps.policy);
    const checked = validateRating(args, {
      grades: deps.policy.suggestions.grades,
      today: localDate(deps, now),
      isActiveEmployee: (id) => byId.get(id)?.active === true,
    });
    if (!checked.ok) throw new SuggestionValidationError(checked.errors);
    const r = checked.rating;
    const at = now.toJSDate();
    const won = await repo.stepOnce(args.id, 'rate', args.actorId, {
      status: statusAfter('rate', r.adopted),
      ratedAt: at,
      grade: r.grade,
      adopted: r.adopted,
      ratingComment: r.comment,
      ownerId: r.ownerId,
      deadline: r.deadline ? dateColumn(r.deadline) : null,
    });
    const row = await load(repo, args.id);
    if (!won) throw refusal(row, 'rate', args.actorId, byId, deps.policy);
    const view = toView(row, byId, deps.policy);
    await recordAudit(tx, [
      { actor: args.actorId, action: 'suggestion.rate', entity: 'suggestion', entityId: String(row.id), details: { grade: r.grade, adopted: r.adopted, ownerId: r.ownerId, deadline: r.deadline, comment: r.comment }, at },
    ]);
    const rater = byId.get(args.actorId);
    const messages = [...cardUpdate(deps, rater, CARD_KEYS.rating(row.id), deps.messenger.render.ratingCard(view, rater?.locale ?? 'zh-CN'))];
    if (r.adopted) {
      const owner = byId.get(r.ownerId)!;
      messages.push(...dm(deps, owner, CARD_KEYS.owner(row.id), deps.messenger.render.ownerCard(view, owner.locale)));
    }
    messages.push(...notice(deps, view, byId.get(row.submitterId), r.adopted ? 'adopted' : 'not_adopted'));
    await enqueue(tx, messages);
    return view;
  });
}

/** SUGG-2: the owner marks an adopted suggestion done; once. */
export async function completeSuggestion(deps: SuggestionDeps, args: { id: number; actorId: string; note?: string | null }): Promise<SuggestionView> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const people = await repo.people();
    const byId = peopleMap(people);
    const at = deps.clock.now().toJSDate();
    const note = (args.note ?? '').trim() || null;
    const won = await repo.stepOnce(args.id, 'done', args.actorId, { status: 'done', doneAt: at, doneNote: note });
    const row = await load(repo, args.id);
    if (!won) throw refusal(row, 'done', args.actorId, byId, deps.policy);
    const view = toView(row, byId, deps.policy);
    await recordAudit(tx, [{ actor: args.actorId, action: 'suggestion.done', entity: 'suggestion', entityId: String(row.id), details: { note }, at }]);
    const owner = byId.get(args.actorId);
    await enqueue(tx, [
      ...cardUpdate(deps, owner, CARD_KEYS.owner(row.id), deps.messenger.render.ownerCard(view, owner?.locale ?? 'zh-CN')),
      ...notice(deps, view, byId.get(row.submitterId), 'done'),
    ]);
    return view;
  });
}

/** Before a modal opens (Return, Rate): may `actorId` take `step` now? Throws the same refusal a late submission would get. */
export async function checkStep(deps: Pick<SuggestionDeps, 'prisma' | 'policy'>, args: { id: number; actorId: string; step: SuggestionStep }): Promise<SuggestionView> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const byId = peopleMap(await repo.people());
    const row = await load(repo, args.id);
    if (!stepCheck(stateOf(row), args.step, args.actorId).ok) throw refusal(row, args.step, args.actorId, byId, deps.policy);
    return toView(row, byId, deps.policy);
  });
}

function stateOf(row: Suggestion) {
  return { status: row.status as SuggestionStatus, reviewerId: row.reviewerId, raterId: row.raterId, ownerId: row.ownerId };
}

/**
 * SUGG-2 reminders, as of `at` (the job's slot): owners of adopted suggestions
 * `ownerReminderDaysBefore` days before the deadline, and the team leader who
 * reviewed (else the rater) once the deadline is missed. Each once.
 */
export async function sendSuggestionReminders(deps: SuggestionDeps, at: DateTime): Promise<{ ownerReminded: number[]; overdue: number[] }> {
  const today = localDate(deps, at);
  const horizon = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: deps.policy.suggestions.ownerReminderDaysBefore }).toISODate()!;
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const candidates = await repo.openAdoptedDueBy(dateColumn(horizon));
    const done = { ownerReminded: [] as number[], overdue: [] as number[] };
    if (candidates.length === 0) return done;
    const byId = peopleMap(await repo.people());
    const stamp = at.toJSDate();
    for (const row of candidates) {
      const state = { status: row.status as SuggestionStatus, deadline: row.deadline ? isoDateOf(row.deadline) : null, ownerRemindedAt: row.ownerRemindedAt, overdueNotifiedAt: row.overdueNotifiedAt };
      const view = toView(row, byId, deps.policy);
      const messages: OutboxInput[] = [];
      if (ownerReminderDue(state, today, deps.policy.suggestions.ownerReminderDaysBefore) && (await repo.markOnce(row.id, 'ownerRemindedAt', stamp))) {
        const owner = byId.get(row.ownerId ?? '');
        messages.push(...dmEverywhere(deps, owner, `suggestion:${row.id}:owner-reminder`, (r) => r.ownerReminder(view, owner?.locale ?? 'zh-CN')));
        await recordAudit(tx, [{ actor: 'system', action: 'suggestion.owner_reminded', entity: 'suggestion', entityId: String(row.id), details: { ownerId: row.ownerId, deadline: state.deadline }, at: stamp }]);
        done.ownerReminded.push(row.id);
      }
      if (overdueNoticeDue(state, today) && (await repo.markOnce(row.id, 'overdueNotifiedAt', stamp))) {
        const leaderId = row.reviewerId ?? row.raterId;
        const leader = byId.get(leaderId ?? '');
        messages.push(...dmEverywhere(deps, leader, `suggestion:${row.id}:overdue`, (r) => r.overdueNotice(view, leader?.locale ?? 'zh-CN')));
        await recordAudit(tx, [{ actor: 'system', action: 'suggestion.overdue_notified', entity: 'suggestion', entityId: String(row.id), details: { to: leaderId, deadline: state.deadline }, at: stamp }]);
        done.overdue.push(row.id);
      }
      await enqueue(tx, messages);
    }
    return done;
  });
}

/** SUGG-2 weekly reminder: each reviewer and rater gets the list of suggestions waiting for them (once per week's slot). */
export async function sendWeeklyDigest(deps: SuggestionDeps, at: DateTime): Promise<string[]> {
  const day = localDate(deps, at);
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const rows = await repo.waiting();
    if (rows.length === 0) return [];
    const byId = peopleMap(await repo.people());
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const views = (ids: number[]) => ids.map((id) => toView(rowById.get(id)!, byId, deps.policy));
    const messages: OutboxInput[] = [];
    const told: string[] = [];
    for (const [personId, waiting] of [...waitingByPerson(rows.map((r) => ({ id: r.id, ...stateOf(r) })))].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const person = byId.get(personId);
      if (!person?.active) continue;
      const sent = dmEverywhere(deps, person, `suggestion-digest:${day}:${personId}`, (r) => r.digest({ toReview: views(waiting.toReview), toRate: views(waiting.toRate) }, person.locale));
      if (sent.length) told.push(personId);
      messages.push(...sent);
    }
    await enqueue(tx, messages);
    return told;
  });
}

/** `/suggest list`: my recent suggestions, and those waiting for me. */
export async function listSuggestions(deps: Pick<SuggestionDeps, 'prisma' | 'policy'>, employeeId: string): Promise<{ mine: SuggestionView[]; waiting: SuggestionView[] }> {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const repo = suggestionRepository(tx);
    const byId = peopleMap(await repo.people());
    const mine = (await repo.mine(employeeId)).map((r) => toView(r, byId, deps.policy));
    const waiting = (await repo.waiting())
      .filter((r) => (r.status === 'submitted' && r.reviewerId === employeeId) || (r.status === 'forwarded' && r.raterId === employeeId))
      .map((r) => toView(r, byId, deps.policy));
    const owned = (await repo.openOwnedBy(employeeId)).map((r) => toView(r, byId, deps.policy));
    return { mine, waiting: [...waiting, ...owned] };
  });
}

/** SUGG-1: what the form shows filled in from the org and the clock, before it is submitted. */
export async function formDefaults(deps: Pick<SuggestionDeps, 'prisma' | 'policy' | 'clock'>, employeeId: string) {
  return deps.prisma.$transaction(async (tx: Tx) => {
    const submitter = (await suggestionRepository(tx).people()).find((p) => p.id === employeeId && p.active);
    if (!submitter) throw new AppError('not_in_org', 'common.not_in_org', `employee ${employeeId} is not in the org`);
    const snapshot = formSnapshot({ submitter, teamName: submitter.teamName, now: deps.clock.now(), timeZone: deps.policy.center.timeZone });
    return { date: snapshot.submittedOn, department: snapshot.department, name: snapshot.submitterName, position: submitter.role };
  });
}
