/**
 * PERF-1 on Teams: the daily work summary reminder by DM. A reminder only: the
 * summary form is not on Teams yet (`summary` there answers so), so the card
 * has no button. Pure.
 */
import { t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { adaptiveCard, textBlock } from './adaptive.ts';

export function teamsSummaryReminder(view: { locale: Locale; date: string; name: string }): OutboxPayload {
  const text = t(view.locale, 'performance.reminder.text', { name: view.name, date: view.date });
  return { text, card: adaptiveCard([textBlock(text)]) };
}
