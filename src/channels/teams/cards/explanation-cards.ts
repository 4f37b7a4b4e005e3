/**
 * LATE-5 explanations and LATE-7 excuses on Teams, pure Adaptive Card builders:
 * the request with the explanation box and Explain (the employee's), the
 * approver's card with Accept / Reject (updated in place with the decision),
 * the employee's notice; the excuse form a manager opens from the tally.
 * The texts are the lateness messages Slack uses.
 */
import type { ExplanationRenderer, ExplanationView } from '../../../features/lateness/explanation-service.ts';
import { isLocale, segmentLabel, t, type Locale } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { LATENESS_INPUTS, VERBS } from '../ids.ts';
import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard } from './adaptive.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

function what(l: Locale, v: ExplanationView): string {
  return t(l, v.kind === 'late' ? 'explanation.what_late' : 'explanation.what_early', { name: v.employee.name, date: v.date, segment: segmentLabel(l, v.segment), minutes: v.minutes });
}

/** LATE-5: the employee is asked at once; the box and Explain send the explanation to their approver. `error` shows above the box. */
export function explanationRequestCard(v: ExplanationView, locale: string, error?: string): OutboxPayload & { card: AdaptiveCard } {
  const l = loc(locale);
  const text = t(l, 'explanation.request', { what: what(l, v) });
  const card = adaptiveCard(
    [
      heading(t(l, 'explanation.modal_title')),
      textBlock(text),
      ...(error ? [textBlock(error, { color: 'Attention', weight: 'Bolder' })] : []),
      { type: 'Input.Text', id: LATENESS_INPUTS.explanation, label: t(l, 'explanation.modal_label'), isMultiline: true, isRequired: true, maxLength: 1000 },
    ],
    [execute({ id: 'explanationSubmit', title: t(l, 'explanation.explain_button'), verb: VERBS.explanationSubmit, data: { explanationId: v.id }, style: 'positive' })],
    text,
  );
  return { text, card };
}

/** What the request turns into once explained: the explanation and who decides. */
export function explanationSentCard(v: ExplanationView, locale: string): AdaptiveCard {
  const l = loc(locale);
  return adaptiveCard([heading(t(l, 'explanation.modal_title')), textBlock(what(l, v)), textBlock(t(l, 'explanation.given', { text: v.text ?? '' })), textBlock(t(l, 'teams.explanation.sent'), { isSubtle: true })]);
}

/** The approver's card: the event and the explanation, Accept / Reject while undecided; the decision after. */
export function explanationApprovalCard(v: ExplanationView, locale: string): OutboxPayload & { card: AdaptiveCard } {
  const l = loc(locale);
  const lines = [what(l, v), t(l, 'explanation.given', { text: v.text ?? '' })];
  const decided = v.decidedBy ? t(l, v.status === 'accepted' ? 'explanation.accepted_by' : 'explanation.rejected_by', { name: v.decidedBy }) : null;
  const data = { explanationId: v.id };
  const actions =
    v.status === 'submitted'
      ? [
          execute({ id: 'explanationAccept', title: t(l, 'explanation.accept'), verb: VERBS.explanationAccept, data, style: 'positive' }),
          execute({ id: 'explanationReject', title: t(l, 'explanation.reject'), verb: VERBS.explanationReject, data, style: 'destructive' }),
        ]
      : [];
  const card = adaptiveCard(
    [
      heading(t(l, 'explanation.modal_title')),
      ...lines.map((x) => textBlock(x)),
      ...(decided ? [textBlock(`${v.status === 'accepted' ? '✔' : '✖'} ${decided}`, { weight: 'Bolder', color: v.status === 'accepted' ? 'Good' : 'Attention' })] : []),
    ],
    actions,
    lines[0],
  );
  return { text: [...lines, ...(decided ? [decided] : [])].join('\n'), card };
}

export const teamsExplanationRenderer: ExplanationRenderer = {
  request: explanationRequestCard,
  approvalCard: explanationApprovalCard,
  decided(v, locale) {
    const l = loc(locale);
    const text = t(l, v.status === 'accepted' ? 'explanation.told_accepted' : 'explanation.told_rejected', { what: what(l, v), name: v.decidedBy ?? '' });
    return { text, card: adaptiveCard([textBlock(text)]) };
  },
};

/** LATE-7: the excuse form a manager opens from the tally (reason required). `error` shows above the box. */
export function excuseFormCard(locale: string, target: { employeeId: string; date: string; name: string }, error?: string): AdaptiveCard {
  const l = loc(locale);
  return adaptiveCard(
    [
      heading(t(l, 'excuse.modal_title')),
      textBlock(t(l, 'excuse.modal_what', { name: target.name, date: target.date })),
      ...(error ? [textBlock(error, { color: 'Attention', weight: 'Bolder' })] : []),
      { type: 'Input.Text', id: LATENESS_INPUTS.excuseReason, label: t(l, 'excuse.modal_reason'), isMultiline: true, isRequired: true, maxLength: 500 },
    ],
    [execute({ id: 'excuseSubmit', title: t(l, 'excuse.modal_title'), verb: VERBS.excuseSubmit, data: { employeeId: target.employeeId, date: target.date }, style: 'positive' })],
  );
}

/** LATE-7: the form once the excuse is stored. */
export const excusedCard = (locale: string, done: { name: string; date: string; reason: string }): AdaptiveCard =>
  adaptiveCard([heading(t(loc(locale), 'excuse.modal_title')), textBlock(`✔ ${t(loc(locale), 'excuse.done', done)}`, { color: 'Good' })]);

/** LATE-7: the Excuse button of a person's line on the tally. */
export const excuseButton = (locale: string, target: { employeeId: string; date: string }) =>
  ({ type: 'ActionSet', actions: [execute({ id: `excuse-${target.employeeId}`, title: t(loc(locale), 'tally.excuse_button'), verb: VERBS.excuseForm, data: target })] });
