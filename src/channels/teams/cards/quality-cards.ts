/**
 * PERF-9 on Teams: the outbound manager's daily sampling list (text: the
 * scoring form is on Slack) and the agent's score notice, as text cards. Pure.
 */
import type { QaRenderer } from '../../../features/quality/qa-service.ts';
import { isLocale, t, type Locale } from '../../../shared/i18n/index.ts';
import { agentScore } from '../../slack/blocks/quality-blocks.ts';
import { textCard } from './text-card.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');

export const teamsQaRenderer: QaRenderer = {
  samplingList(locale, v) {
    const l = loc(locale);
    const title = `${t(l, 'quality.sampling.title', { date: v.date, count: v.samples.length })}${v.parts > 1 ? ` ${t(l, 'quality.sampling.part', { part: v.part, parts: v.parts })}` : ''}`;
    const lines = v.samples.map((s) => `• ${t(l, 'quality.sampling.line', { name: s.agentName, n: s.sampleNo, date: s.date })}${s.score === null ? '' : ` · ${t(l, 'quality.sampling.scored', { score: s.score })}`}`);
    return textCard([title, t(l, 'quality.sampling.how'), ...lines, t(l, 'quality.sampling.score_on_slack')].join('\n'));
  },
  agentScore(locale, v) {
    return textCard(agentScore(locale, v).text);
  },
};
