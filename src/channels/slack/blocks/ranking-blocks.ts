/**
 * Pure Block Kit builders of the month-end ranking (PERF-7, PERF-8): the
 * channel post (rank, name, score per role; no money), each employee's own
 * score with every line, and the interview list.
 */
import { rankingChartPng } from '../../../features/charts/ranking-chart.ts';
import type { MonthEndRenderer } from '../../../features/performance/month-end.ts';
import { lineEffect } from '../../../features/performance/ranking.ts';
import type { ScoreLine } from '../../../policy/performance/month.ts';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text: text.slice(0, 150), emoji: true } });

export const roleLabel = (locale: Locale, role: string) => t(locale, `performance.role.${role}` as MessageKey);

/** A line in the reader's words: `performance.line.<kind>`, KPI names and causes translated. */
export function lineDescription(locale: Locale, line: ScoreLine): string {
  const p = { ...line.params };
  if (line.kind === 'complaint-kpi' || line.kind === 'complaint-miss') p.kpi = t(locale, `performance.kpi.${String(p.kpi)}` as MessageKey);
  if (line.kind === 'complaint-miss') p.cause = t(locale, `performance.cause.${String(p.cause)}` as MessageKey);
  if (line.kind === 'shortfall' && p.filed === 'no') return t(locale, 'performance.line.not_filed', p);
  return t(locale, `performance.line.${line.kind}` as MessageKey, p);
}

export function lineText(locale: Locale, line: ScoreLine): string {
  const params = { rule: line.ruleId, effect: lineEffect(line.points), description: lineDescription(locale, line) };
  return line.date ? t(locale, 'performance.ranking.own_line_dated', { ...params, date: line.date }) : t(locale, 'performance.ranking.own_line', params);
}

export const slackRankingRenderer: MonthEndRenderer = {
  channel({ month, rankings, rewards, locale }) {
    const title = t(locale, 'performance.ranking.title', { month });
    const parts = rankings.map((r) =>
      [`*${t(locale, 'performance.ranking.role_title', { role: roleLabel(locale, r.role) })}*`, ...r.rows.map((row) => t(locale, 'performance.ranking.row', { rank: row.rank, name: row.name, score: row.score }))].join('\n'),
    );
    const body = parts.length ? parts : [t(locale, 'performance.ranking.empty')];
    // SUGG-3: the suggestions adopted the month before, for reward.
    if (rewards.length > 0) {
      body.push(
        [
          `*${t(locale, 'performance.ranking.rewards_title', { month: rewards[0]!.adoptedOn.slice(0, 7) })}*`,
          ...rewards.map((s) => t(locale, 'performance.ranking.reward_row', { id: s.id, title: escapeMrkdwn(s.title), name: s.submitterName, grade: s.grade })),
        ].join('\n'),
      );
    }
    return { text: [title, ...body].join('\n\n'), blocks: [header(title), ...body.map((b) => section(b.slice(0, 3000)))] };
  },
  own({ month, row, rankedIn, locale }) {
    const title = t(locale, 'performance.ranking.own_title', { month, score: row.score, rank: row.rank, of: rankedIn });
    const lines = row.lines.length ? row.lines.map((l) => `• ${lineText(locale, l)}`) : [t(locale, 'performance.ranking.no_lines')];
    // Slack: at most 3000 characters a section; a long month is split.
    const chunks: string[] = [];
    for (const line of lines) {
      const last = chunks[chunks.length - 1];
      if (last !== undefined && last.length + line.length + 1 <= 2900) chunks[chunks.length - 1] = `${last}\n${line}`;
      else chunks.push(line);
    }
    return { text: [title, ...lines].join('\n'), blocks: [section(`*${title}*`), ...chunks.slice(0, 45).map(section)] };
  },
  interview({ month, flagged, locale }) {
    const title = t(locale, 'performance.interview.title', { month });
    const rows = flagged.map((f) => t(locale, 'performance.interview.row', { name: f.name, role: roleLabel(locale, f.role), months: f.months }));
    return { text: [title, ...rows].join('\n'), blocks: [section(`*${title}*`), section(rows.join('\n'))] };
  },
  chart({ month, rankings, locale }) {
    // A PNG rendered on the server, shared as a file in the rankings channel after the post.
    const title = t(locale, 'dashboard.chart.ranking_file_title', { month });
    const png = rankingChartPng(month, rankings, locale);
    return { text: title, file: { filename: `ranking-${month}.png`, title, contentBase64: png.toString('base64'), altText: t(locale, 'dashboard.chart.ranking_title', { month }) } };
  },
};
