/**
 * PERF-1: is a daily work summary, as typed in the form, acceptable? Every
 * error is collected, each on its field, as an i18n key with its params.
 *
 * Readings:
 * - The day is today or an earlier day of the current month (center time):
 *   a day of an earlier month is closed (its ranking may be out), and a day
 *   to come has no figures yet.
 * - The day must be a working day of the employee by the TIME rules and the
 *   roster (a rest day, a holiday or a day off has no summary).
 * - Figures are whole numbers ≥ 0 (at most 7 digits); connected ≤ made and
 *   completed ≤ connected. Customer issues may be left empty (0).
 * - The call type, when given, is a key of `perf.callTypeWeights`.
 */
import type { DateTime } from 'luxon';
import type { Policy } from '../config/schema.ts';
import { isRealDate } from '../config/schema.ts';
import type { DayKind } from '../working-time.ts';

export const SUMMARY_FIELDS = ['date', 'callsMade', 'callsConnected', 'questionnairesCompleted', 'orders', 'customerIssues', 'callType'] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/** The i18n keys of the errors (params in comments). */
export const SUMMARY_ERROR_KEYS = [
  'performance.error.invalid_date', // {date}
  'performance.error.future_date', // {date} {today}
  'performance.error.closed_month', // {date} {today}
  'performance.error.not_working_day', // {date}
  'performance.error.whole_number', // {value}
  'performance.error.connected_over_made', // {connected} {made}
  'performance.error.completed_over_connected', // {completed} {connected}
  'performance.error.unknown_call_type', // {callType} {known}
] as const;
export type SummaryErrorKey = (typeof SUMMARY_ERROR_KEYS)[number];

export interface SummaryFieldError {
  field: SummaryField;
  messageKey: SummaryErrorKey;
  params: Record<string, string | number>;
}

/** The form as typed: numbers as text. */
export interface SummaryFormInput {
  date: string;
  callsMade: string;
  callsConnected: string;
  questionnairesCompleted: string;
  orders: string;
  customerIssues: string;
  callType: string | null;
}

export interface SummaryFigures {
  callsMade: number;
  callsConnected: number;
  questionnairesCompleted: number;
  orders: number;
  customerIssues: number;
  /** PERF-3 call type (a key of perf.callTypeWeights); null is the default weight. */
  callType: string | null;
}

export function validateSummary(
  input: SummaryFormInput,
  context: {
    /** Center-local "YYYY-MM-DD" of now. */
    today: string;
    /** The kind of the employee's day (daySchedule with the roster), when the date is real. */
    dayKind: (date: string) => DayKind;
    policy: Policy;
  },
): { ok: true; date: string; figures: SummaryFigures } | { ok: false; errors: SummaryFieldError[] } {
  const errors: SummaryFieldError[] = [];
  const date = input.date.trim();
  if (!isRealDate(date)) errors.push({ field: 'date', messageKey: 'performance.error.invalid_date', params: { date } });
  else if (date > context.today) errors.push({ field: 'date', messageKey: 'performance.error.future_date', params: { date, today: context.today } });
  else if (date.slice(0, 7) !== context.today.slice(0, 7)) errors.push({ field: 'date', messageKey: 'performance.error.closed_month', params: { date, today: context.today } });
  else if (context.dayKind(date) !== 'working') errors.push({ field: 'date', messageKey: 'performance.error.not_working_day', params: { date } });

  const whole = (field: SummaryField, raw: string, optional = false): number | undefined => {
    const text = raw.trim();
    if (optional && text === '') return 0;
    if (!/^\d{1,7}$/.test(text)) {
      errors.push({ field, messageKey: 'performance.error.whole_number', params: { value: text } });
      return undefined;
    }
    return Number(text);
  };
  const made = whole('callsMade', input.callsMade);
  const connected = whole('callsConnected', input.callsConnected);
  const completed = whole('questionnairesCompleted', input.questionnairesCompleted);
  const orders = whole('orders', input.orders);
  const issues = whole('customerIssues', input.customerIssues, true);
  if (made !== undefined && connected !== undefined && connected > made)
    errors.push({ field: 'callsConnected', messageKey: 'performance.error.connected_over_made', params: { connected, made } });
  if (connected !== undefined && completed !== undefined && completed > connected)
    errors.push({ field: 'questionnairesCompleted', messageKey: 'performance.error.completed_over_connected', params: { completed, connected } });
  const callType = input.callType?.trim() || null;
  const known = Object.keys(context.policy.perf.callTypeWeights);
  if (callType !== null && !known.includes(callType))
    errors.push({ field: 'callType', messageKey: 'performance.error.unknown_call_type', params: { callType, known: known.join(', ') || '—' } });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    date,
    figures: { callsMade: made!, callsConnected: connected!, questionnairesCompleted: completed!, orders: orders!, customerIssues: issues!, callType },
  };
}

/**
 * PERF-1 reminder: due at `at` when the day's last segment ends within
 * `perf.summaryReminderMinutesBeforeEnd` minutes after `at`, or ended within
 * as many minutes before it. Not on a day that is not a working day or has no
 * segment. (Whether the summary is filed, or the day is on leave, is the caller's.)
 */
export function summaryReminderDue(schedule: { kind: DayKind; segments: ReadonlyArray<{ end: DateTime }> }, at: DateTime, policy: Policy): boolean {
  if (schedule.kind !== 'working' || schedule.segments.length === 0) return false;
  const end = Math.max(...schedule.segments.map((s) => s.end.toMillis()));
  const window = policy.perf.summaryReminderMinutesBeforeEnd * 60_000;
  return Math.abs(end - at.toMillis()) <= window;
}
