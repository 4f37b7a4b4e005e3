/** TRAIN-1 on Teams: the weekly study reminder posted to the training channel, with Check in (Action.Execute, the session id). Pure. */
import type { TrainingReminderView } from '../../../features/training/training-service.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { VERBS } from '../ids.ts';
import { adaptiveCard, execute, heading, textBlock } from './adaptive.ts';

export function teamsTrainingReminder(view: TrainingReminderView, locale: Locale = DEFAULT_LOCALE): OutboxPayload {
  const title = t(locale, 'training.reminder.title', { date: view.date, time: view.time });
  const topic = view.topic ? t(locale, 'training.reminder.topic', { topic: view.topic }) : t(locale, 'training.reminder.no_topic');
  const body = t(locale, 'training.reminder.body', { time: view.time, minutes: view.durationMinutes });
  return {
    text: `${title}\n${topic}\n${body}`,
    card: adaptiveCard(
      [heading(title), textBlock(topic, { weight: 'Bolder' }), textBlock(body)],
      [execute({ id: 'trainingCheckIn', title: t(locale, 'training.reminder.check_in'), verb: VERBS.trainingCheckIn, data: { sessionId: view.sessionId }, style: 'positive' })],
    ),
  };
}
