/**
 * Pure Block Kit builders of the suggestion feature (SUGG-1..3): view-model in,
 * Slack JSON out. Snapshot-tested in test/channels/slack/suggestion-blocks.test.ts.
 */
import type { DigestView, Rendered, SubmitterEvent, SuggestionRenderer, SuggestionView } from '../../../features/suggestions/suggestion-view.ts';
import { ROLE_KEYS, type RoleKey } from '../../../policy/config/schema.ts';
import { SUGGESTION_SOURCES, TEXT_MAX, TITLE_MAX, type SuggestionSource } from '../../../policy/suggestions/index.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { SUGGESTION_ACTIONS, SUGGESTION_BLOCKS, SUGGESTION_VIEWS } from '../ids.ts';
import { input, mrkdwn, option, plain } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
/** The free-text element of a comment. */
const COMMENT = { type: 'plain_text_input' as const, multiline: true, max_length: TEXT_MAX };
/** Slack caps a modal title at 24 characters. */
const modalTitle = (text: string) => plain([...text].slice(0, 24).join(''));

export const sourceLabel = (l: Locale, source: SuggestionSource) => t(l, `suggestions.source.${source}` as MessageKey);
export const positionLabel = (l: Locale, role: string) =>
  (ROLE_KEYS as readonly string[]).includes(role) ? t(l, `suggestions.role.${role}` as MessageKey) : role;
export const statusLabel = (l: Locale, status: SuggestionView['status']) => t(l, `suggestions.status.${status}` as MessageKey);

/** SUGG-1: the `/suggest` modal; date, department, name and position are shown, filled from the org. */
export function suggestionModal(args: { locale: string; date: string; department: string; name: string; position: RoleKey }) {
  const l = loc(args.locale);
  const text = (block: string, label: string, o: { multiline?: boolean; optional?: true; max: number }) =>
    input(block, plain(label), { type: 'plain_text_input', multiline: o.multiline ?? false, max_length: o.max }, { optional: o.optional });
  return {
    type: 'modal' as const,
    callback_id: SUGGESTION_VIEWS.form,
    title: modalTitle(t(l, 'suggestions.modal.title')),
    submit: plain(t(l, 'suggestions.modal.submit')),
    close: plain(t(l, 'suggestions.modal.cancel')),
    blocks: [
      { type: 'context', elements: [mrkdwn(t(l, 'suggestions.modal.filled', { date: args.date, department: args.department, name: args.name, position: positionLabel(l, args.position) }))] },
      text(SUGGESTION_BLOCKS.title, t(l, 'suggestions.field.title'), { max: TITLE_MAX }),
      text(SUGGESTION_BLOCKS.currentPractice, t(l, 'suggestions.field.current_practice'), { multiline: true, max: TEXT_MAX }),
      text(SUGGESTION_BLOCKS.proposal, t(l, 'suggestions.field.proposal'), { multiline: true, max: TEXT_MAX }),
      text(SUGGESTION_BLOCKS.remarks, t(l, 'suggestions.field.remarks'), { multiline: true, optional: true, max: TEXT_MAX }),
      input(SUGGESTION_BLOCKS.source, plain(t(l, 'suggestions.field.source')), { type: 'static_select', options: SUGGESTION_SOURCES.map((s) => option(sourceLabel(l, s), s)) }),
    ],
  };
}

/** SUGG-2: the team leader's Return modal: a comment for the submitter. */
export function returnModal(args: { locale: string; id: number; channel: string | null }) {
  const l = loc(args.locale);
  return {
    type: 'modal' as const,
    callback_id: SUGGESTION_VIEWS.return,
    private_metadata: JSON.stringify({ id: args.id, channel: args.channel }),
    title: modalTitle(t(l, 'suggestions.return.title', { id: args.id })),
    submit: plain(t(l, 'suggestions.return.submit')),
    close: plain(t(l, 'suggestions.modal.cancel')),
    blocks: [
      input(SUGGESTION_BLOCKS.comment, plain(t(l, 'suggestions.return.comment')), COMMENT),
    ],
  };
}

