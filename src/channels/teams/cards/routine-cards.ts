/**
 * Issue 11 routine on Teams: the brief, the post-shift report and the
 * handover messages as cards with the same text as on Slack. The brief has
 * Check in and the handover Acknowledge (Action.Execute, handlers/routine.ts);
 * the post-shift report's Send (a form) is on Slack only for now.
 */
import type { RoutineRenderer } from '../../../features/routine/routine-view.ts';
import { t } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { briefText, handoverFlagText, handoverText, reportText } from '../../slack/blocks/routine-blocks.ts';
import { VERBS } from '../ids.ts';
import { execute, type CardElement } from './adaptive.ts';
import { textCard } from './text-card.ts';

/** A text card with one button. */
function withAction(payload: OutboxPayload, action: CardElement): OutboxPayload {
  return { ...payload, card: { ...payload.card, actions: [action] } };
}

export const teamsRoutineRenderer: RoutineRenderer = {
  brief: (locale, v) =>
    withAction(textCard(briefText(locale, v)), execute({ id: 'briefCheckIn', title: t(locale, 'routine.brief.check_in'), verb: VERBS.briefCheckIn, data: { teamId: v.teamId, date: v.date }, style: 'positive' })),
  reportDraft: (locale, v) => textCard(reportText(locale, v, false)),
  reportSent: (locale, v) => textCard(reportText(locale, v, true)),
  handoverIncoming: (locale, v) =>
    withAction(textCard(handoverText(locale, v)), execute({ id: 'handoverAcknowledge', title: t(locale, 'routine.handover.acknowledge'), verb: VERBS.handoverAcknowledge, data: { handoverId: v.id }, style: 'positive' })),
  handoverFlag: (locale, v) => textCard(handoverFlagText(locale, v)),
};
