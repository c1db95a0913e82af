#!/usr/bin/env node
// Browser journeys through the web UI against the real server.
//
//   node tests/e2e/run.mjs                # real server: build/release/src/app/tenderbridge
//   TB_BIN=/path/to/tenderbridge node tests/e2e/run.mjs
//   TB_E2E_MOCK=1 node tests/e2e/run.mjs  # fixture server (tests/e2e/mock-server.mjs)
//
// Builds nothing: it needs web/dist (npm run build in web/) and, unless
// mocked, the server binary. It loads the demo data into a fresh SQLite file
// in a temporary directory, starts the server on a free loopback port, drives
// Debian's Chromium (/usr/bin/chromium) with playwright-core, saves a
// screenshot per journey in tests/e2e/screenshots/, prints one line per
// journey and then `e2e: N passed, M failed`. Exit status is non-zero on any
// failure. The server and the browser are always stopped. The search journeys
// (issue 3) are in search-journeys.mjs; the account, supplier, directory and
// sanctions journeys (issue 4) in account-journeys.mjs and the RFP journey (issue
// 6) in tender-journeys.mjs and the event journey (issue 7) in event-journeys.mjs, which
// start a server of their own (real server only).
// TB_E2E_JOURNEYS=<regex> runs only the journeys whose name matches; the demo
// server is started only if one of them needs it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAccountJourneys } from './account-journeys.mjs';
import { makeAlertsJourneys } from './alerts-journeys.mjs';
import { makeSearchJourneys } from './search-journeys.mjs';
import { makeEventJourneys } from './event-journeys.mjs';
import { makeTenderJourneys } from './tender-journeys.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_DIST = resolve(REPO, process.env.TB_WEB_DIST ?? join('web', 'dist'));
const SCREENSHOTS = join(REPO, 'tests', 'e2e', 'screenshots');
const MOCK = process.env.TB_E2E_MOCK === '1';
const TB_BIN = resolve(REPO, process.env.TB_BIN ?? 'build/release/src/app/tenderbridge');
const CHROMIUM = process.env.TB_CHROMIUM ?? '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 30_000;
const DEMO_TIMEOUT_MS = Number(process.env.TB_E2E_DEMO_TIMEOUT_MS ?? 20 * 60_000);
const STEP_TIMEOUT_MS = 15_000;
const JOURNEY_FILTER = process.env.TB_E2E_JOURNEYS ? new RegExp(process.env.TB_E2E_JOURNEYS) : undefined;

