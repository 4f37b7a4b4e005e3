/**
 * Teams handlers of the daily work summary (PERF-1): `summary` answers with the
 * form card, the reminder's button opens it on the day it reminded of, and the
 * form's Submit files it with the same use case as Slack (fileSummary): the
 * card becomes the confirmation, or comes back with the problems beside the
 * fields and nothing stored.
 */
import { fileSummary, summaryConfirmation, summaryFiler, SummaryValidationError, type SummaryDeps } from '../../../features/performance/summary-service.ts';
import type { SummaryField, SummaryFormInput } from '../../../policy/performance/summary.ts';
import { t, type Locale } from '../../../shared/i18n/index.ts';
import { formErrors } from '../cards/form.ts';
import { summaryFormCard, summarySavedCard } from '../cards/summary-cards.ts';
import { SUMMARY_INPUTS, TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext } from './context.ts';

/** Which input shows the error of each field. */
const FIELD_INPUT: Record<SummaryField, string> = SUMMARY_INPUTS;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function registerSummaryHandlers(ctx: TeamsContext): void {
  const deps = (): SummaryDeps => ({ prisma: ctx.prisma(), policy: ctx.policy, clock: ctx.clock });
  const today = () => ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!;
  const form = (locale: Locale, date: string, extra: Pick<Parameters<typeof summaryFormCard>[0], 'values' | 'errors'> = {}) =>
    summaryFormCard({ locale, date, callTypes: Object.keys(ctx.policy.perf.callTypeWeights), ...extra });

  ctx.commands.set(TEAMS_COMMANDS.summary, async ({ turn, who, args }) => {
    if (args.length > 0) return replyText(turn, t(who.locale, 'teams.bad_argument', { arg: args.join(' '), usage: 'summary' }));
    try {
      await summaryFiler(deps(), who.id);
    } catch (error) {
      return replyText(turn, ctx.errorText(who.locale, error));
    }
    return replyCard(turn, form(who.locale, today()), t(who.locale, 'performance.modal.title'));
  });

  // The reminder's button: the same form, on the day it reminded of when that day is still open (as on Slack).
  ctx.verbs.set(VERBS.summaryOpen, async ({ who, data }): Promise<InvokeAnswer> => {
    try {
      await summaryFiler(deps(), who.id);
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
    const asked = str(data.date);
    const now = today();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked <= now && asked.slice(0, 7) === now.slice(0, 7) ? asked : now;
    return { card: form(who.locale, day) };
  });

  ctx.verbs.set(VERBS.summarySubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const values: SummaryFormInput = {
      date: str(data[SUMMARY_INPUTS.date]),
      callsMade: str(data[SUMMARY_INPUTS.callsMade]),
      callsConnected: str(data[SUMMARY_INPUTS.callsConnected]),
      questionnairesCompleted: str(data[SUMMARY_INPUTS.questionnairesCompleted]),
      orders: str(data[SUMMARY_INPUTS.orders]),
      customerIssues: str(data[SUMMARY_INPUTS.customerIssues]),
      callType: str(data[SUMMARY_INPUTS.callType]) || null,
    };
    try {
      const filed = await fileSummary(deps(), { employeeId: who.id, form: values, source: 'teams' });
      return { card: summarySavedCard(who.locale, summaryConfirmation(who.locale, filed)) };
    } catch (error) {
      if (error instanceof SummaryValidationError) {
        return { card: form(who.locale, values.date || today(), { values: { ...values, callType: values.callType ?? undefined }, errors: formErrors(who.locale, error.fieldErrors, FIELD_INPUT, SUMMARY_INPUTS.date) }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });
}
