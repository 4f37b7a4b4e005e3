/**
 * Issue 11 routine on Teams: the brief, the post-shift report and the
 * handover messages as text cards (the same text as on Slack). The buttons
 * (brief check-in, report send, handover acknowledge) are on Slack only for now.
 */
import type { RoutineRenderer } from '../../../features/routine/routine-view.ts';
import { briefText, handoverFlagText, handoverText, reportText } from '../../slack/blocks/routine-blocks.ts';
import { textCard } from './text-card.ts';

export const teamsRoutineRenderer: RoutineRenderer = {
  brief: (locale, v) => textCard(briefText(locale, v)),
  reportDraft: (locale, v) => textCard(reportText(locale, v, false)),
  reportSent: (locale, v) => textCard(reportText(locale, v, true)),
  handoverIncoming: (locale, v) => textCard(handoverText(locale, v)),
  handoverFlag: (locale, v) => textCard(handoverFlagText(locale, v)),
};
