/**
 * The month's ranking (PERF-7) as a bar chart: one bar per ranked employee
 * (score), best first, roles one after another. Drawn on the dashboard and,
 * as a PNG, attached to the month-end ranking post on Slack and Teams.
 */
import { t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';
import { barChartHeight, barChartOption, renderSvg, svgToPng, type ChartOption } from './charts.ts';

/** Bars per role at most: a large center's image stays readable (the text post lists everyone). */
export const RANKING_CHART_TOP = 30;

/** What the chart reads of a month's ranking (`RoleRanking[]` fits). */
export type RankedRoles = ReadonlyArray<{ role: string; rows: ReadonlyArray<{ rank: number; name: string; score: number }> }>;

export interface RankingChart {
  option: ChartOption;
  width: number;
  height: number;
  /** The bars' labels, top to bottom (`rank. name`, with the role when several roles are ranked). */
  labels: string[];
  scores: number[];
}

export function rankingChart(month: string, rankings: RankedRoles, locale: Locale): RankingChart {
  const several = rankings.length > 1;
  const labels: string[] = [];
  const scores: number[] = [];
  let cut = false;
  for (const r of rankings) {
    const role = t(locale, `performance.role.${r.role}` as MessageKey);
    for (const row of r.rows.slice(0, RANKING_CHART_TOP)) {
      labels.push(several ? `${role} · ${row.rank}. ${row.name}` : `${row.rank}. ${row.name}`);
      scores.push(row.score);
    }
    cut ||= r.rows.length > RANKING_CHART_TOP;
  }
  const option = barChartOption({
    title: t(locale, 'dashboard.chart.ranking_title', { month }),
    ...(cut ? { subtitle: t(locale, 'dashboard.chart.ranking_top', { top: RANKING_CHART_TOP }) } : {}),
    labels,
    values: scores,
    valueName: t(locale, 'dashboard.chart.score'),
  });
  return { option, width: 800, height: barChartHeight(labels.length), labels, scores };
}

export const rankingChartSvg = (chart: RankingChart): string => renderSvg(chart.option, chart);

/** The chart as a PNG file for a chat post. */
export function rankingChartPng(month: string, rankings: RankedRoles, locale: Locale): Buffer {
  return svgToPng(rankingChartSvg(rankingChart(month, rankings, locale)));
}
