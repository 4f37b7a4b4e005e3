/**
 * TRAIN-2 on Teams: the weekly training plan reminder by DM. A reminder only:
 * the plan form is not on Teams yet (`plan` there answers so), so the card has
 * no button. The report to team leaders is a text card (text-card.ts). Pure.
 */
import type { PlanReminderView } from '../../../features/training/training-plan.ts';
import { t } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { adaptiveCard, textBlock } from './adaptive.ts';

export function teamsPlanReminder(view: PlanReminderView): OutboxPayload {
  const text = t(view.locale, 'training.plan.reminder', { week: view.weekStart });
  return { text, card: adaptiveCard([textBlock(text)]) };
}
