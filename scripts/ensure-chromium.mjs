#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests
 * (test/playground/*-browser.test.ts, driven by playwright-core, which
 * downloads no browser of its own). Run by `npm test` (pretest).
 *
 * Present: nothing to do. Missing and root: `apt-get install -y
 * --no-install-recommends chromium fonts-wqy-zenhei` (after `apt-get update`
 * when the package is not known yet; the font shows the page's Chinese in
 * screenshots). Missing and not root: a note; the browser tests then
 * report the missing browser themselves. Set BANZHANG_SKIP_CHROMIUM=1 to skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-wqy-zenhei'];
const FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

function say(line) {
  process.stderr.write(`ensure-chromium: ${line}\n`);
}

function run(command, args) {
  say(`running ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main() {
  if (process.env.BANZHANG_SKIP_CHROMIUM === '1') return say('skipped (BANZHANG_SKIP_CHROMIUM=1)');
  if (existsSync(CHROMIUM) && existsSync(FONT)) return say(`${CHROMIUM} present`);
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return say(`${CHROMIUM} missing; install Debian's chromium package (apt-get install chromium) to run the browser tests`);
  }
  if (!existsSync('/usr/bin/apt-get')) return say(`${CHROMIUM} missing and no apt-get here`);
  const known = spawnSync('apt-cache', ['show', 'chromium'], { stdio: 'ignore' }).status === 0;
  if (!known && !run('apt-get', ['update'])) say('apt-get update failed; trying the install anyway');
  if (!run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES])) {
    say(`apt-get install ${PACKAGES.join(' ')} failed; the browser tests will say so`);
    return;
  }
  say(existsSync(CHROMIUM) ? `${CHROMIUM} installed` : `installed, but ${CHROMIUM} is still missing`);
}

main();
