/**
 * TRAIN-2 on Teams: the weekly training plan reminder by DM with a button that
 * opens the plan form, the form (the counterpart of Slack's plan modal; the
 * plan already sent that week is shown to edit) and its receipt. The report to
 * team leaders is a text card (text-card.ts). Pure.
 */
import type { PlanReminderView } from '../../../features/training/training-plan.ts';
import { t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { TRAINING_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard } from './adaptive.ts';
import { problemsBanner, withError, type FormErrors } from './form.ts';

export function teamsPlanReminder(view: PlanReminderView): OutboxPayload {
  const text = t(view.locale, 'training.plan.reminder', { week: view.weekStart });
  return {
    text,
    card: adaptiveCard([textBlock(text)], [execute({ id: 'planOpen', title: t(view.locale, 'training.plan.button'), verb: VERBS.planOpen, data: { weekStart: view.weekStart }, style: 'positive' })]),
  };
}

/** The plan form of a week (`content`: what was sent before, or typed when it comes back refused). */
export function planFormCard(args: { locale: Locale; weekStart: string; content?: string; errors?: FormErrors }): AdaptiveCard {
  const l = args.locale;
  return adaptiveCard(
    [
      heading(t(l, 'training.plan.modal_title')),
      textBlock(t(l, 'training.plan.modal_week', { week: args.weekStart }), { isSubtle: true, spacing: 'None' }),
      ...problemsBanner(l, args.errors),
      ...withError(args.errors, {
        type: 'Input.Text',
        id: TRAINING_INPUTS.planText,
        label: t(l, 'training.plan.modal_text'),
        isMultiline: true,
        isRequired: true,
        maxLength: 3000,
        ...(args.content ? { value: args.content } : {}),
      }),
    ],
    [execute({ id: 'planSubmit', title: t(l, 'training.modal.submit'), verb: VERBS.planSubmit, data: { weekStart: args.weekStart }, style: 'positive' })],
    t(l, 'training.plan.modal_title'),
  );
}

/** What the submitted form turns into: received, or replacing the one sent before. */
export function planReceivedCard(locale: Locale, weekStart: string, replaced: boolean): AdaptiveCard {
  return adaptiveCard([heading(t(locale, 'training.plan.modal_title')), textBlock(t(locale, replaced ? 'training.plan.replaced' : 'training.plan.received', { week: weekStart }))]);
}
