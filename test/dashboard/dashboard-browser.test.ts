/**
 * The dashboard in headless Chromium (Debian's, through playwright-core:
 * test/support/browser.ts): the page loads ECharts from node_modules and
 * redraws every server-rendered chart, the heatmap table shows the month's
 * late minutes, and a screenshot is left in test-artifacts/dashboard.png.
 * The embedded database only: the figures themselves are checked on both in
 * dashboard.test.ts.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/config/load.ts';
import { mountDashboard } from '../../src/server/dashboard/dashboard.ts';
import { createHttpServer, type HttpServer } from '../../src/server/http-server.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { skipBrowserTests, launchBrowser, screenshot, type TestBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { MONTH, PEOPLE, seedFloor } from './floor.ts';

describe.skipIf(skipBrowserTests)('dashboard in headless Chromium', () => {
  let tdb: TestDatabase;
  let http: HttpServer;
  let base: string;
  let browser: TestBrowser | undefined;
  let expected: Map<string, Record<string, number>>;
  beforeAll(async () => {
    const loaded = await loadPolicy('outbound-basic');
    if (!loaded.ok) throw new Error('policy');
    tdb = await createTestDatabase('embedded');
    expected = await seedFloor(tdb.db.prisma, loaded.policy);
    http = createHttpServer({ logger: createLogger('silent'), metrics: createMetrics(), readiness: { check: async () => null } });
    mountDashboard(http, { db: tdb.db, policy: loaded.policy, clock: { now: () => DateTime.fromISO('2026-12-05T10:00:00+08:00') }, auth: {} });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await tdb?.drop();
  });

  it('draws the charts with ECharts in the page, shows the heatmap table and leaves a screenshot', async () => {
    browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    const { page } = browser;
    const res = await page.goto(`${base}/dashboard?month=${MONTH}`);
    expect(res?.status()).toBe(200);
    // Accept-Language en-US: the English page.
    await expect.poll(() => page.evaluate('document.documentElement.dataset.chartsReady'), { timeout: 20_000 }).toBe('3');
    expect(await page.title()).toBe(`banzhang · dashboard ${MONTH}`);
    // ECharts redrew each figure in the browser (its own SVG, with the heatmap's cells).
    const figures = (await page.evaluate(`[...document.querySelectorAll('figure.chart')].map((f) => f.querySelectorAll('svg').length)`)) as number[];
    expect(figures).toEqual([1, 1, 1]);
    const totals = (await page.evaluate(`[...document.querySelectorAll('table.heatmap tbody tr')].map((r) => [r.querySelector('th').textContent, r.querySelector('strong').textContent])`)) as Array<[string, string]>;
    expect(totals).toHaveLength(PEOPLE);
    const sums = [...expected.values()].map((byDay) => String(Object.values(byDay).reduce((a, b) => a + b, 0)));
    expect(totals.map((t) => t[1])).toEqual(sums);
    const file = await screenshot(page, 'dashboard.png');
    expect(file.endsWith('dashboard.png')).toBe(true);
  }, 120_000);
});
