/**
 * PERF-1 by the form: an employee of `perf.rankedRoles` files the day's
 * summary (today or an earlier working day of this month); a second one for
 * the same day replaces the first (audited with what it replaced). The
 * confirmation, with the day's PERF-2 standing for the roles judged on
 * questionnaires, goes to the employee through the outbox in the same
 * transaction. Also the PERF-1 reminder to those who have not filed.
 */
import type { DateTime } from 'luxon';
import type { Policy, RoleKey } from '../../policy/config/schema.ts';
import { summaryReminderDue, validateSummary, type SummaryFieldError, type SummaryFigures, type SummaryFormInput } from '../../policy/performance/summary.ts';
import { dailyShortfallPoints } from '../../policy/performance/volume.ts';
import { daySchedule } from '../../policy/working-time.ts';
import type { Clock } from '../../shared/clock.ts';
import { dateColumn, type PrismaClient } from '../../shared/db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { enqueue, type OutboxInput, type OutboxPlatform } from '../../shared/outbox/outbox.ts';
import { orgRepository } from '../org/org-repository.ts';
import { addressed, ALL_PLATFORMS, peopleAddresses, type PlatformsOn } from '../org/reach.ts';
import { rosterEntryFor } from '../roster/roster-import.ts';
import { agentDays } from './agent-days.ts';
import { storeSummaries, type SummaryOutcome } from './summary-store.ts';

export class SummaryValidationError extends AppError {
  constructor(readonly fieldErrors: SummaryFieldError[]) {
    super('bad_input', 'performance.error.invalid', `summary refused: ${fieldErrors.map((e) => e.messageKey).join(', ')}`);
  }
}

export interface SummaryDeps {
  prisma: PrismaClient;
  policy: Policy;
  clock: Clock;
}

/** PERF-2 standing of a day: null for roles not judged on questionnaires (perf.volumeRoles). */
export interface Standing {
  done: number;
  target: number;
  short: number;
  points: number;
}

const localeOf = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** Who may file (perf.rankedRoles, active), or an AppError the channel shows. */
export async function summaryFiler(deps: SummaryDeps, employeeId: string): Promise<{ id: string; name: string; role: RoleKey; locale: Locale }> {
  const e = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!e || !e.active) throw new AppError('not_in_org', 'common.not_in_org', 'not in org');
  if (!(deps.policy.perf.rankedRoles as readonly string[]).includes(e.role)) {
    throw new AppError('forbidden', 'performance.summary.not_ranked', `${e.id} (${e.role}) files no daily summary`, {
      details: { role: t(localeOf(e.locale), `performance.role.${e.role}` as MessageKey) },
    });
  }
  return { id: e.id, name: e.name, role: e.role as RoleKey, locale: localeOf(e.locale) };
}

export function standingOf(role: RoleKey, questionnairesCompleted: number, policy: Policy): Standing | null {
  if (!policy.perf.volumeRoles.includes(role)) return null;
  const r = dailyShortfallPoints(questionnairesCompleted, policy);
  return { done: questionnairesCompleted, target: policy.perf.dailyTarget, short: r.shortfall, points: r.points };
}

export function standingText(locale: Locale, standing: Standing | null): string {
  if (!standing) return '';
  return standing.points > 0
    ? t(locale, 'performance.standing.short', { done: standing.done, target: standing.target, points: standing.points })
    : t(locale, 'performance.standing.met', { done: standing.done, target: standing.target });
}

