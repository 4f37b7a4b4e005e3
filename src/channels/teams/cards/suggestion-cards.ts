/**
 * SUGG-2 on Teams: the owner's deadline reminder, the overdue notice and the
 * weekly digest as text cards (they read as on Slack; none has a button). The
 * suggestion cards with buttons are not on Teams yet. Pure.
 */
import type { SuggestionJobRenderer } from '../../../features/suggestions/suggestion-service.ts';
import { slackSuggestionRenderer } from '../../slack/blocks/suggestion-blocks.ts';
import { teamsTextOf } from './text-card.ts';

export const teamsSuggestionJobRenderer: SuggestionJobRenderer = {
  ownerReminder: (view, locale) => teamsTextOf(slackSuggestionRenderer.ownerReminder(view, locale)),
  overdueNotice: (view, locale) => teamsTextOf(slackSuggestionRenderer.overdueNotice(view, locale)),
  digest: (view, locale) => teamsTextOf(slackSuggestionRenderer.digest(view, locale)),
};
