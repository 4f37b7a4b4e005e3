/**
 * The playground end to end in headless Chromium (Debian's, through
 * playwright-core): `banzhang serve` with no chat platform serves the
 * playground at /; as an agent, /leave sick for tomorrow and submit the
 * modal; as the department head, Approve on the card in their DMs; back as
 * the agent, the DM shows the approval. Screenshots go to test-artifacts/.
 *
 * The playground runs on its own embedded database by design (it never
 * touches DATABASE_URL), so this suite runs once, not on both databases.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { loadSettings } from '../../src/shared/settings.ts';
import { skipBrowserTests, launchBrowser, screenshot, type TestBrowser } from '../support/browser.ts';

const AGENT = 'UDEMO001'; // 张三, outbound agent, zh-CN
const HEAD = 'UDEMO100'; // Dept Head Han, department head, en
// Monday 2026-11-23, 09:00 in Shanghai: "tomorrow" is Tuesday 2026-11-24.
const DEMO_NOW = '2026-11-23T09:00';
const TOMORROW = '2026-11-24';
const STEP_MS = 30_000;

describe.skipIf(skipBrowserTests)('playground in headless Chromium', () => {
  let app: App;
  let browser: TestBrowser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bz-playground-'));
    // As `npm start` on a fresh checkout: no Slack, no Teams settings, the playground in auto mode.
    app = await startApp(loadSettings({ PORT: '0', BANZHANG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), createLogger('warn'));
    browser = await launchBrowser();
    page = browser.page;
    // The first request starts the demo instance (its own database): give it time on a loaded machine.
    await page.goto(`http://127.0.0.1:${app.port}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 150_000 });
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const becomes = async (user: string) => {
    await page.selectOption('#person', user);
    await page.waitForFunction(`document.querySelector('#person').value === ${JSON.stringify(user)} && !document.querySelector('#overlay:not([hidden])')`);
  };
  const messages = () => page.locator('#messages .pg-message');

  it('LEAVE-5: an agent files /leave sick for tomorrow, the department head approves in their DMs, the agent is told', async () => {
    // The demo clock at a known Monday morning.
    await page.fill('#clock', DEMO_NOW);
    await page.click('#set-clock');
    await page.waitForFunction(`document.querySelector('#clock').value === ${JSON.stringify(DEMO_NOW)}`);

    await becomes(AGENT);
    await page.fill('#command', '/leave sick');
    await page.press('#command', 'Enter');
    const modal = page.locator('#overlay form.pg-modal');
    await modal.waitFor({ state: 'visible', timeout: STEP_MS });
    // The modal is banzhang's leave form, type preset to sick, in the agent's locale (zh-CN).
    expect(await modal.locator('select[name="leave_type.value"]').inputValue()).toBe('sick');
    expect(await modal.locator('input[name="leave_start.value"]').inputValue()).toBe('2026-11-23');

    // A first day after the last one is refused: the error shows under the field, nothing is filed.
    await modal.locator('input[name="leave_start.value"]').fill(TOMORROW);
    await modal.locator('input[name="leave_end.value"]').fill('2026-11-20');
    await modal.locator('button[type="submit"]').click();
    const error = modal.locator('.pg-has-error .pg-error');
    await error.first().waitFor({ state: 'visible', timeout: STEP_MS });
    expect(await modal.locator('.pg-has-error').first().getAttribute('data-block-id')).toBe('leave_end');
    // What the agent typed is kept through the re-render.
    expect(await modal.locator('input[name="leave_start.value"]').inputValue()).toBe(TOMORROW);

    await modal.locator('input[name="leave_end.value"]').fill('');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'detached', timeout: STEP_MS });
    await page.locator('#messages', { hasText: '已提交给 Dept Head Han 审批' }).waitFor({ timeout: STEP_MS });

    // The department head's DMs: the card with the cost and coverage, and the buttons.
    await becomes(HEAD);
    const card = messages().filter({ hasText: 'Leave request #1' });
    await card.waitFor({ timeout: STEP_MS });
    const cardText = await card.innerText();
    expect(cardText).toContain('sick leave');
    expect(cardText).toContain(TOMORROW);
    expect(cardText).toContain('Deduction ¥11.03');
    await screenshot(page, 'playground-approver.png');
    if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(path.join(import.meta.dirname, '../../test-artifacts/playground-approver.png'), path.join(import.meta.dirname, '../../docs/images/playground.png'));

    await card.getByRole('button', { name: 'Approve' }).click();
    await messages().filter({ hasText: 'Approved by Dept Head Han' }).waitFor({ timeout: STEP_MS });
    expect(await messages().filter({ hasText: 'Leave request #1' }).getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // Back as the agent: the DM shows the approval.
    await becomes(AGENT);
    await page.locator('#messages', { hasText: '已被 Dept Head Han 批准' }).waitFor({ timeout: STEP_MS });
    const texts = await messages().allInnerTexts();
    expect(texts.at(-1)).toContain('你的病假申请 #1（2026-11-24）已被 Dept Head Han 批准');
    const shot = await screenshot(page, 'playground-agent.png');
    expect(shot).toMatch(/test-artifacts\/playground-agent\.png$/);

    // The manager's dashboard over the demo database is linked from the page.
    const link = await page.locator('#dashboard').getAttribute('href');
    expect(link).toMatch(/^\/playground\/dashboard\?lang=zh-CN$/);
    const dashboard = await page.goto(`http://127.0.0.1:${app.port}${link}`);
    expect(dashboard?.status()).toBe(200);
  }, 180_000);
});
