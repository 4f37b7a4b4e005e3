/**
 * SUGG-1..3 on Teams: the suggestion form (the counterpart of Slack's /suggest
 * modal), the team leader's card (Forward / Return), the center manager's card
 * (Rate), the owner's card (Mark done), each showing the steps taken once
 * decided; the Return and Rate forms; the submitter's notices; the owner's
 * deadline reminder, the overdue notice and the weekly digest as text cards.
 * The texts are Slack's (the suggestions area's i18n messages and its history
 * lines); only the layout is the card's. Pure.
 */
import type { Rendered, SuggestionRenderer, SuggestionView } from '../../../features/suggestions/suggestion-view.ts';
import type { SuggestionJobRenderer } from '../../../features/suggestions/suggestion-service.ts';
import type { RoleKey } from '../../../policy/config/schema.ts';
import { SUGGESTION_SOURCES, TEXT_MAX, TITLE_MAX } from '../../../policy/suggestions/index.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import { history, positionLabel, slackSuggestionRenderer, sourceLabel, statusLabel } from '../../slack/blocks/suggestion-blocks.ts';
import { SUGGESTION_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, execute, factSet, heading, textBlock, type AdaptiveCard, type CardElement } from './adaptive.ts';
import { problemsBanner, withError, type FormErrors } from './form.ts';
import { teamsTextOf } from './text-card.ts';

/** A card message of the use case (Rendered) with its Adaptive Card. */
export type TeamsRendered = Rendered & { card: AdaptiveCard };

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

/** Slack's emoji codes of the history lines, as the characters Teams shows. */
const EMOJI: Record<string, string> = { ':leftwards_arrow_with_hook:': '↩️', ':arrow_right:': '➡️', ':white_check_mark:': '✅', ':x:': '❌', ':tada:': '🎉', ':pushpin:': '📌' };
const emoji = (line: string) => line.replace(/:[a-z_]+:/g, (code) => EMOJI[code] ?? code);

/** What the submitter typed, to show the form again with it after a refusal. */
export type SuggestionFormValues = Partial<Record<'title' | 'currentPractice' | 'proposal' | 'remarks' | 'source', string>>;

/** SUGG-1: the form; date, department, name and position are shown, filled from the org. */
export function suggestionFormCard(args: { locale: string; date: string; department: string; name: string; position: RoleKey; values?: SuggestionFormValues; errors?: FormErrors }): AdaptiveCard {
  const l = loc(args.locale);
  const v = args.values ?? {};
  const text = (id: string, label: Parameters<typeof t>[1], value: string | undefined, o: { multiline?: boolean; optional?: boolean; max: number }) =>
    withError(args.errors, {
      type: 'Input.Text',
      id,
      label: t(l, label),
      maxLength: o.max,
      ...(o.multiline ? { isMultiline: true } : {}),
      ...(o.optional ? {} : { isRequired: true }),
      ...(value ? { value } : {}),
    });
  return adaptiveCard(
    [
      heading(t(l, 'suggestions.modal.title')),
      textBlock(t(l, 'suggestions.modal.filled', { date: args.date, department: args.department, name: args.name, position: positionLabel(l, args.position) }), { isSubtle: true, size: 'Small' }),
      ...problemsBanner(l, args.errors),
      ...text(SUGGESTION_INPUTS.title, 'suggestions.field.title', v.title, { max: TITLE_MAX }),
      ...text(SUGGESTION_INPUTS.currentPractice, 'suggestions.field.current_practice', v.currentPractice, { multiline: true, max: TEXT_MAX }),
      ...text(SUGGESTION_INPUTS.proposal, 'suggestions.field.proposal', v.proposal, { multiline: true, max: TEXT_MAX }),
      ...text(SUGGESTION_INPUTS.remarks, 'suggestions.field.remarks', v.remarks, { multiline: true, optional: true, max: TEXT_MAX }),
      ...withError(args.errors, {
        type: 'Input.ChoiceSet',
        id: SUGGESTION_INPUTS.source,
        label: t(l, 'suggestions.field.source'),
        style: 'compact',
        isRequired: true,
        choices: SUGGESTION_SOURCES.map((s) => ({ title: sourceLabel(l, s), value: s })),
        ...(v.source ? { value: v.source } : {}),
      }),
    ],
    [execute({ id: 'suggestionSubmit', title: t(l, 'suggestions.modal.submit'), verb: VERBS.suggestionSubmit, style: 'positive' })],
    t(l, 'suggestions.modal.title'),
  );
}

