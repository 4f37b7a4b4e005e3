/**
 * PERF-1 on Teams: the daily work summary form (the Teams counterpart of
 * Slack's /summary modal, same fields and labels), its receipt, and the
 * reminder by DM with a button that opens the form on the day it reminds of. Pure.
 */
import type { SummaryFormInput } from '../../../policy/performance/summary.ts';
import { t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { SUMMARY_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard } from './adaptive.ts';
import { problemsBanner, withError, type FormErrors } from './form.ts';

/** The form, on `date` (default today), with what was typed and the problems when it comes back refused. */
export function summaryFormCard(args: { locale: Locale; date: string; callTypes: readonly string[]; values?: Partial<SummaryFormInput>; errors?: FormErrors }): AdaptiveCard {
  const l = args.locale;
  const v = args.values ?? {};
  const count = (id: string, label: Parameters<typeof t>[1], value: string | undefined, required = true) =>
    withError(args.errors, { type: 'Input.Text', id, label: t(l, label), style: 'Tel', maxLength: 9, ...(required ? { isRequired: true } : {}), ...(value ? { value } : {}) });
  return adaptiveCard(
    [
      heading(t(l, 'performance.modal.title')),
      ...problemsBanner(l, args.errors),
      ...withError(args.errors, { type: 'Input.Date', id: SUMMARY_INPUTS.date, label: t(l, 'performance.modal.date'), isRequired: true, value: v.date || args.date }),
      textBlock(t(l, 'performance.modal.date_hint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
      ...count(SUMMARY_INPUTS.callsMade, 'performance.modal.calls_made', v.callsMade),
      ...count(SUMMARY_INPUTS.callsConnected, 'performance.modal.calls_connected', v.callsConnected),
      ...count(SUMMARY_INPUTS.questionnairesCompleted, 'performance.modal.questionnaires', v.questionnairesCompleted),
      ...count(SUMMARY_INPUTS.orders, 'performance.modal.orders', v.orders),
      ...count(SUMMARY_INPUTS.customerIssues, 'performance.modal.customer_issues', v.customerIssues, false),
      ...(args.callTypes.length > 0
        ? withError(args.errors, {
            type: 'Input.ChoiceSet',
            id: SUMMARY_INPUTS.callType,
            label: t(l, 'performance.modal.call_type'),
            style: 'compact',
            choices: args.callTypes.map((c) => ({ title: c, value: c })),
            ...(v.callType ? { value: v.callType } : {}),
          })
        : []),
    ],
    [execute({ id: 'summarySubmit', title: t(l, 'performance.modal.submit'), verb: VERBS.summarySubmit, style: 'positive' })],
    t(l, 'performance.modal.title'),
  );
}

/** What the filed form turns into: the confirmation (saved or replaced, with the day's PERF-2 standing). */
export function summarySavedCard(locale: Locale, confirmation: string): AdaptiveCard {
  const [first = confirmation, ...rest] = confirmation.split('\n');
  return adaptiveCard([heading(t(locale, 'performance.modal.title')), textBlock(first), ...rest.map((line) => textBlock(line, { spacing: 'Small' }))]);
}

/** The PERF-1 reminder by DM, with a button that opens the form on that day. */
export function teamsSummaryReminder(view: { locale: Locale; date: string; name: string }): OutboxPayload {
  const text = t(view.locale, 'performance.reminder.text', { name: view.name, date: view.date });
  return {
    text,
    card: adaptiveCard([textBlock(text)], [execute({ id: 'summaryOpen', title: t(view.locale, 'performance.reminder.button'), verb: VERBS.summaryOpen, data: { date: view.date }, style: 'positive' })]),
  };
}
