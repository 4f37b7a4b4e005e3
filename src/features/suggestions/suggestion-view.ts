/**
 * View-models of the suggestion feature: plain data that every channel renders
 * (Slack Block Kit in src/channels/slack/blocks/suggestion-blocks.ts).
 */
import type { RoleKey } from '../../policy/config/schema.ts';
import type { SuggestionSource, SuggestionStatus } from '../../policy/suggestions/index.ts';

export interface SuggestionView {
  id: number;
  /** SUGG-1: the form, with the part filled from the org. */
  title: string;
  currentPractice: string;
  proposal: string;
  remarks: string;
  source: SuggestionSource;
  submittedOn: string;
  submitter: { id: string; name: string };
  department: string;
  position: RoleKey;
  status: SuggestionStatus;
  /** SUGG-2 steps so far; instants are ISO strings in the center's zone. */
  reviewer: { name: string } | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  rater: { name: string } | null;
  ratedAt: string | null;
  grade: string | null;
  adopted: boolean | null;
  ratingComment: string | null;
  owner: { name: string } | null;
  deadline: string | null;
  doneAt: string | null;
  doneNote: string | null;
}

export interface Rendered {
  text: string;
  blocks?: unknown[];
}

/** What the submitter is told at each step. */
export type SubmitterEvent = 'submitted' | 'forwarded' | 'returned' | 'adopted' | 'not_adopted' | 'done';

/** A reviewer's weekly list (SUGG-2). */
export interface DigestView {
  toReview: SuggestionView[];
  toRate: SuggestionView[];
}

/** What a channel provides to turn suggestion view-models into messages. */
export interface SuggestionRenderer {
  /** The team leader's card: Forward / Return while submitted; the decision after. */
  reviewCard(view: SuggestionView, locale: string): Rendered;
  /** The center manager's card: Rate while forwarded; the rating after. */
  ratingCard(view: SuggestionView, locale: string): Rendered;
  /** The owner's card: Mark done while adopted; done after. */
  ownerCard(view: SuggestionView, locale: string): Rendered;
  submitterNotice(view: SuggestionView, event: SubmitterEvent, locale: string): Rendered;
  ownerReminder(view: SuggestionView, locale: string): Rendered;
  overdueNotice(view: SuggestionView, locale: string): Rendered;
  digest(view: DigestView, locale: string): Rendered;
}
