/**
 * PERF-7, PERF-8 on Teams: the month-end ranking post (rank, name, score per
 * role; no money; SUGG-3 rewards), each employee's own score with every line,
 * and the interview list. The texts are Slack's (the reader's words of each
 * score line); only the layout is the card's. Pure.
 */
import type { MonthEndRenderer } from '../../../features/performance/month-end.ts';
import { t } from '../../../shared/i18n/index.ts';
import { lineText, roleLabel } from '../../slack/blocks/ranking-blocks.ts';
import { rankingChartPng } from '../../../features/charts/ranking-chart.ts';
import { adaptiveCard, container, heading, textBlock } from './adaptive.ts';

export const teamsRankingRenderer: MonthEndRenderer = {
  channel({ month, rankings, rewards, locale }) {
    const title = t(locale, 'performance.ranking.title', { month });
    const sections = rankings.map((r) => ({
      head: t(locale, 'performance.ranking.role_title', { role: roleLabel(locale, r.role) }),
      rows: r.rows.map((row) => t(locale, 'performance.ranking.row', { rank: row.rank, name: row.name, score: row.score })),
    }));
    if (sections.length === 0) sections.push({ head: t(locale, 'performance.ranking.empty'), rows: [] });
    if (rewards.length > 0) {
      sections.push({
        head: t(locale, 'performance.ranking.rewards_title', { month: rewards[0]!.adoptedOn.slice(0, 7) }),
        rows: rewards.map((s) => t(locale, 'performance.ranking.reward_row', { id: s.id, title: s.title, name: s.submitterName, grade: s.grade })),
      });
    }
    const text = [title, ...sections.map((s) => [s.head, ...s.rows].join('\n'))].join('\n\n');
    const body = sections.map((s) => container([textBlock(s.head, { weight: 'Bolder' }), ...(s.rows.length ? [textBlock(s.rows.join('\n\n'), { spacing: 'None' })] : [])], { separator: true }));
    // The ranking chart rendered on the server, inline in the card (a data URI: Teams fetches no URL of ours).
    const chart = rankings.some((r) => r.rows.length > 0)
      ? [{ type: 'Image', url: `data:image/png;base64,${rankingChartPng(month, rankings, locale).toString('base64')}`, altText: t(locale, 'dashboard.chart.ranking_title', { month }), size: 'Stretch' }]
      : [];
    return { text, card: adaptiveCard([heading(title), ...chart, ...body]) };
  },
  own({ month, row, rankedIn, locale }) {
    const title = t(locale, 'performance.ranking.own_title', { month, score: row.score, rank: row.rank, of: rankedIn });
    const lines = row.lines.length ? row.lines.map((l) => `• ${lineText(locale, l)}`) : [t(locale, 'performance.ranking.no_lines')];
    // One TextBlock a line, at most 98, the rest in the last one.
    const blocks = lines.length > 98 ? [...lines.slice(0, 97), lines.slice(97).join('\n\n')] : lines;
    return { text: [title, ...lines].join('\n'), card: adaptiveCard([heading(title), ...blocks.map((l) => textBlock(l, { spacing: 'Small' }))]) };
  },
  interview({ month, flagged, locale }) {
    const title = t(locale, 'performance.interview.title', { month });
    const rows = flagged.map((f) => t(locale, 'performance.interview.row', { name: f.name, role: roleLabel(locale, f.role), months: f.months }));
    return { text: [title, ...rows].join('\n'), card: adaptiveCard([heading(title), ...rows.map((r) => textBlock(r))]) };
  },
};
