#!/usr/bin/env node
// Screenshots of membership management on the members page (docs/accounts.md "Membership
// management"), in English and Arabic, against the real server: the Remove and Make owner
// confirmations, the refusal of the last owner's leaving, and a revoked invitation.
//
//   TB_BIN=build/release/src/app/tenderbridge TB_WEB_DIST=web/dist node tests/e2e/members-screens.mjs
//
// It starts `serve` on a fresh SQLite file, signs an owner up through the API (verifying the
// e-mail from the mail directory), invites and accepts a clerk, leaves one invitation pending,
// then drives Debian's Chromium with playwright-core and writes
// tests/e2e/screenshots/members-*.png. It stops at the first failure.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TB_BIN = resolve(REPO, process.env.TB_BIN ?? 'build/release/src/app/tenderbridge');
const WEB_DIST = resolve(REPO, process.env.TB_WEB_DIST ?? 'web/dist');
const SCREENSHOTS = join(REPO, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.TB_CHROMIUM ?? '/usr/bin/chromium';
const { chromium } = createRequire(join(REPO, 'web', 'package.json'))('playwright-core');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const run = randomBytes(3).toString('hex');
const PASSWORD = `Members-screens-${run}-pass!`;
const owner = { email: `amina.${run}@zephyrine.example`, name: 'Amina Odhiambo', company: `Zephyrine Solar ${run}` };
const clerk = { email: `idrissa.${run}@zephyrine.example`, name: 'Idrissa Maïga' };
const pending = `moussa.${run}@zephyrine.example`;
const env = { dir: mkdtempSync(join(tmpdir(), 'tb-members-screens-')) };

async function api(method, path, { body, session } = {}) {
  const headers = { Origin: env.base };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session) {
    headers.Cookie = session.cookie;
    headers['X-CSRF-Token'] = session.csrf;
  }
  const response = await fetch(`${env.base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { status: response.status, headers: response.headers, json };
}

// The token of the newest mail to `to` (the server writes one .eml file per message).
function tokenMailedTo(to) {
  const dir = join(env.dir, 'mail');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.eml')).sort().reverse() : [];
  for (const name of names) {
    const mail = readFileSync(join(dir, name), 'utf8');
    if (!mail.includes(`To: ${to}`)) continue;
    const match = /#token=(\S+)/.exec(mail);
    if (match) return match[1];
  }
  throw new Error(`no mail with a token to ${to}`);
}

async function startServer() {
  const portFile = join(env.dir, 'port');
  env.server = spawn(TB_BIN, ['serve', '--database', join(env.dir, 'screens.db'), '--port', '0', '--port-file', portFile,
    '--mail-dir', join(env.dir, 'mail'), '--no-access-log', '--rate-limit', 'login:ip=0/60',
    '--rate-limit', 'login:account=0/60', '--rate-limit', 'signup:ip=0/60', '--web', WEB_DIST],
  { cwd: REPO, stdio: ['ignore', openSync(join(env.dir, 'out'), 'a'), openSync(join(env.dir, 'err'), 'a')] });
  for (let i = 0; i < 300; i += 1) {
    if (existsSync(portFile) && readFileSync(portFile, 'utf8').trim()) {
      env.base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
      try {
        if ((await fetch(`${env.base}/api/v1/health`)).ok) return;
      } catch {
        // not yet listening
      }
    }
    await sleep(100);
  }
  throw new Error(`the server did not start: ${readFileSync(join(env.dir, 'err'), 'utf8').slice(-1500)}`);
}

async function seed() {
  await api('POST', '/auth/signup', {
    body: { email: owner.email, password: PASSWORD, display_name: owner.name, language: 'en', company: { name: owner.company, country: 'KE' } },
  });
  await api('POST', '/auth/verify-email', { body: { token: tokenMailedTo(owner.email) } });
  const login = await api('POST', '/auth/login', { body: { email: owner.email, password: PASSWORD } });
  const session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], csrf: login.json.csrf_token };
  const me = await api('GET', '/auth/session', { session });
  env.organisation = me.json.memberships[0].organisation_id;
  await api('POST', `/organisations/${env.organisation}/invitations`, { session, body: { email: clerk.email, roles: ['supplier_user'] } });
  await api('POST', '/auth/invitations/accept', {
    body: { token: tokenMailedTo(clerk.email), password: PASSWORD, display_name: clerk.name, language: 'fr' },
  });
  await api('POST', `/organisations/${env.organisation}/invitations`, { session, body: { email: pending, roles: ['supplier_user'] } });
}

async function withPage(language, body) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
    await page.goto(`${env.base}/login`);
    await page.evaluate(() => window.localStorage.setItem('tenderbridge.language', 'en'));
    await page.reload();
    await page.getByLabel('E-mail address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: `Account menu for ${owner.name}` }).waitFor();
    await page.evaluate((lang) => window.localStorage.setItem('tenderbridge.language', lang), language);
    await page.goto(`${env.base}/organisations/${env.organisation}/members`);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await page.locator('.members-table').waitFor();
    // The actions column must not push the members table past its panel at 1280 px.
    const overflow = await page.locator('.members-table').evaluate((table) => table.parentElement.scrollWidth - table.parentElement.clientWidth);
    if (overflow > 0) throw new Error(`the members table overflows its panel by ${overflow} px (${language})`);
    await body(page);
    if (problems.length) throw new Error(problems.join('; '));
  } catch (error) {
    await page.screenshot({ path: join(env.dir, 'failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${error.message}\n(failure screenshot: ${join(env.dir, 'failure.png')}; ${problems.join('; ')})`);
  } finally {
    await context.close();
  }
}

// Dialogs cover the viewport (position: fixed), so pages with one open are taken as the user sees them.
const shot = (page, name, fullPage = true) => page.screenshot({ path: join(SCREENSHOTS, `members-${name}.png`), fullPage });

async function main() {
  await startServer();
  await seed();
  env.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

  await withPage('en', async (page) => {
    await page.getByRole('button', { name: `Remove ${clerk.name}` }).click();
    await page.getByRole('alertdialog', { name: `Remove ${clerk.name}?` }).waitFor();
    await shot(page, 'remove-en', false);
    await page.getByRole('button', { name: 'Cancel' }).click();

    const own = page.locator('tr', { hasText: owner.email });
    await own.getByRole('button', { name: 'Leave organisation' }).click();
    const leave = page.getByRole('alertdialog');
    await leave.getByRole('button', { name: 'Leave organisation' }).click();
    await leave.getByText('This is the last owner of the organisation.').waitFor();
    await shot(page, 'last-owner-en', false);
    await leave.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: `Revoke the invitation to ${pending}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke invitation' }).click();
    await page.getByText('No invitations are waiting.').waitFor();
    await shot(page, 'revoked-en');
  });

  await withPage('ar', async (page) => {
    await page.getByRole('button', { name: `تعيين ${clerk.name} مالكًا` }).click();
    await page.getByRole('alertdialog').waitFor();
    await shot(page, 'owner-ar', false);
    await page.getByRole('alertdialog').getByRole('button', { name: 'نقل الملكية' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    // The owner handed ownership on: the page now offers only to leave.
    await page.getByRole('button', { name: 'مغادرة المنظمة' }).waitFor();
    await shot(page, 'member-only-ar');
  });
  console.log(`screenshots in ${SCREENSHOTS}/members-*.png`);
}

main()
  .catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(async () => {
    await env.browser?.close().catch(() => undefined);
    env.server?.kill('SIGTERM');
    if (!process.exitCode) rmSync(env.dir, { recursive: true, force: true });
  });