/** The suggestion itself and the steps taken so far (every card shows it). */
function body(l: Locale, v: SuggestionView): CardElement[] {
  const steps = history(l, v).map(emoji);
  return [
    heading(t(l, 'suggestions.card.title', { id: v.id, title: v.title })),
    factSet([
      [t(l, 'suggestions.field.date'), v.submittedOn],
      [t(l, 'suggestions.field.department'), v.department],
      [t(l, 'suggestions.field.name'), v.submitter.name],
      [t(l, 'suggestions.field.position'), positionLabel(l, v.position)],
      [t(l, 'suggestions.field.source'), sourceLabel(l, v.source)],
      [t(l, 'suggestions.field.status'), statusLabel(l, v.status)],
    ]),
    textBlock(`**${t(l, 'suggestions.field.current_practice')}**`),
    textBlock(v.currentPractice, { spacing: 'None' }),
    textBlock(`**${t(l, 'suggestions.field.proposal')}**`),
    textBlock(v.proposal, { spacing: 'None' }),
    ...(v.remarks ? [textBlock(`**${t(l, 'suggestions.field.remarks')}**`), textBlock(v.remarks, { spacing: 'None' })] : []),
    ...steps.map((line, i) => textBlock(line, { isSubtle: true, size: 'Small', spacing: 'Small', ...(i === 0 ? { separator: true } : {}) })),
  ];
}

function card(l: Locale, v: SuggestionView, actions: CardElement[], extra: CardElement[] = []): TeamsRendered {
  const text = `${t(l, 'suggestions.card.title', { id: v.id, title: v.title })} — ${v.submitter.name} (${statusLabel(l, v.status)})`;
  return { text, card: adaptiveCard([...body(l, v), ...extra], actions, text) };
}

const data = (v: SuggestionView) => ({ id: v.id });

/** SUGG-2: the team leader's card: Forward / Return while submitted; the decision after. */
export function teamsReviewCard(v: SuggestionView, locale: string): TeamsRendered {
  const l = loc(locale);
  return card(
    l,
    v,
    v.status === 'submitted'
      ? [
          execute({ id: 'suggestionForward', title: t(l, 'suggestions.card.forward'), verb: VERBS.suggestionForward, data: data(v), style: 'positive' }),
          execute({ id: 'suggestionReturn', title: t(l, 'suggestions.card.return'), verb: VERBS.suggestionReturn, data: data(v), style: 'destructive' }),
        ]
      : [],
  );
}

/** SUGG-2: the center manager's card: Rate while forwarded; the rating after. */
export function teamsRatingCard(v: SuggestionView, locale: string): TeamsRendered {
  const l = loc(locale);
  return card(l, v, v.status === 'forwarded' ? [execute({ id: 'suggestionRate', title: t(l, 'suggestions.card.rate'), verb: VERBS.suggestionRate, data: data(v), style: 'positive' })] : []);
}

/** SUGG-2: the owner's card: Mark done while adopted; done after. */
export function teamsOwnerCard(v: SuggestionView, locale: string): TeamsRendered {
  const l = loc(locale);
  const intro = v.status === 'adopted' && v.deadline ? [textBlock(`📌 ${t(l, 'suggestions.card.owner_intro', { deadline: v.deadline })}`, { weight: 'Bolder' })] : [];
  return card(l, v, v.status === 'adopted' ? [execute({ id: 'suggestionDone', title: t(l, 'suggestions.card.done'), verb: VERBS.suggestionDone, data: data(v), style: 'positive' })] : [], intro);
}

/** SUGG-2: the team leader's Return form, in place of the card: a comment for the submitter. */
export function returnFormCard(args: { locale: string; view: SuggestionView; comment?: string; errors?: FormErrors }): AdaptiveCard {
  const l = loc(args.locale);
  return adaptiveCard(
    [
      ...body(l, args.view),
      ...problemsBanner(l, args.errors),
      ...withError(args.errors, {
        type: 'Input.Text',
        id: SUGGESTION_INPUTS.comment,
        label: t(l, 'suggestions.return.comment'),
        isMultiline: true,
        isRequired: true,
        maxLength: TEXT_MAX,
        ...(args.comment ? { value: args.comment } : {}),
      }),
    ],
    [execute({ id: 'suggestionReturnSubmit', title: t(l, 'suggestions.return.submit'), verb: VERBS.suggestionReturnSubmit, data: data(args.view), style: 'destructive' })],
    t(l, 'suggestions.return.title', { id: args.view.id }),
  );
}

/** What was chosen in the Rate form, to show it again after a refusal. */
export type RateFormValues = Partial<Record<'grade' | 'adopted' | 'ownerId' | 'deadline' | 'comment', string>>;

