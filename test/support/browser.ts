/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium (put
 * there by scripts/ensure-chromium.mjs, run by `npm test`) driven by
 * playwright-core, which downloads no browser of its own. Each launch gets a
 * fresh profile directory, removed on close.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
/** Browser tests are skipped (with the reason in their title) only outside CI; in CI (`CI=true`) a missing browser fails them, as a missing PostgreSQL does. */
export const skipBrowserTests = !chromiumAvailable && process.env.CI !== 'true';
/** Where browser tests leave screenshots (git-ignored). */
export const ARTIFACTS = path.join(import.meta.dirname, '../../test-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  if (!chromiumAvailable) throw new Error(`${CHROMIUM} missing: run node scripts/ensure-chromium.mjs (npm test does)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'bz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'zh-CN',
    viewport: options.viewport ?? { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A screenshot under test-artifacts/ (created if missing); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
