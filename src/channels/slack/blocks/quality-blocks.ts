/**
 * Pure Block Kit builders of PERF-9: the outbound manager's daily sampling
 * list (a Score button per sample), the score modal (the checklist, the
 * service-phrase blacklist as checkboxes) and the agent's score notice.
 */
import type { QaRenderer, QaSampleView, QaScoreView } from '../../../features/quality/qa-service.ts';
import { QA_CHECKLIST_KEYS, type Policy, type QaChecklistKey } from '../../../policy/config/schema.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { QUALITY_ACTIONS, QUALITY_BLOCKS, QUALITY_VIEWS } from '../ids.ts';
import { input, mrkdwn, option, plain } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'zh-CN');
/** Slack caps a checkboxes element at 10 options. */
const CHECKBOXES_MAX = 10;

/** A blacklist phrase as the reader reads it: zh-CN text, and in English its gloss beside it. */
export const phraseLabel = (l: Locale, b: { zh: string; en: string }) => (l === 'en' ? `${b.zh} (${b.en})` : b.zh);

export function samplingList(locale: string, v: { date: string; samples: QaSampleView[]; part: number; parts: number }) {
  const l = loc(locale);
  const title = `${t(l, 'quality.sampling.title', { date: v.date, count: v.samples.length })}${v.parts > 1 ? ` ${t(l, 'quality.sampling.part', { part: v.part, parts: v.parts })}` : ''}`;
  const line = (s: QaSampleView) => {
    const text = t(l, 'quality.sampling.line', { name: escapeMrkdwn(s.agentName), n: s.sampleNo, date: s.date });
    return s.score === null ? text : `${text} · ${t(l, 'quality.sampling.scored', { score: s.score })}`;
  };
  return {
    text: `${title}\n${v.samples.map((s) => t(l, 'quality.sampling.line', { name: s.agentName, n: s.sampleNo, date: s.date })).join('\n')}`,
    blocks: [
      { type: 'section', text: mrkdwn(`*${title}*`) },
      { type: 'context', elements: [mrkdwn(t(l, 'quality.sampling.how'))] },
      ...v.samples.map((s) => ({
        type: 'section',
        block_id: `qa_sample_${s.id}`,
        text: mrkdwn(line(s)),
        accessory: { type: 'button', action_id: QUALITY_ACTIONS.score, text: plain(t(l, 'quality.sampling.score_button')), value: String(s.id) },
      })),
    ],
  };
}

/** PERF-9: the score modal: each checklist item 0..its points, the blacklist phrases as checkboxes (in blocks of ten). */
export function scoreModal(args: { locale: string; policy: Policy; sample: QaSampleView & { points: Partial<Record<QaChecklistKey, number>>; blacklist: string[] }; channel: string | null }) {
  const l = loc(args.locale);
  const { checklist, blacklist, blacklistPenalty } = args.policy.perf.qa;
  const s = args.sample;
  const items = QA_CHECKLIST_KEYS.map((key) => {
    const options = Array.from({ length: checklist[key] + 1 }, (_, i) => option(String(i), String(i)));
    const previous = s.points[key];
    return input(QUALITY_BLOCKS.item(key), plain(t(l, `quality.checklist.${key}` as MessageKey, { max: checklist[key] })), {
      type: 'static_select',
      options,
      ...(previous !== undefined && previous <= checklist[key] ? { initial_option: option(String(previous), String(previous)) } : {}),
    });
  });
  const chunks: Array<typeof blacklist> = [];
  for (let i = 0; i < blacklist.length; i += CHECKBOXES_MAX) chunks.push(blacklist.slice(i, i + CHECKBOXES_MAX));
  const phrases = chunks.map((chunk, n) => {
    const options = chunk.map((b) => option(phraseLabel(l, b), b.id));
    const ticked = options.filter((o) => s.blacklist.includes(o.value));
    return input(
      QUALITY_BLOCKS.blacklist(n),
      plain(n === 0 ? t(l, 'quality.modal.blacklist', { penalty: blacklistPenalty }) : t(l, 'quality.modal.blacklist_more')),
      { type: 'checkboxes', options, ...(ticked.length ? { initial_options: ticked } : {}) },
      { optional: true },
    );
  });
  return {
    type: 'modal' as const,
    callback_id: QUALITY_VIEWS.score,
    private_metadata: JSON.stringify({ id: s.id, channel: args.channel }),
    title: plain(t(l, 'quality.modal.title')),
    submit: plain(t(l, 'quality.modal.submit')),
    close: plain(t(l, 'quality.modal.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(`*${t(l, 'quality.modal.intro', { name: escapeMrkdwn(s.agentName), date: s.date, n: s.sampleNo })}*`) },
      ...(s.score !== null ? [{ type: 'context', elements: [mrkdwn(t(l, 'quality.modal.rescore', { score: s.score }))] }] : []),
      ...items,
      ...phrases,
    ],
  };
}

export function agentScore(locale: string, v: QaScoreView) {
  const l = loc(locale);
  const lines = [t(l, 'quality.score.notice', { n: v.sampleNo, date: v.date, score: v.score, checklist: v.checklistScore, deduction: v.deduction, scorer: v.scorerName })];
  if (v.blacklist.length) lines.push(t(l, 'quality.score.phrases', { phrases: v.blacklist.map((b) => phraseLabel(l, b)).join('；') }));
  if (v.replaced !== null) lines.push(t(l, 'quality.score.replaced', { previous: v.replaced }));
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: mrkdwn(escapeMrkdwn(text)) }] };
}

export const slackQaRenderer: QaRenderer = { samplingList, agentScore };