export async function fileSummary(
  deps: SummaryDeps,
  args: {
    employeeId: string;
    form: SummaryFormInput;
    /** Where the confirmation goes; dedupeKey unique per submission (e.g. the platform's trigger id). */
    notify?: { platform: OutboxPlatform; target: string; dedupeKey: string };
    /** Where the form was filed (daily_summary.source); default slack. */
    source?: string;
  },
): Promise<{ date: string; figures: SummaryFigures; outcome: SummaryOutcome; standing: Standing | null }> {
  const { policy } = deps;
  const who = await summaryFiler(deps, args.employeeId);
  const today = deps.clock.now().setZone(policy.center.timeZone).toISODate()!;
  const date = args.form.date.trim();
  const roster = /^\d{4}-\d{2}-\d{2}$/.test(date) ? await rosterEntryFor(deps.prisma, who.id, date) : undefined;
  const checked = validateSummary(args.form, {
    today,
    policy,
    dayKind: (d) => daySchedule({ employee: { id: who.id, role: who.role }, date: d, policy, roster }).kind,
  });
  if (!checked.ok) throw new SummaryValidationError(checked.errors);
  const { figures } = checked;
  const standing = standingOf(who.role, figures.questionnairesCompleted, policy);
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const stored = await storeSummaries(tx, [{ employeeId: who.id, date: checked.date, ...figures }], { source: args.source ?? 'slack', actor: who.id });
    const outcome = stored.outcomes[0]!;
    if (args.notify) {
      const text = summaryConfirmation(who.locale, { date: checked.date, figures, outcome, standing });
      await enqueue(tx, [{ platform: args.notify.platform, kind: 'dm', target: args.notify.target, payload: { text }, dedupeKey: args.notify.dedupeKey }]);
    }
    return outcome;
  });
  return { date: checked.date, figures, outcome, standing };
}

/** The confirmation of a filed summary: saved or replaced, the figures, and the day's PERF-2 standing. */
export function summaryConfirmation(locale: Locale, filed: { date: string; figures: SummaryFigures; outcome: SummaryOutcome; standing: Standing | null }): string {
  const { figures } = filed;
  return [
    t(locale, filed.outcome === 'replaced' ? 'performance.summary.replaced' : 'performance.summary.saved', {
      date: filed.date,
      made: figures.callsMade,
      connected: figures.callsConnected,
      completed: figures.questionnairesCompleted,
      orders: figures.orders,
      issues: figures.customerIssues,
    }),
    standingText(locale, filed.standing),
  ]
    .filter(Boolean)
    .join('\n');
}

export type ReminderRenderer = (view: { locale: Locale; date: string; name: string }) => { text: string; blocks?: unknown[] };

/**
 * PERF-1 reminder at `at`: each active employee of perf.rankedRoles with a
 * chat identity on a platform that is on (features/org/reach.ts) whose working day's last segment ends within
 * perf.summaryReminderMinutesBeforeEnd of `at`, who has not filed the day's
 * summary, and whose day is not wholly on approved leave, gets one DM a day
 * per platform (outbox key `summary-reminder:<id>:<date>`, `…:teams` on Teams).
 * Returns the employees messaged now.
 */
export async function sendSummaryReminders(
  prisma: PrismaClient,
  policy: Policy,
  at: DateTime,
  render: ReminderRenderer | Record<OutboxPlatform, ReminderRenderer>,
  on: PlatformsOn = ALL_PLATFORMS,
): Promise<string[]> {
  const local = at.setZone(policy.center.timeZone);
  const date = local.toISODate()!;
  const renderOn = (p: OutboxPlatform) => (typeof render === 'function' ? render : render[p]);
  return prisma.$transaction(async (tx) => {
    const employees = await orgRepository(tx).activeInRoles(policy.perf.rankedRoles, 'slack');
    const addresses = await peopleAddresses(tx, employees.map((e) => e.id), on);
    const days = await agentDays(tx, policy, employees, date, date);
    const due = employees.filter((e) => {
      const day = days.get(e.id)?.[0];
      return (addresses.get(e.id) ?? []).length > 0 && day !== undefined && !day.fullLeave && !day.beforeHire && summaryReminderDue(day.schedule, local, policy);
    });
    if (due.length === 0) return [];
    const filed = new Set(
      (await tx.dailySummary.findMany({ where: { date: dateColumn(date), employeeId: { in: due.map((e) => e.id) } }, select: { employeeId: true } })).map((s) => s.employeeId),
    );
    const messages: OutboxInput[] = due
      .filter((e) => !filed.has(e.id))
      .flatMap((e) => addressed(addresses.get(e.id)!, 'dm', (p) => renderOn(p)({ locale: localeOf(e.locale), date, name: e.name }), `summary-reminder:${e.id}:${date}`));
    const already = new Set(
      (await tx.outboxMessage.findMany({ where: { dedupeKey: { in: messages.map((m) => m.dedupeKey) } }, select: { dedupeKey: true } })).map((m) => m.dedupeKey),
    );
    await enqueue(tx, messages);
    return [...new Set(messages.filter((m) => !already.has(m.dedupeKey)).map((m) => m.dedupeKey.split(':')[1]!))];
  });
}
