/**
 * The dashboard's HTML (no build step, no client framework): every chart is
 * rendered on the server to an inline SVG by ECharts (it reads without
 * JavaScript), carries its ECharts option for the browser build to redraw it
 * interactively, and is followed by the same figures as an HTML table.
 */
import { DateTime } from 'luxon';
import { lineText, roleLabel } from '../../channels/slack/blocks/ranking-blocks.ts';
import { barChartHeight, heatmapOption, renderSvg, stackedBarOption, type ChartOption, type ChartSize } from '../../features/charts/charts.ts';
import { rankingChart } from '../../features/charts/ranking-chart.ts';
import type { DashboardData, LatenessHeatmap, LeaveCalendar } from '../../features/dashboard/dashboard-data.ts';
import { formatFen } from '../../shared/format.ts';
import { segmentLabel, t, type Locale, type MessageKey } from '../../shared/i18n/index.ts';

/** People drawn in the heatmap at most (the most late minutes first); the table lists everyone. */
export const HEATMAP_TOP = 40;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A table: header cells, then rows of cells (already escaped HTML). */
function table(caption: string, head: string[], rows: string[][], className = ''): string {
  const thead = `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('')}</tbody>`;
  return `<div class="table-wrap"><table class="${esc(className)}"><caption>${esc(caption)}</caption>${thead}${tbody}</table></div>`;
}

function chart(id: string, option: ChartOption, size: ChartSize, alt: string): string {
  // The option goes in a JSON script element, not an attribute: nothing in it can end the element but "</", escaped.
  const json = JSON.stringify(option).replace(/</g, '\\u003c');
  return `<figure class="chart" id="chart-${esc(id)}" style="height:${size.height}px" role="img" aria-label="${esc(alt)}">${renderSvg(option, size)}<script type="application/json">${json}</script></figure>`;
}

const section = (id: string, title: string, json: string, body: string) =>
  `<section id="${esc(id)}"><h2>${esc(title)} <a class="json" href="${esc(json)}">JSON</a></h2>${body}</section>`;

const empty = (l: Locale) => `<p class="empty">${esc(t(l, 'dashboard.empty'))}</p>`;

function latenessSection(l: Locale, month: string, data: LatenessHeatmap, api: (s: string) => string): string {
  const title = t(l, 'dashboard.lateness.title', { month });
  if (data.people.length === 0 || data.days.length === 0) return section('lateness', title, api('lateness'), empty(l));
  const drawn = data.people.length > HEATMAP_TOP ? [...data.people].sort((a, b) => b.lateMinutes - a.lateMinutes || a.id.localeCompare(b.id)).slice(0, HEATMAP_TOP) : data.people;
  const cells: Array<[number, number, number]> = [];
  drawn.forEach((p, row) => data.days.forEach((d, col) => p.byDay[d] && cells.push([col, row, p.byDay[d]])));
  const option = heatmapOption({ title, rows: drawn.map((p) => p.name), columns: data.days.map((d) => d.slice(8)), cells, valueName: t(l, 'dashboard.chart.minutes_late') });
  const size = { width: Math.max(640, 140 + data.days.length * 34), height: Math.max(240, 150 + drawn.length * 22) };
  const note = data.people.length > HEATMAP_TOP ? `<p class="note">${esc(t(l, 'dashboard.lateness.top', { top: HEATMAP_TOP }))}</p>` : '';
  const head = [t(l, 'dashboard.col.name'), t(l, 'dashboard.col.team'), ...data.days.map((d) => d.slice(5)), t(l, 'dashboard.col.total'), t(l, 'dashboard.col.early'), t(l, 'dashboard.col.absent'), t(l, 'dashboard.col.deduction')];
  const rows = data.people.map((p) => [
    esc(p.name),
    esc(p.teamId),
    ...data.days.map((d) => (p.byDay[d] ? `<span class="late">${p.byDay[d]}</span>` : '')),
    `<strong>${p.lateMinutes}</strong>`,
    String(p.earlyMinutes),
    String(p.absenteeismDays),
    esc(formatFen(p.deductionFen)),
  ]);
  return section('lateness', title, api('lateness'), `<p>${esc(t(l, 'dashboard.lateness.caption'))}</p>${chart('lateness', option, size, title)}${note}${table(title, head, rows, 'heatmap')}`);
}