// playwright-core is a dev dependency of web/, not of the repository root.
const requireFromWeb = createRequire(join(REPO, 'web', 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

// ---------------------------------------------------------------- helpers

class JourneyError extends Error {}

function check(condition, message) {
  if (!condition) throw new JourneyError(message);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `probe` until it returns true, for state that settles after a render.
async function eventually(probe, message, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(50);
  }
  throw new JourneyError(message);
}

async function waitForHealth(base, server, logFile) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (${server.exitCode ?? server.signalCode})\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return await response.json();
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await sleep(200);
  }
  throw new Error(`server not healthy after ${HEALTH_TIMEOUT_MS} ms (${lastError})\n${tail(logFile)}`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- server

async function startServer(workDir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(workDir, 'server.log');
  const log = openSync(logFile, 'a');
  let command;
  let args;
  if (MOCK) {
    command = process.execPath;
    args = [join(REPO, 'tests', 'e2e', 'mock-server.mjs'), '--port', String(port), '--web', WEB_DIST];
  } else {
    if (!existsSync(TB_BIN)) {
      throw new Error(`server binary not found: ${TB_BIN} (build it, set TB_BIN, or use TB_E2E_MOCK=1)`);
    }
    const database = join(workDir, 'e2e.db');
    const started = Date.now();
    const demo = spawnSync(TB_BIN, ['demo', '--database', database, 'data'], {
      cwd: REPO,
      stdio: ['ignore', log, log],
      timeout: DEMO_TIMEOUT_MS,
    });
    if (demo.status !== 0) {
      throw new Error(
        `'tenderbridge demo' failed (${demo.error?.message ?? `exit ${demo.status ?? demo.signal}`})\n${tail(logFile)}`,
      );
    }
    console.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    command = TB_BIN;
    args = ['serve', '--database', database, '--port', String(port), '--web', WEB_DIST];
  }
  const server = spawn(command, args, { cwd: REPO, stdio: ['ignore', log, log] });
  const health = await waitForHealth(base, server, logFile);
  console.log(`server ${MOCK ? '(mock) ' : ''}up at ${base}: ${JSON.stringify(health)}`);
  return { server, base, logFile };
}

// ---------------------------------------------------------------- journeys

// Each journey gets its own browser context (fresh storage, so the language
// starts from the browser's) and fails on page errors or CSP violations.
async function withPage(browser, options, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  try {
    await body(page);
    check(problems.length === 0, problems.join('; '));
  } finally {
    await context.close();
  }
}

async function screenshot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

async function openList(page, base, search = '') {
  await page.goto(`${base}/notices${search}`);
  await page.locator('[data-testid="notice-card"]').first().waitFor({ state: 'visible' });
}

async function noHorizontalScroll(page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  check(scrollWidth <= clientWidth, `horizontal scroll: content ${scrollWidth}px wide in a ${clientWidth}px viewport`);
}

const state = { noticePath: undefined };

const journeys = [
  {
    name: 'list',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await openList(page, base);
        const cards = await page.locator('[data-testid="notice-card"]').count();
        check(cards >= 1, 'no notice card');
        check((await page.locator('h1').innerText()) === 'Procurement notices', 'English heading missing');
        check((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en');
        await screenshot(page, 'list-en');
        return cards;
      });
    },
  },
  {
    name: 'notice',
    async run(browser, base) {
      // A viewer in Nairobi: the deadline shows in their zone and the agency's.
      await withPage(browser, { timezoneId: 'Africa/Nairobi' }, async (page) => {
        await openList(page, base);
        // Prefer a notice that has UNSPSC codes, to see their titles.
        const withCodes = page.locator('[data-testid="notice-card"]').filter({ has: page.locator('.codes__code') });
        const card = (await withCodes.count()) > 0 ? withCodes.first() : page.locator('[data-testid="notice-card"]').first();
        const link = card.locator('.notice-card__title a');
        const title = (await link.innerText()).trim();
        const hasCodes = (await card.locator('.codes__code').count()) > 0;
        await link.click();
        const heading = page.locator('h1#notice-title');
        await heading.waitFor({ state: 'visible' });
        // Cards may shorten long titles ("…"); the notice page has the whole title.
        check(
          (await heading.innerText()).trim().startsWith(title.replace(/…$/, '').trim()),
          `notice page title differs from the card: ${title}`,
        );
        state.noticePath = new URL(page.url()).pathname;
        const deadline = page.getByRole('region', { name: 'Deadline' });
        await deadline.waitFor();
        const deadlineText = await deadline.innerText();
        check(
          deadlineText.includes('Your time (Africa/Nairobi)') || /No deadline given/.test(deadlineText),
          `deadline not shown in the viewer's zone: ${deadlineText}`,
        );
        if (hasCodes) {
          const codes = page.getByRole('region', { name: 'Goods and services (UNSPSC)' }).locator('.codes__code');
          check((await codes.count()) >= 1, 'no UNSPSC code on the notice page');
          await codes.first().waitFor({ state: 'visible' });
          // Titles come from a batch look-up; wait briefly, they are optional in data.
          await page.locator('.codes__title').first().waitFor({ timeout: 3000 }).catch(() => {});
        }
        await screenshot(page, 'notice-en');
      });
    },
  },
  {
    name: 'chinese',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await openList(page, base);
        await page.getByLabel('Language', { exact: true }).selectOption('zh');
        await page.getByRole('heading', { level: 1, name: '采购公告' }).waitFor();
        check((await page.getAttribute('html', 'lang')) === 'zh', 'html lang is not zh');
        check(await page.getByRole('link', { name: '公告', exact: true }).isVisible(), 'Chinese navigation missing');
        check(await page.getByRole('button', { name: '搜索', exact: true }).isVisible(), 'Chinese search button missing');
        await screenshot(page, 'list-zh');
        if (state.noticePath) {
          // The choice is remembered across pages.
          await page.goto(`${base}${state.noticePath}`);
          await page.getByRole('heading', { level: 2, name: '截止时间' }).waitFor();
          await screenshot(page, 'notice-zh');
        }
      });
    },
  },
  {
    name: 'arabic',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await openList(page, base);
        await page.getByLabel('Language', { exact: true }).selectOption('ar');
        await page.getByRole('heading', { level: 1, name: 'إشعارات الشراء' }).waitFor();
        const { dir, lang } = await page.evaluate(() => ({
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
        }));
        check(dir === 'rtl' && lang === 'ar', `document is dir=${dir} lang=${lang}, expected rtl/ar`);
        // Logical CSS: the brand sits at the right edge in right-to-left.
        const brand = await page.locator('.brand').boundingBox();
        check(brand && brand.x > 640, 'brand is not on the right in RTL');
        await screenshot(page, 'list-ar');
        if (state.noticePath) {
          await page.goto(`${base}${state.noticePath}`);
          await page.getByRole('heading', { level: 2, name: 'الموعد النهائي' }).waitFor();
          check((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'notice page not rtl');
          await screenshot(page, 'notice-ar');
        }
      });
    },
  },
  {
    name: 'keyboard',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await openList(page, base);
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
        check(first === 'Skip to main content', `first Tab reached "${first}", not the skip link`);
        let reached = false;
        for (let i = 0; i < 10 && !reached; i += 1) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(() => document.activeElement?.closest('.language-switcher') !== null);
        }
        check(reached, 'Tab did not reach the language switcher within 10 presses');
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        check(outline !== 'none', 'focused language switcher has no visible outline');
        await screenshot(page, 'keyboard-focus');
        // The skip link moves focus past the header.
        await openList(page, base);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await eventually(
          async () => (await page.evaluate(() => document.activeElement?.id)) === 'main',
          'the skip link did not move focus to #main',
        );
      });
    },
  },
  {
    name: 'filters-in-url',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await openList(page, base);
        await page.getByLabel('Sort by').selectOption('deadline');
        await page.waitForURL(/[?&]sort=deadline/);
        await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: /^Open\b/ }).check();
        await page.waitForURL(/[?&]status=open/);
        await page.goBack();
        await page.waitForURL((url) => !url.search.includes('status=open'));
        await eventually(
          async () => !(await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: /^Open\b/ }).isChecked()),
          'back button did not restore the filters',
        );
        check((await page.getByLabel('Sort by').inputValue()) === 'deadline', 'sort order lost on back');
        // A shared link opens with its filters.
        await page.goto(`${base}/notices?sort=deadline&type=rfq`);
        await page.locator('.results__summary, .alert, .empty').first().waitFor();
        const rfq = page.getByRole('group', { name: 'Notice type' }).getByRole('checkbox', { name: /Request for quotation/ });
        check(await rfq.isChecked(), 'type filter not read from the URL');
      });
    },
  },
  {
    name: 'phone',
    async run(browser, base) {
      await withPage(
        browser,
        { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
        async (page) => {
          await openList(page, base);
          await noHorizontalScroll(page);
          await screenshot(page, 'phone-list');
          await screenshot(page, 'phone-list-top', { fullPage: false });
          if (state.noticePath) {
            await page.goto(`${base}${state.noticePath}`);
            await page.locator('h1#notice-title').waitFor();
            await noHorizontalScroll(page);
            await screenshot(page, 'phone-notice');
          }
          await page.getByLabel('Language', { exact: true }).selectOption('ar');
          await page.waitForFunction(() => document.documentElement.dir === 'rtl');
          await noHorizontalScroll(page);
          await screenshot(page, 'phone-notice-ar', { fullPage: false });
        },
      );
    },
  },
  {
    name: 'missing-notice',
    async run(browser, base) {
      await withPage(browser, {}, async (page) => {
        await page.goto(`${base}/notices/999999999`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        check((await alert.innerText()).includes('Not found'), 'no "Not found" message for a missing notice');
        await screenshot(page, 'missing-notice');
      });
    },
  },
  ...makeSearchJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll }),
];

