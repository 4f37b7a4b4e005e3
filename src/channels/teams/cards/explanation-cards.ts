/**
 * LATE-5 explanations on Teams, for now as plain text: the request says that an
 * explanation is needed and that it cannot be written on Teams yet (the form
 * comes with the lateness port), so that nobody is left waiting for a button.
 */
import type { ExplanationRenderer, ExplanationView } from '../../../features/lateness/explanation-service.ts';
import { isLocale, segmentLabel, t, type Locale } from '../../../shared/i18n/index.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

function what(l: Locale, v: ExplanationView): string {
  return t(l, v.kind === 'late' ? 'explanation.what_late' : 'explanation.what_early', { name: v.employee.name, date: v.date, segment: segmentLabel(l, v.segment), minutes: v.minutes });
}

export const teamsExplanationRenderer: ExplanationRenderer = {
  request(v, locale) {
    const l = loc(locale);
    return { text: `${t(l, 'explanation.request', { what: what(l, v) })}\n${t(l, 'teams.explanation_not_yet')}` };
  },
  approvalCard(v, locale) {
    const l = loc(locale);
    const lines = [what(l, v), t(l, 'explanation.given', { text: v.text ?? '' })];
    if (v.decidedBy) lines.push(t(l, v.status === 'accepted' ? 'explanation.accepted_by' : 'explanation.rejected_by', { name: v.decidedBy }));
    return { text: lines.join('\n') };
  },
  decided(v, locale) {
    const l = loc(locale);
    return { text: t(l, v.status === 'accepted' ? 'explanation.told_accepted' : 'explanation.told_rejected', { what: what(l, v), name: v.decidedBy ?? '' }) };
  },
};