function leaveSection(l: Locale, month: string, data: LeaveCalendar, api: (s: string) => string): string {
  const title = t(l, 'dashboard.leave.title', { month });
  const requests =
    data.requests.length === 0
      ? empty(l)
      : table(
          t(l, 'dashboard.leave.requests'),
          [t(l, 'dashboard.col.name'), t(l, 'dashboard.col.type'), t(l, 'dashboard.col.from'), t(l, 'dashboard.col.to'), t(l, 'dashboard.col.part'), t(l, 'dashboard.col.status')],
          data.requests.map((r) => [
            esc(r.name),
            esc(t(l, `leave.type.${r.type}` as MessageKey)),
            esc(r.startDate),
            esc(r.endDate),
            esc(t(l, `leave.part.${r.part}` as MessageKey)),
            `<span class="status-${esc(r.status)}">${esc(t(l, `leave.status.${r.status}` as MessageKey))}</span>`,
          ]),
        );
  if (data.coverage.length === 0) return section('leave', title, api('leave'), requests);
  const segments = [...new Set(data.coverage.flatMap((c) => c.segments.map((s) => s.segment)))];
  const count = (date: string, segment: string) => data.coverage.find((c) => c.date === date)?.segments.find((s) => s.segment === segment);
  const coverTitle = t(l, 'dashboard.leave.coverage');
  const option = stackedBarOption({
    title: coverTitle,
    categories: data.coverage.map((c) => c.date.slice(8)),
    series: [
      // One bar per day: every segment's people at work, then those on approved leave.
      ...segments.map((s) => ({ name: segmentLabel(l, s), values: data.coverage.map((c) => count(c.date, s)?.working ?? 0) })),
      { name: t(l, 'dashboard.leave.on_leave'), values: data.coverage.map((c) => c.segments.reduce((n, s) => n + s.scheduled - s.working, 0)), color: '#e63946' },
    ],
  });
  const rows = data.coverage.map((c) => [esc(c.date), ...segments.map((s) => {
    const n = count(c.date, s);
    return n ? `${n.working} / ${n.scheduled}` : '';
  })]);
  const coverage = `${chart('coverage', option, { width: 900, height: 320 }, coverTitle)}${table(`${coverTitle} (${t(l, 'dashboard.leave.working_of_scheduled')})`, [t(l, 'dashboard.col.date'), ...segments.map((s) => segmentLabel(l, s))], rows)}`;
  return section('leave', title, api('leave'), requests + coverage);
}

function rankingSection(l: Locale, month: string, data: DashboardData['ranking'], api: (s: string) => string): string {
  const title = t(l, 'dashboard.ranking.title', { month });
  if (data.every((r) => r.rows.length === 0)) return section('ranking', title, api('ranking'), empty(l));
  const c = rankingChart(month, data, l);
  const tables = data.map((r) =>
    table(
      roleLabel(l, r.role),
      [t(l, 'dashboard.col.rank'), t(l, 'dashboard.col.name'), t(l, 'dashboard.col.score'), t(l, 'dashboard.col.lines')],
      r.rows.map((row) => [
        String(row.rank),
        esc(row.name) + (r.flagged.includes(row.employeeId) ? ` <span class="flag">${esc(t(l, 'dashboard.ranking.flagged'))}</span>` : ''),
        `<strong>${row.score}</strong>`,
        row.lines.length ? `<ul>${row.lines.map((line) => `<li>${esc(lineText(l, line))}</li>`).join('')}</ul>` : '',
      ]),
    ),
  );
  return section('ranking', title, api('ranking'), chart('ranking', c.option, { width: c.width, height: barChartHeight(c.labels.length) }, title) + tables.join(''));
}

function trainingSection(l: Locale, month: string, data: DashboardData['training'], api: (s: string) => string): string {
  const title = t(l, 'dashboard.training.title', { month });
  if (data.sessions.length === 0) return section('training', title, api('training'), empty(l));
  const option = stackedBarOption({
    title,
    categories: data.sessions.map((s) => s.date.slice(5)),
    series: [
      { name: t(l, 'dashboard.col.attended'), values: data.sessions.map((s) => s.attended.length), color: '#2a9d8f' },
      { name: t(l, 'dashboard.col.missed'), values: data.sessions.map((s) => s.missed.length), color: '#e63946' },
      { name: t(l, 'dashboard.col.excused'), values: data.sessions.map((s) => s.excused.length), color: '#a8a8a8' },
    ],
  });
  const names = (list: string[]) => `${list.length}${list.length ? ` <small>${esc(list.join(', '))}</small>` : ''}`;
  const rows = data.sessions.map((s) => [esc(s.date), esc(s.topic ?? ''), names(s.attended), names(s.missed), names(s.excused)]);
  return section(
    'training',
    title,
    api('training'),
    chart('training', option, { width: 640, height: 300 }, title) +
      table(title, [t(l, 'dashboard.col.date'), t(l, 'dashboard.col.topic'), t(l, 'dashboard.col.attended'), t(l, 'dashboard.col.missed'), t(l, 'dashboard.col.excused')], rows),
  );
}