const accounts = MOCK
  ? undefined
  : makeAccountJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo: REPO, tbBin: TB_BIN, webDist: WEB_DIST });
if (accounts) journeys.push(...accounts.journeys);
// The whole life of an RFP (issue 6), on a server of its own with a test clock.
const tenders = MOCK
  ? undefined
  : makeTenderJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo: REPO, tbBin: TB_BIN, webDist: WEB_DIST });
if (tenders) journeys.push(...tenders.journeys);
// An event from the builder to the supplier's ICS (issue 7), on a server of its own.
const events = MOCK
  ? undefined
  : makeEventJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo: REPO, tbBin: TB_BIN, webDist: WEB_DIST });
if (events) journeys.push(...events.journeys);
// Alerts (issue 5): save a search, import a matching notice, see it in the inbox; on a server of its own.
const alerts = MOCK
  ? undefined
  : makeAlertsJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo: REPO, tbBin: TB_BIN, webDist: WEB_DIST });
if (alerts) journeys.push(...alerts.journeys);

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    console.error(`web UI not built: ${WEB_DIST}/index.html missing (cd web && npm run build)`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'tb-e2e-'));
  let server;
  let browser;
  let passed = 0;
  let failed = 0;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await stopProcess(server?.server);
    await accounts?.cleanup().catch(() => {});
    await tenders?.cleanup().catch(() => {});
    await events?.cleanup().catch(() => {});
    await alerts?.cleanup().catch(() => {});
  };
  const onSignal = (signal) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const selected = journeys.filter((journey) => !JOURNEY_FILTER || JOURNEY_FILTER.test(journey.name));
    // Journeys with a server of their own do not need the demo data.
    if (selected.some((journey) => !journey.ownServer)) server = await startServer(workDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // playwright-core starts Chromium with a fresh temporary profile
      // (--user-data-dir) of its own and deletes it on close.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const journey of selected) {
      const started = Date.now();
      try {
        await journey.run(browser, server?.base);
        passed += 1;
        console.log(`ok    ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        const message = error instanceof JourneyError ? error.message : (error.stack ?? String(error));
        console.log(`FAIL  ${journey.name}: ${message.split('\n').slice(0, 6).join('\n      ')}`);
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL  setup: ${error.message}`);
  } finally {
    await cleanup();
    if (failed > 0 && server?.logFile) console.log(`server log (last lines):\n${tail(server.logFile, 15)}`);
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`screenshots in ${SCREENSHOTS}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
