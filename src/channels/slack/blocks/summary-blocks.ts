/** Pure Block Kit builders of the daily work summary (PERF-1): the modal and the reminder. */
import { t, type Locale } from '../../../shared/i18n/index.ts';
import { INPUT, PERF_ACTIONS, PERF_VIEWS, SUMMARY_BLOCKS } from '../ids.ts';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** The `/summary` modal: the day (default today) and the day's figures; a call type select when the policy weighs call types. */
export function summaryModal(args: { locale: Locale; today: string; callTypes: string[] }) {
  const l = args.locale;
  const count = (block: string, label: string, optional = false) => ({
    type: 'input',
    block_id: block,
    ...(optional ? { optional: true } : {}),
    label: plain(t(l, label as Parameters<typeof t>[1])),
    element: { type: 'number_input', action_id: INPUT, is_decimal_allowed: false, min_value: '0' },
  });
  return {
    type: 'modal' as const,
    callback_id: PERF_VIEWS.summary,
    title: plain(t(l, 'performance.modal.title')),
    submit: plain(t(l, 'performance.modal.submit')),
    close: plain(t(l, 'performance.modal.cancel')),
    blocks: [
      {
        type: 'input',
        block_id: SUMMARY_BLOCKS.date,
        label: plain(t(l, 'performance.modal.date')),
        hint: plain(t(l, 'performance.modal.date_hint')),
        element: { type: 'datepicker', action_id: INPUT, initial_date: args.today },
      },
      count(SUMMARY_BLOCKS.callsMade, 'performance.modal.calls_made'),
      count(SUMMARY_BLOCKS.callsConnected, 'performance.modal.calls_connected'),
      count(SUMMARY_BLOCKS.questionnairesCompleted, 'performance.modal.questionnaires'),
      count(SUMMARY_BLOCKS.orders, 'performance.modal.orders'),
      count(SUMMARY_BLOCKS.customerIssues, 'performance.modal.customer_issues', true),
      ...(args.callTypes.length > 0
        ? [
            {
              type: 'input',
              block_id: SUMMARY_BLOCKS.callType,
              optional: true,
              label: plain(t(l, 'performance.modal.call_type')),
              element: { type: 'static_select', action_id: INPUT, options: args.callTypes.map((c) => ({ text: plain(c), value: c })) },
            },
          ]
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
