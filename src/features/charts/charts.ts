/**
 * Server-side charts (issue 10): Apache ECharts renders an option to SVG in
 * Node without a browser or a canvas (`ssr: true`), and resvg turns an SVG
 * into a PNG (its binary ships in its npm package). The dashboard inlines the
 * SVGs; the month-end ranking post carries the ranking chart as a PNG.
 *
 * The options are plain data (also sent to the page, which may draw the same
 * option interactively with the browser build of ECharts).
 */
import { createRequire } from 'node:module';
import type * as Resvg from '@resvg/resvg-js';
import type * as Echarts from 'echarts';

// Loaded on first use, through their CommonJS builds: every CLI command and the
// server import the jobs, and ECharts' ES modules alone take seconds to load.
const require = createRequire(import.meta.url);
let echartsModule: typeof Echarts | undefined;
let resvgModule: typeof Resvg | undefined;
const echarts = (): typeof Echarts => (echartsModule ??= require('echarts') as typeof Echarts);
const resvg = (): typeof Resvg => (resvgModule ??= require('@resvg/resvg-js') as typeof Resvg);

export type ChartOption = Record<string, unknown>;

export interface ChartSize {
  width: number;
  height: number;
}

/** Renders an ECharts option to an SVG document (animation off: the first frame is the final one). */
export function renderSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG document as PNG bytes, on a white background (system fonts; without CJK fonts installed, Chinese text draws as boxes). */
export function svgToPng(svg: string): Buffer {
  const png = new (resvg().Resvg)(svg, { background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'sans-serif' } }).render().asPng();
  return Buffer.from(png);
}

/** One horizontal bar per label, longest first at the top, each bar labelled with its value. */
export function barChartOption(args: { title: string; subtitle?: string; labels: string[]; values: number[]; valueName: string }): ChartOption {
  // ECharts draws a category axis bottom-up: reversed so the first label is at the top.
  return {
    title: { text: args.title, subtext: args.subtitle ?? '', left: 'center' },
    grid: { left: 16, right: 48, top: args.subtitle ? 64 : 44, bottom: 16, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: args.valueName },
    yAxis: { type: 'category', data: [...args.labels].reverse(), axisLabel: { interval: 0 } },
    series: [{ type: 'bar', name: args.valueName, data: [...args.values].reverse(), label: { show: true, position: 'right' }, itemStyle: { color: '#1d3557' } }],
  };
}

/** Height that gives each bar of a bar chart room (22 px a bar, at least 200). */
export const barChartHeight = (bars: number, extra = 90): number => Math.max(200, bars * 22 + extra);

/** A heatmap of rows × columns (e.g. people × working days), empty cells left out. */
export function heatmapOption(args: { title: string; rows: string[]; columns: string[]; cells: Array<[column: number, row: number, value: number]>; valueName: string }): ChartOption {
  const max = args.cells.reduce((m, c) => Math.max(m, c[2]), 0);
  return {
    title: { text: args.title, left: 'center' },
    tooltip: { position: 'top' },
    grid: { left: 16, right: 16, top: 44, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: args.columns, splitArea: { show: true }, axisLabel: { interval: 0, rotate: 60 } },
    yAxis: { type: 'category', data: args.rows, splitArea: { show: true }, inverse: true, axisLabel: { interval: 0 } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: [String(Math.max(1, max)), '0'], inRange: { color: ['#fff5f0', '#fb6a4a', '#67000d'] } },
    series: [{ type: 'heatmap', name: args.valueName, data: args.cells, label: { show: true, fontSize: 9 } }],
  };
}

/** Stacked vertical bars: one bar per category, one stack part per series. */
export function stackedBarOption(args: { title: string; categories: string[]; series: Array<{ name: string; values: number[]; color?: string }> }): ChartOption {
  return {
    title: { text: args.title, left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 16, right: 16, top: 44, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: args.categories, axisLabel: { interval: 0, rotate: args.categories.length > 10 ? 60 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: args.series.map((s) => ({ type: 'bar', stack: 'all', name: s.name, data: s.values, ...(s.color ? { itemStyle: { color: s.color } } : {}) })),
  };
}
