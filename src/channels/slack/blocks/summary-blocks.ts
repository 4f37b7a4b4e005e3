/** Pure Block Kit builders of the daily work summary (PERF-1): the modal and the reminder. */
import { t, type Locale } from '../../../shared/i18n/index.ts';
import { PERF_ACTIONS, PERF_VIEWS, SUMMARY_BLOCKS } from '../ids.ts';
import { input, option, plain } from './kit.ts';

/** The `/summary` modal: the day (default today) and the day's figures; a call type select when the policy weighs call types. */
export function summaryModal(args: { locale: Locale; today: string; callTypes: string[] }) {
  const l = args.locale;
  const count = (block: string, label: string, optional?: true) =>
    input(block, plain(t(l, label as Parameters<typeof t>[1])), { type: 'number_input', is_decimal_allowed: false, min_value: '0' }, { optional });
  return {
    type: 'modal' as const,
    callback_id: PERF_VIEWS.summary,
    title: plain(t(l, 'performance.modal.title')),
    submit: plain(t(l, 'performance.modal.submit')),
    close: plain(t(l, 'performance.modal.cancel')),
    blocks: [
      input(SUMMARY_BLOCKS.date, plain(t(l, 'performance.modal.date')), { type: 'datepicker', initial_date: args.today }, { hint: plain(t(l, 'performance.modal.date_hint')) }),
      count(SUMMARY_BLOCKS.callsMade, 'performance.modal.calls_made'),
      count(SUMMARY_BLOCKS.callsConnected, 'performance.modal.calls_connected'),
      count(SUMMARY_BLOCKS.questionnairesCompleted, 'performance.modal.questionnaires'),
      count(SUMMARY_BLOCKS.orders, 'performance.modal.orders'),
      count(SUMMARY_BLOCKS.customerIssues, 'performance.modal.customer_issues', true),
      ...(args.callTypes.length > 0
        ? [input(SUMMARY_BLOCKS.callType, plain(t(l, 'performance.modal.call_type')), { type: 'static_select', options: args.callTypes.map((c) => option(c, c)) }, { optional: true })]
        : []),
    ],
  };
}

/** The PERF-1 reminder DM, with a button that opens the form. */
export function summaryReminder(view: { locale: Locale; date: string; name: string }): { text: string; blocks: unknown[] } {
  const text = t(view.locale, 'performance.reminder.text', { name: view.name, date: view.date });
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text },
        accessory: { type: 'button', action_id: PERF_ACTIONS.openSummary, style: 'primary', text: plain(t(view.locale, 'performance.reminder.button')), value: view.date },
      },
    ],
  };
}