/**
 * SUGG-2: the center manager's Rate form, in place of the card: grade, adopted
 * or not, and if adopted an owner and a deadline. The owner is a choice of the
 * active employees when there are at most 100 (`owners`), else an employee id.
 */
export function rateFormCard(args: {
  locale: string;
  view: SuggestionView;
  grades: readonly string[];
  today: string;
  owners?: ReadonlyArray<{ id: string; name: string }>;
  values?: RateFormValues;
  errors?: FormErrors;
}): AdaptiveCard {
  const l = loc(args.locale);
  const v = args.values ?? {};
  const owners = args.owners ?? [];
  const owner =
    owners.length > 0 && owners.length <= 100
      ? {
          type: 'Input.ChoiceSet',
          id: SUGGESTION_INPUTS.ownerId,
          label: t(l, 'suggestions.rate.owner'),
          style: 'filtered',
          choices: owners.map((e) => ({ title: `${e.name} (${e.id})`, value: e.id })),
          ...(v.ownerId ? { value: v.ownerId } : {}),
        }
      : { type: 'Input.Text', id: SUGGESTION_INPUTS.ownerId, label: t(l, 'teams.suggestion.owner_id'), maxLength: 64, ...(v.ownerId ? { value: v.ownerId } : {}) };
  return adaptiveCard(
    [
      ...body(l, args.view),
      ...problemsBanner(l, args.errors),
      ...withError(args.errors, {
        type: 'Input.ChoiceSet',
        id: SUGGESTION_INPUTS.grade,
        label: t(l, 'suggestions.rate.grade'),
        style: 'compact',
        isRequired: true,
        choices: args.grades.map((g) => ({ title: g, value: g })),
        ...(v.grade ? { value: v.grade } : {}),
      }),
      ...withError(args.errors, {
        type: 'Input.ChoiceSet',
        id: SUGGESTION_INPUTS.adopted,
        label: t(l, 'suggestions.rate.adopted'),
        style: 'expanded',
        isRequired: true,
        choices: [
          { title: t(l, 'suggestions.rate.yes'), value: 'yes' },
          { title: t(l, 'suggestions.rate.no'), value: 'no' },
        ],
        ...(v.adopted ? { value: v.adopted } : {}),
      }),
      ...withError(args.errors, owner),
      ...withError(args.errors, { type: 'Input.Date', id: SUGGESTION_INPUTS.deadline, label: t(l, 'suggestions.rate.deadline'), value: v.deadline || args.today }),
      ...withError(args.errors, { type: 'Input.Text', id: SUGGESTION_INPUTS.comment, label: t(l, 'suggestions.rate.comment'), isMultiline: true, maxLength: TEXT_MAX, ...(v.comment ? { value: v.comment } : {}) }),
    ],
    [execute({ id: 'suggestionRateSubmit', title: t(l, 'suggestions.rate.submit'), verb: VERBS.suggestionRateSubmit, data: data(args.view), style: 'positive' })],
    t(l, 'suggestions.rate.title', { id: args.view.id }),
  );
}

/** What the filed form turns into: the suggestion as filed, and to whom it went. */
export function suggestionFiledCard(v: SuggestionView, locale: string): AdaptiveCard {
  const l = loc(locale);
  const notice = slackSuggestionRenderer.submitterNotice(v, 'submitted', l).text;
  return adaptiveCard([textBlock(notice, { weight: 'Bolder' }), ...body(l, v)]);
}

/** SUGG-2 jobs on Teams: the owner's deadline reminder, the overdue notice and the weekly digest as text cards (no button). */
export const teamsSuggestionJobRenderer: SuggestionJobRenderer = {
  ownerReminder: (view, locale) => teamsTextOf(slackSuggestionRenderer.ownerReminder(view, locale)),
  overdueNotice: (view, locale) => teamsTextOf(slackSuggestionRenderer.overdueNotice(view, locale)),
  digest: (view, locale) => teamsTextOf(slackSuggestionRenderer.digest(view, locale)),
};

/** The suggestion use case's messages on Teams: the three cards with their buttons, the rest as text cards. */
export const teamsSuggestionRenderer: SuggestionRenderer = {
  reviewCard: teamsReviewCard,
  ratingCard: teamsRatingCard,
  ownerCard: teamsOwnerCard,
  submitterNotice: (view, event, locale) => teamsTextOf(slackSuggestionRenderer.submitterNotice(view, event, locale)),
  ...teamsSuggestionJobRenderer,
};