/** SUGG-2: the center manager's Rate modal: grade, adopted or not, and if adopted an owner and a deadline. */
export function rateModal(args: { locale: string; id: number; title: string; grades: readonly string[]; today: string; channel: string | null }) {
  const l = loc(args.locale);
  return {
    type: 'modal' as const,
    callback_id: SUGGESTION_VIEWS.rate,
    private_metadata: JSON.stringify({ id: args.id, channel: args.channel }),
    title: modalTitle(t(l, 'suggestions.rate.title', { id: args.id })),
    submit: plain(t(l, 'suggestions.rate.submit')),
    close: plain(t(l, 'suggestions.modal.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(`*${t(l, 'suggestions.card.title', { id: args.id, title: escapeMrkdwn(args.title) })}*`) },
      input(SUGGESTION_BLOCKS.grade, plain(t(l, 'suggestions.rate.grade')), { type: 'static_select', options: args.grades.map((g) => option(g, g)) }),
      input(SUGGESTION_BLOCKS.adopted, plain(t(l, 'suggestions.rate.adopted')), {
        type: 'radio_buttons',
        options: [option(t(l, 'suggestions.rate.yes'), 'yes'), option(t(l, 'suggestions.rate.no'), 'no')],
      }),
      input(SUGGESTION_BLOCKS.owner, plain(t(l, 'suggestions.rate.owner')), { type: 'users_select' }, { optional: true }),
      input(SUGGESTION_BLOCKS.deadline, plain(t(l, 'suggestions.rate.deadline')), { type: 'datepicker', initial_date: args.today }, { optional: true }),
      input(SUGGESTION_BLOCKS.comment, plain(t(l, 'suggestions.rate.comment')), COMMENT, { optional: true }),
    ],
  };
}

/** What happened so far, one line per step taken (Slack emoji codes; Teams maps them). */
export function history(l: Locale, v: SuggestionView): string[] {
  const lines: string[] = [];
  const comment = (c: string | null) => (c ? ` — ${t(l, 'suggestions.card.comment', { comment: c })}` : '');
  if (v.reviewedAt && v.reviewer) {
    const key = v.status === 'returned' ? 'suggestions.card.returned_by' : 'suggestions.card.forwarded_by';
    lines.push(`${v.status === 'returned' ? ':leftwards_arrow_with_hook:' : ':arrow_right:'} ${t(l, key, { name: v.reviewer.name, at: v.reviewedAt })}${comment(v.reviewComment)}`);
  } else if (!v.reviewer && v.rater) {
    lines.push(`:arrow_right: ${t(l, 'suggestions.card.auto_forwarded')}`);
  }
  if (v.ratedAt && v.rater && v.grade) {
    const key = v.adopted ? 'suggestions.card.adopted_by' : 'suggestions.card.not_adopted_by';
    lines.push(`${v.adopted ? ':white_check_mark:' : ':x:'} ${t(l, key, { name: v.rater.name, at: v.ratedAt, grade: v.grade })}${comment(v.ratingComment)}`);
    if (v.adopted && v.owner && v.deadline) lines.push(t(l, 'suggestions.card.owner_deadline', { owner: v.owner.name, deadline: v.deadline }));
  }
  if (v.doneAt && v.owner) lines.push(`:tada: ${t(l, 'suggestions.card.done_by', { name: v.owner.name, at: v.doneAt })}${comment(v.doneNote)}`);
  return lines;
}

function body(l: Locale, v: SuggestionView): unknown[] {
  const title = t(l, 'suggestions.card.title', { id: v.id, title: v.title });
  const steps = history(l, v);
  return [
    { type: 'header', text: plain([...title].slice(0, 150).join('')) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*${t(l, 'suggestions.field.date')}*\n${v.submittedOn}`),
        mrkdwn(`*${t(l, 'suggestions.field.department')}*\n${escapeMrkdwn(v.department)}`),
        mrkdwn(`*${t(l, 'suggestions.field.name')}*\n${escapeMrkdwn(v.submitter.name)}`),
        mrkdwn(`*${t(l, 'suggestions.field.position')}*\n${positionLabel(l, v.position)}`),
        mrkdwn(`*${t(l, 'suggestions.field.source')}*\n${sourceLabel(l, v.source)}`),
        mrkdwn(`*${t(l, 'suggestions.field.status')}*\n${statusLabel(l, v.status)}`),
      ],
    },
    { type: 'section', text: mrkdwn(`*${t(l, 'suggestions.field.current_practice')}*\n${escapeMrkdwn(v.currentPractice)}`) },
    { type: 'section', text: mrkdwn(`*${t(l, 'suggestions.field.proposal')}*\n${escapeMrkdwn(v.proposal)}`) },
    ...(v.remarks ? [{ type: 'section', text: mrkdwn(`*${t(l, 'suggestions.field.remarks')}*\n${escapeMrkdwn(v.remarks)}`) }] : []),
    ...(steps.length ? [{ type: 'context', elements: steps.map((line) => mrkdwn(escapeMrkdwn(line))) }] : []),
  ];
}

const button = (actionId: string, text: string, id: number, style?: 'primary' | 'danger') => ({ type: 'button', action_id: actionId, text: plain(text), value: String(id), ...(style ? { style } : {}) });

function card(l: Locale, v: SuggestionView, actions: unknown[], extra: unknown[] = []): Rendered {
  const blocks = [...body(l, v), ...extra];
  if (actions.length) blocks.push({ type: 'actions', block_id: `suggestion_${v.id}`, elements: actions });
  return { text: `${t(l, 'suggestions.card.title', { id: v.id, title: v.title })} — ${v.submitter.name} (${statusLabel(l, v.status)})`, blocks };
}

export function reviewCard(v: SuggestionView, locale: string): Rendered {
  const l = loc(locale);
  return card(l, v, v.status === 'submitted' ? [button(SUGGESTION_ACTIONS.forward, t(l, 'suggestions.card.forward'), v.id, 'primary'), button(SUGGESTION_ACTIONS.return, t(l, 'suggestions.card.return'), v.id, 'danger')] : []);
}

export function ratingCard(v: SuggestionView, locale: string): Rendered {
  const l = loc(locale);
  return card(l, v, v.status === 'forwarded' ? [button(SUGGESTION_ACTIONS.rate, t(l, 'suggestions.card.rate'), v.id, 'primary')] : []);
}

export function ownerCard(v: SuggestionView, locale: string): Rendered {
  const l = loc(locale);
  const intro = v.status === 'adopted' && v.deadline ? [{ type: 'section', text: mrkdwn(`:pushpin: ${t(l, 'suggestions.card.owner_intro', { deadline: v.deadline })}`) }] : [];
  return card(l, v, v.status === 'adopted' ? [button(SUGGESTION_ACTIONS.done, t(l, 'suggestions.card.done'), v.id, 'primary')] : [], intro);
}

const notice = (text: string): Rendered => ({ text, blocks: [{ type: 'section', text: mrkdwn(escapeMrkdwn(text)) }] });

export function submitterNotice(v: SuggestionView, event: SubmitterEvent, locale: string): Rendered {
  const l = loc(locale);
  const base = { id: v.id, title: v.title };
  const withComment = (text: string, c: string | null) => (c ? `${text}\n${t(l, 'suggestions.card.comment', { comment: c })}` : text);
  switch (event) {
    case 'submitted':
      return notice(t(l, 'suggestions.notice.submitted', { ...base, name: v.reviewer?.name ?? v.rater?.name ?? '' }));
    case 'forwarded':
      return notice(withComment(t(l, 'suggestions.notice.forwarded', { ...base, name: v.reviewer?.name ?? '', rater: v.rater?.name ?? '' }), v.reviewComment));
    case 'returned':
      return notice(withComment(t(l, 'suggestions.notice.returned', { ...base, name: v.reviewer?.name ?? '' }), v.reviewComment));
    case 'adopted':
      return notice(withComment(t(l, 'suggestions.notice.adopted', { ...base, name: v.rater?.name ?? '', grade: v.grade ?? '', owner: v.owner?.name ?? '', deadline: v.deadline ?? '' }), v.ratingComment));
    case 'not_adopted':
      return notice(withComment(t(l, 'suggestions.notice.not_adopted', { ...base, name: v.rater?.name ?? '', grade: v.grade ?? '' }), v.ratingComment));
    case 'done':
      return notice(withComment(t(l, 'suggestions.notice.done', { ...base, owner: v.owner?.name ?? '' }), v.doneNote));
  }
}

export function digest(d: DigestView, locale: string): Rendered {
  const l = loc(locale);
  const line = (v: SuggestionView) => `• ${t(l, 'suggestions.digest.line', { id: v.id, title: v.title, name: v.submitter.name, date: v.submittedOn })}`;
  const parts = [`*${t(l, 'suggestions.digest.title')}*`];
  if (d.toReview.length) parts.push([t(l, 'suggestions.digest.to_review'), ...d.toReview.map(line)].join('\n'));
  if (d.toRate.length) parts.push([t(l, 'suggestions.digest.to_rate'), ...d.toRate.map(line)].join('\n'));
  return notice(parts.join('\n\n'));
}

export const slackSuggestionRenderer: SuggestionRenderer = {
  reviewCard,
  ratingCard,
  ownerCard,
  submitterNotice,
  ownerReminder: (v, locale) => notice(t(loc(locale), 'suggestions.reminder.owner', { id: v.id, title: v.title, deadline: v.deadline ?? '' })),
  overdueNotice: (v, locale) => notice(t(loc(locale), 'suggestions.reminder.overdue', { id: v.id, title: v.title, deadline: v.deadline ?? '', owner: v.owner?.name ?? '' })),
  digest,
};