/** A section that is only a table (open items): "nothing to show" when empty. */
function tableSection(l: Locale, id: 'suggestions' | 'incidents', api: (s: string) => string, head: string[], rows: string[][]): string {
  const title = t(l, `dashboard.${id}.title`);
  return section(id, title, api(id), rows.length === 0 ? empty(l) : table(title, head, rows));
}

const suggestionsSection = (l: Locale, data: DashboardData['suggestions'], api: (s: string) => string): string =>
  tableSection(
    l,
    'suggestions',
    api,
    ['#', t(l, 'dashboard.col.title'), t(l, 'dashboard.col.submitter'), t(l, 'dashboard.col.submitted_on'), t(l, 'dashboard.col.status'), t(l, 'dashboard.col.waiting_on'), t(l, 'dashboard.col.deadline')],
    data.map((s) => [String(s.id), esc(s.title), esc(s.submitterName), esc(s.submittedOn), esc(t(l, `suggestions.status.${s.status}` as MessageKey)), esc(s.waitingOn ?? ''), esc(s.deadline ?? '')]),
  );

const incidentsSection = (l: Locale, data: DashboardData['incidents'], api: (s: string) => string): string =>
  tableSection(
    l,
    'incidents',
    api,
    ['#', t(l, 'dashboard.col.type'), t(l, 'dashboard.col.occurred'), t(l, 'dashboard.col.recorder'), t(l, 'dashboard.col.status'), t(l, 'dashboard.col.escalated')],
    data.map((i) => [
      String(i.id),
      esc(t(l, `incidents.type.${i.type}` as MessageKey)),
      esc(DateTime.fromISO(i.occurredAt, { setZone: true }).toFormat('yyyy-MM-dd HH:mm')),
      esc(i.recorderName),
      esc(t(l, `incidents.status.${i.status}` as MessageKey)),
      esc(t(l, i.escalated ? 'dashboard.yes' : 'dashboard.no')),
    ]),
  );

export interface PageLinks {
  /** The dashboard's own path (e.g. /dashboard). */
  base: string;
  /** Query parameters every link keeps (lang, token). */
  keep: URLSearchParams;
}

export function dashboardPage(l: Locale, data: DashboardData, links: PageLinks): string {
  const href = (path: string, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(links.keep);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return `${path}${s ? `?${s}` : ''}`;
  };
  const api = (s: string) => href(`${links.base}/api/${s}`, { month: data.month });
  const month = DateTime.fromFormat(data.month, 'yyyy-MM');
  const other = l === 'en' ? 'zh-CN' : 'en';
  const nav = [
    `<a href="${esc(href(links.base, { month: month.minus({ months: 1 }).toFormat('yyyy-MM') }))}">← ${esc(t(l, 'dashboard.nav.previous'))}</a>`,
    `<a href="${esc(href(links.base, { month: month.plus({ months: 1 }).toFormat('yyyy-MM') }))}">${esc(t(l, 'dashboard.nav.next'))} →</a>`,
    `<a href="${esc(href(links.base, { month: data.month, lang: other }))}" lang="${other}">${other === 'en' ? 'English' : '中文'}</a>`,
  ].join(' · ');
  const title = t(l, 'dashboard.title', { month: data.month });
  const body = [
    latenessSection(l, data.month, data.lateness, api),
    leaveSection(l, data.month, data.leave, api),
    rankingSection(l, data.month, data.ranking, api),
    trainingSection(l, data.month, data.training, api),
    suggestionsSection(l, data.suggestions, api),
    incidentsSection(l, data.incidents, api),
  ].join('\n');
  return `<!doctype html>
<html lang="${l === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${esc(href(`${links.base}/assets/dashboard.css`))}">
</head>
<body>
<header><h1>${esc(title)}</h1><nav>${nav}</nav><p class="note">${esc(t(l, 'dashboard.as_of', { at: DateTime.fromISO(data.at, { setZone: true }).toFormat('yyyy-MM-dd HH:mm') }))}</p></header>
<main>
${body}
</main>
<script src="${esc(href(`${links.base}/assets/echarts.min.js`))}" defer></script>
<script src="${esc(href(`${links.base}/assets/dashboard.js`))}" defer></script>
</body>
</html>
`;
}
