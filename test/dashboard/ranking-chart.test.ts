/**
 * The ranking chart (issue 10): ECharts renders it to SVG on the server (the
 * bars' labels and scores in it), resvg to PNG; the month-end ranking post
 * carries it on Slack as a file shared in the rankings channel through the
 * outbox (getUploadURLExternal, upload, completeUploadExternal), once, retried
 * after a failure; on Teams as an image in the channel card.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsRankingRenderer } from '../../src/channels/teams/cards/ranking-cards.ts';
import { validateCard } from '../../src/channels/teams/cards/validate.ts';
import { barChartOption, renderSvg, svgToPng } from '../../src/features/charts/charts.ts';
import { RANKING_CHART_TOP, rankingChart, rankingChartPng, rankingChartSvg } from '../../src/features/charts/ranking-chart.ts';
import type { RoleRanking } from '../../src/features/performance/ranking.ts';
import { createScheduler, jobsFor } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { DB_KINDS, postgresReachable } from '../support/databases.ts';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const rankings: RoleRanking[] = [
  {
    role: 'outbound_agent',
    flagged: [],
    rows: [
      { rank: 1, employeeId: 'A1', name: 'Alice', role: 'outbound_agent', score: 97, lines: [] },
      { rank: 2, employeeId: 'A2', name: 'Bob', role: 'outbound_agent', score: 88, lines: [] },
      { rank: 3, employeeId: 'A3', name: 'Chen <Wei> & co', role: 'outbound_agent', score: 61, lines: [] },
    ],
  },
  { role: 'complaint_handler', flagged: [], rows: [{ rank: 1, employeeId: 'C1', name: 'Carol', role: 'complaint_handler', score: 72, lines: [] }] },
];

describe('chart rendering', () => {
  it('PERF-7: the ranking chart SVG has a bar label and a value for every ranked employee, best first, roles named', () => {
    const chart = rankingChart('2026-11', rankings, 'en');
    expect(chart.labels).toEqual(['outbound agents · 1. Alice', 'outbound agents · 2. Bob', 'outbound agents · 3. Chen <Wei> & co', 'complaint handlers · 1. Carol']);
    expect(chart.scores).toEqual([97, 88, 61, 72]);
    const svg = rankingChartSvg(chart);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['1. Alice', '2. Bob', '3. Chen &lt;Wei&gt; &amp; co', '1. Carol']) expect(svg).toContain(label);
    for (const score of ['>97<', '>88<', '>61<', '>72<']) expect(svg).toContain(score);
    expect(svg).toContain('Ranking 2026-11: score');
    expect(svg).not.toContain('<Wei>'); // escaped, not markup
  });

  it('a single role needs no role in the labels; more than the top per role are cut and the subtitle says so', () => {
    const many: RoleRanking[] = [
      {
        role: 'outbound_agent',
        flagged: [],
        rows: Array.from({ length: RANKING_CHART_TOP + 5 }, (_, i) => ({ rank: i + 1, employeeId: `E${i}`, name: `P${i}`, role: 'outbound_agent' as const, score: 100 - i, lines: [] })),
      },
    ];
    const chart = rankingChart('2026-11', many, 'zh-CN');
    expect(chart.labels).toHaveLength(RANKING_CHART_TOP);
    expect(chart.labels[0]).toBe('1. P0');
    expect(rankingChartSvg(chart)).toContain(`每个岗位前 ${RANKING_CHART_TOP} 名`);
  });

  it('SVG to PNG: the PNG magic bytes, the SVG size, and bytes that differ with the data', () => {
    const png = rankingChartPng('2026-11', rankings, 'en');
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    const chart = rankingChart('2026-11', rankings, 'en');
    expect(pngSize(png)).toEqual({ width: chart.width, height: chart.height });
    expect(png.length).toBeGreaterThan(2000);
    const other = svgToPng(renderSvg(barChartOption({ title: 'x', labels: ['a'], values: [1], valueName: 'v' }), { width: 300, height: 200 }));
    expect(pngSize(other)).toEqual({ width: 300, height: 200 });
    expect(other.equals(png)).toBe(false);
  });

  it('PERF-7 on Teams: the channel card carries the chart as a PNG image (data URI) and stays a valid card', () => {
    const post = teamsRankingRenderer.channel({ month: '2026-11', rankings, rewards: [], locale: 'en' }) as unknown as { card: { body: Array<Record<string, unknown>> } };
    expect(validateCard(post.card)).toEqual([]);
    const image = post.card.body.find((e) => e.type === 'Image')!;
    expect(image.altText).toBe('Ranking 2026-11: score');
    const [, b64] = /^data:image\/png;base64,(.+)$/.exec(String(image.url))!;
    const png = Buffer.from(b64!, 'base64');
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(2000);
    // Nobody ranked: no image.
    const none = teamsRankingRenderer.channel({ month: '2026-11', rankings: [], rewards: [], locale: 'en' }) as unknown as { card: { body: Array<Record<string, unknown>> } };
    expect(none.card.body.some((e) => e.type === 'Image')).toBe(false);
  });
});

const ORG = path.join(import.meta.dirname, '../fixtures/perf-org.yaml');
const POLICY = path.join(import.meta.dirname, '../fixtures/perf-policy.yaml');
// Monday 30 November 2026 is the month's last working day; its afternoon ends at 17:30 (winter).
const CLOCK = '2026-11-30T16:40:00+08:00';
const SLOT = '2026-11-30T17:35+08:00';

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !postgresReachable)(`month-end ranking chart on Slack [${kind}]`, () => {
    let h: SlackHarness;
    beforeAll(async () => {
      h = await startSlackHarness(kind, { clock: CLOCK, orgFile: ORG, policy: POLICY });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('PERF-7: the post is followed by the ranking chart, a PNG shared once in the rankings channel through the outbox, after a failed try', async () => {
      const prisma = h.db.prisma;
      // The first completion fails as a Slack outage would: the outbox tries the whole upload again.
      h.fake.failNext('files.completeUploadExternal', { status: 503 });
      const scheduler = createScheduler({ prisma, policy: h.app.policy, jobs: jobsFor(h.app.policy), clock: h.app.clock, logger: createLogger('silent'), owner: 'test' });
      const slot = DateTime.fromISO(SLOT, { setZone: true });
      expect((await scheduler.runSlot('month-end-ranking', slot, { trigger: 'manual' })).outcome).toBe('finished');
      await expect.poll(() => prisma.outboxMessage.findUnique({ where: { dedupeKey: 'ranking:2026-11:chart' } }).then((m) => m?.status), { timeout: 30_000 }).toBe('sent');

      const uploads = h.fake.uploads();
      expect(uploads).toHaveLength(1);
      const [upload] = uploads;
      expect(upload!.channelId).toBe('C0RANK');
      expect(upload!.filename).toBe('ranking-2026-11.png');
      expect(upload!.title).toBe('2026-11 排名图');
      expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_MAGIC);
      expect(upload!.bytes.length).toBeGreaterThan(2000);
      const { width } = pngSize(upload!.bytes);
      expect(width).toBe(800);
      // Two tries of the upload (the first completion failed), one file shared; the text post came first.
      expect(h.fake.calls('files.getUploadURLExternal').filter((c) => c.ok)).toHaveLength(2);
      const completes = h.fake.calls('files.completeUploadExternal');
      expect(completes.map((c) => c.ok)).toEqual([false, true]);
      const channelPost = h.fake.calls('chat.postMessage').find((c) => c.ok && c.body.channel === 'C0RANK')!;
      expect(channelPost.at).toBeLessThanOrEqual(completes[1]!.at);
      const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'ranking:2026-11:chart' } });
      expect(row.platformId).toBe(upload!.fileId);

      // The slot again: nothing new, no second file.
      expect((await scheduler.runSlot('month-end-ranking', slot.plus({ minutes: 5 }), { trigger: 'manual' })).outcome).toBe('finished');
      await new Promise((r) => setTimeout(r, 1500));
      expect(h.fake.uploads()).toHaveLength(1);
      expect(await prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'ranking:2026-11:chart' } } })).toBe(1);
    });
  });
}
