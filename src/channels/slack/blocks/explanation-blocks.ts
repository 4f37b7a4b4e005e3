/** Pure Block Kit builders of LATE-5 explanations. */
import type { ExplanationRenderer, ExplanationView } from '../../../features/lateness/explanation-service.ts';
import { isLocale, segmentLabel, t, type Locale } from '../../../shared/i18n/index.ts';
import { ACTIONS, LEAVE_BLOCKS, VIEWS } from '../ids.ts';
import { input, plain } from './kit.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

function what(l: Locale, v: ExplanationView): string {
  return t(l, v.kind === 'late' ? 'explanation.what_late' : 'explanation.what_early', { name: v.employee.name, date: v.date, segment: segmentLabel(l, v.segment), minutes: v.minutes });
}

export function explanationModal(locale: string, id: number) {
  const l = loc(locale);
  return {
    type: 'modal' as const,
    callback_id: VIEWS.explanation,
    private_metadata: String(id),
    title: plain(t(l, 'explanation.modal_title')),
    submit: plain(t(l, 'leave.modal.submit')),
    close: plain(t(l, 'leave.modal.cancel')),
    blocks: [
      input(LEAVE_BLOCKS.explanationText, plain(t(l, 'explanation.modal_label')), { type: 'plain_text_input', multiline: true, max_length: 1000 }),
    ],
  };
}

export const slackExplanationRenderer: ExplanationRenderer = {
  request(v, locale) {
    const l = loc(locale);
    const text = t(l, 'explanation.request', { what: what(l, v) });
    return {
      text,
      blocks: [section(text), { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.explain, style: 'primary', text: plain(t(l, 'explanation.explain_button')), value: String(v.id) }] }],
    };
  },
  approvalCard(v, locale) {
    const l = loc(locale);
    const text = `${what(l, v)}\n${t(l, 'explanation.given', { text: v.text ?? '' })}`;
    const blocks: unknown[] = [section(text)];
    if (v.status === 'submitted') {
      blocks.push({
        type: 'actions',
        elements: [
          { type: 'button', action_id: ACTIONS.explanationAccept, style: 'primary', text: plain(t(l, 'explanation.accept')), value: String(v.id) },
          { type: 'button', action_id: ACTIONS.explanationReject, style: 'danger', text: plain(t(l, 'explanation.reject')), value: String(v.id) },
        ],
      });
    } else if (v.decidedBy) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t(l, v.status === 'accepted' ? 'explanation.accepted_by' : 'explanation.rejected_by', { name: v.decidedBy }) }] });
    }
    return { text, blocks };
  },
  decided(v, locale) {
    const l = loc(locale);
    const text = t(l, v.status === 'accepted' ? 'explanation.told_accepted' : 'explanation.told_rejected', { what: what(l, v), name: v.decidedBy ?? '' });
    return { text, blocks: [section(text)] };
  },
};
