#!/usr/bin/env node
// Screenshots of the officer and committee screens of issue #6 (web/src/features/tenders/), in
// English and Arabic, against the real server: the tender builder (with the server's refusal
// of a deadline in a daylight-saving gap), the committee and key ceremony, the opening
// ceremony before and after the deadline, and an evaluator's scoring sheet.
//
//   TB_BIN=build/release/src/app/tenderbridge TB_WEB_DIST=web/dist node tests/e2e/tenders-screens.mjs
//
// It starts `serve --test-clock` on a fresh SQLite file with the UNSPSC catalogue, makes the
// accounts with `tenderbridge user create`, drives Debian's Chromium with playwright-core and
// writes tests/e2e/screenshots/tenders-*.png. Most steps go through the screens themselves
// (builder, committee, sealing key, key ceremony, publication, opening ceremony, declaration,
// scoring); the bids are sealed with `tenderbridge bid seal` and the second member's share is
// sent through the API, since those are other people's screens. The whole-RFP journey with
// assertions is tender-journeys.mjs; this script takes pictures and stops at the first failure.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePdf } from './account-helpers.mjs';
import { describe, freshCodeAt, makeApi, runCli, ServerClock } from './tender-helpers.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TB_BIN = resolve(REPO, process.env.TB_BIN ?? 'build/release/src/app/tenderbridge');
const WEB_DIST = resolve(REPO, process.env.TB_WEB_DIST ?? 'web/dist');
const SCREENSHOTS = join(REPO, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.TB_CHROMIUM ?? '/usr/bin/chromium';
const DAY = 24 * 3600_000;
const AGENCY = 'United Nations Development Programme';

const { chromium } = createRequire(join(REPO, 'web', 'package.json'))('playwright-core');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const run = randomBytes(3).toString('hex');
const person = (who, name, role, organisation, kind) => ({
  who,
  name,
  role,
  organisation,
  kind,
  email: `${who}.${run}@${kind === 'supplier' ? `${who}.example` : 'undp.example'}`,
  password: `Screens-${who}-${run}-pass!`,
});
const people = {
  officer: person('officer', 'Lena Officer', 'agency_officer', AGENCY, 'agency'),
  approver: person('approver', 'Kwame Approver', 'agency_officer', AGENCY, 'agency'),
  m1: person('m1', 'Ana Member', 'committee_member', AGENCY, 'agency'),
  m2: person('m2', 'Ben Member', 'committee_member', AGENCY, 'agency'),
  m3: person('m3', 'Chen Member', 'committee_member', AGENCY, 'agency'),
  evaluator: person('evaluator', 'Eva Evaluator', 'evaluator', AGENCY, 'agency'),
  supplierA: person('supplierA', 'Amina Odhiambo', 'supplier_user', `Zephyrine Solar ${run}`, 'supplier'),
  supplierB: person('supplierB', 'Bao Tran', 'supplier_user', `Lotus Energy ${run}`, 'supplier'),
};
const staff = ['officer', 'approver', 'm1', 'm2', 'm3', 'evaluator'];

const env = { dir: mkdtempSync(join(tmpdir(), 'tb-h6-screens-')), adminToken: `tb-screens-${randomBytes(12).toString('hex')}`, secrets: {}, ids: {}, used: {} };
const clock = new ServerClock();
const api = makeApi(() => env.base);
const cli = (args, options) => runCli(TB_BIN, REPO, args, options);
const code = (who) => freshCodeAt(env.secrets[who], (env.used[who] ??= new Set()), clock);

async function must(method, path, options, expected = [200, 201, 202, 204]) {
  const answer = await api(method, path, options);
  if (!expected.includes(answer.status)) throw new Error(describe(method, path, answer));
  return answer;
}

async function apiSession(who) {
  const p = people[who];
  const body = { email: p.email, password: p.password };
  if (env.secrets[who]) body.totp = await code(who);
  const answer = await must('POST', '/auth/login', { body });
  return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0], csrf: answer.json.csrf_token };
}

async function startServer() {
  env.database = join(env.dir, 'screens.db');
  cli(['import', 'unspsc', '--database', env.database, join(REPO, 'data/unspsc/unspsc-v7-multilingual.csv')]);
  for (const p of Object.values(people)) {
    cli(['user', 'create', '--database', env.database, '--email', p.email, '--name', p.name, '--role', p.role,
      '--organisation', p.organisation, '--kind', p.kind, '--password-stdin'], { input: `${p.password}\n` });
  }
  const portFile = join(env.dir, 'port');
  env.server = spawn(TB_BIN, ['serve', '--database', env.database, '--port', '0', '--port-file', portFile,
    '--mail-dir', join(env.dir, 'mail'), '--admin-token', env.adminToken, '--test-clock', '--no-access-log',
    '--rate-limit', 'login:ip=0/60', '--rate-limit', 'login:account=0/60', '--web', WEB_DIST],
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

async function setServerClock(ms) {
  const answer = await must('POST', '/test/clock', { token: env.adminToken, body: { now: new Date(ms).toISOString() } });
  clock.movedTo(Date.parse(answer.json.now));
}

// ---------------------------------------------------------------- the browser

let browser;

async function withPage(who, language, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  await context.addInitScript((lang) => {
    if (!window.localStorage.getItem('tenderbridge.language')) window.localStorage.setItem('tenderbridge.language', lang);
  }, language);
  await context.clock.install({ time: clock.now() });
  await context.clock.resume();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  try {
    await logIn(page, who);
    await body(page);
    if (problems.length) throw new Error(problems.join('; '));
  } catch (error) {
    await page.screenshot({ path: join(env.dir, 'failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${error.message}\n(failure screenshot: ${join(env.dir, 'failure.png')}; ${problems.join('; ')})`);
  } finally {
    await context.close();
  }
}

// The log-in page in English (the language is switched after, so labels are known here).
async function logIn(page, who) {
  const p = people[who];
  await page.goto(`${env.base}/login`);
  await page.evaluate(() => window.localStorage.setItem('tenderbridge.language', 'en'));
  await page.reload();
  await page.getByLabel('E-mail address').fill(p.email);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (env.secrets[who]) {
    await page.getByLabel('Six-digit code').fill(await code(who));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('button', { name: `Account menu for ${p.name}` }).waitFor();
}

async function inLanguage(page, language, path) {
  await page.evaluate((lang) => window.localStorage.setItem('tenderbridge.language', lang), language);
  await page.goto(`${env.base}${path}`);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

async function shot(page, name) {
  await sleep(300); // let the last render and fonts settle before the picture
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  console.log(`screenshot ${name}.png`);
}

async function saved(page) {
  await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
}

// ---------------------------------------------------------------- the steps

const tenderPath = () => `/manage/tenders/${encodeURIComponent(env.ocid)}`;

async function buildDraft() {
  await withPage('officer', 'en', async (page) => {
    await page.goto(`${env.base}/manage/tenders`);
    await page.getByTestId('new-tender').click();
    await page.getByTestId('tender-builder').waitFor();
    env.ocid = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]);
    await page.getByTestId('tender-reference').fill(`RFP/UNDP-KEN/${run}`);
    await page.getByTestId('tender-title').fill('Solar water pumping systems for Turkana schools');
    await page.getByTestId('tender-description').fill('Supply, installation and two years of maintenance of solar water pumping systems for 12 primary schools in Turkana County.');
    await page.getByTestId('tender-method-rfp').check();
    await page.getByTestId('tender-category').selectOption('goods');
    await page.getByTestId('tender-estimated-value').fill('250000.00');
    await page.getByTestId('tender-countries').selectOption('KE');
    await saved(page);
    await shot(page, 'tenders-wizard-basics-en');

    await page.getByTestId('builder-step-items').click();
    await page.getByTestId('add-item').click();
    await page.getByTestId('item-0-description').fill('Solar submersible pump, 2.2 kW, with controller');
    const picker = page.getByTestId('item-0').getByRole('combobox');
    await picker.fill('40151500');
    await page.getByTestId('item-0').getByRole('option').first().click();
    await page.getByTestId('item-0-quantity').fill('12');
    await saved(page);
    await shot(page, 'tenders-wizard-items-en');

    // A deadline in New York's spring-forward gap: the server refuses it (ET-13).
    await page.getByTestId('builder-step-deadline').click();
    await page.getByTestId('tender-time-zone').selectOption('America/New_York');
    await page.getByTestId('tender-deadline').fill('2027-03-14T02:30');
    await page.getByTestId('save-status').filter({ hasText: 'Not saved' }).waitFor();
    await shot(page, 'tenders-wizard-deadline-dst-en');
    env.deadlineLocal = new Date(clock.now() + 30 * DAY).toISOString().slice(0, 10) + 'T17:00';
    await page.getByTestId('tender-deadline').fill(env.deadlineLocal);
    await saved(page);
    await shot(page, 'tenders-wizard-deadline-en');

    await page.getByTestId('builder-step-evaluation').click();
    await page.getByTestId('evaluation-method-weighted').check();
    await page.getByTestId('add-criterion').click();
    await page.getByTestId('criterion-0-title').fill('Technical approach and work plan');
    await page.getByTestId('criterion-0-weight').fill('60');
    await page.getByTestId('add-sustainability-criterion').click();
    await page.getByTestId('criterion-1-title').fill('Sustainability: recycling and local maintenance');
    await page.getByTestId('criterion-1-weight').fill('40');
    await saved(page);
    await shot(page, 'tenders-wizard-evaluation-en');

    // The committee by user number (there is no people picker route yet).
    await page.getByTestId('builder-step-committee').click();
    const byId = page.getByLabel('Add a person by user number');
    for (const who of ['m1', 'm2', 'm3']) {
      await byId.fill(String(env.ids[who]));
      await page.getByRole('button', { name: 'As opening member' }).click();
    }
    await byId.fill(String(env.ids.evaluator));
    await page.getByRole('button', { name: 'As evaluator' }).click();
    await page.getByTestId('save-committee').click();
    await page.getByText('Committee saved.').waitFor();
    // An ET-06 refusal shown beside the member: the creator may not open.
    await byId.fill(String(env.ids.officer));
    await page.getByRole('button', { name: 'As opening member' }).click();
    await page.getByTestId('save-committee').click();
    await page.getByTestId('opening-3-error').waitFor();
    await shot(page, 'tenders-wizard-committee-refused-en');
  });
  // The page was left with an unsaved committee; the saved one has three openers.
}

async function sealingKeys() {
  // Ana makes her key in the browser and downloads the key file.
  await withPage('m1', 'en', async (page) => {
    await page.goto(`${env.base}/committee/sealing-key`);
    env.m1Passphrase = `${people.m1.password}-key`;
    await page.getByTestId('new-key-passphrase').fill(env.m1Passphrase);
    await page.getByTestId('new-key-passphrase-again').fill(env.m1Passphrase);
    const download = page.waitForEvent('download');
    await page.getByTestId('create-sealing-key').click();
    const file = await download;
    env.m1KeyFile = join(env.dir, 'm1-key.json');
    await file.saveAs(env.m1KeyFile);
    await page.getByTestId('sealing-key-saved').check();
    await page.getByTestId('register-sealing-key').click();
    await page.getByTestId('sealing-key-registered').waitFor();
    await shot(page, 'tenders-sealing-key-en');
    await inLanguage(page, 'ar', '/committee/sealing-key');
    await shot(page, 'tenders-sealing-key-ar');
  });
  // Ben and Chen use the command line, as some members will.
  env.keys = {};
  for (const who of ['m2', 'm3']) {
    const file = join(env.dir, `${who}-key.json`);
    const passphrase = `${people[who].password}-key`;
    const out = cli(['committee', 'key', 'new', '--out', file], { env: { TB_PASSPHRASE: passphrase } });
    const publicKey = /[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    env.keys[who] = { file, passphrase, publicKey };
    await must('PUT', '/me/sealing-key', { session: await apiSession(who), body: { public_key: publicKey } });
  }
}

async function keyCeremonyAndPublish() {
  await withPage('m1', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=committee`);
    await page.getByTestId('run-key-ceremony').click();
    await page.getByTestId('fingerprint-single').waitFor({ timeout: 60_000 });
    await shot(page, 'tenders-key-ceremony-en');
    await inLanguage(page, 'ar', `${tenderPath()}?tab=committee`);
    await page.getByTestId('fingerprint-single').waitFor();
    await shot(page, 'tenders-key-ceremony-ar');
  });
  await withPage('officer', 'en', async (page) => {
    await inLanguage(page, 'ar', `${tenderPath()}/edit?step=basics`);
    await page.getByTestId('tender-builder').waitFor();
    await shot(page, 'tenders-wizard-basics-ar');
    await inLanguage(page, 'ar', `${tenderPath()}/edit?step=evaluation`);
    await shot(page, 'tenders-wizard-evaluation-ar');
    await inLanguage(page, 'ar', `${tenderPath()}/edit?step=deadline`);
    await page.getByTestId('tender-deadline').fill('2027-03-14T02:30');
    await page.getByTestId('save-status').filter({ hasText: /./ }).waitFor();
    await page.locator('.field__error').first().waitFor();
    await sleep(1500);
    await shot(page, 'tenders-wizard-deadline-dst-ar');
    await page.getByTestId('tender-deadline').fill(env.deadlineLocal);
    await sleep(1500);
    await inLanguage(page, 'en', `${tenderPath()}/edit?step=review`);
    await shot(page, 'tenders-wizard-review-en');
    await page.getByTestId('publish-tender').click();
    await page.waitForURL(/\/manage\/tenders\/[^/]+$/);
    await page.getByTestId('tender-state').filter({ hasText: 'Published' }).waitFor();
  });
}

async function questionsAndAmendments() {
  const ocidPath = `/tenders/${encodeURIComponent(env.ocid)}`;
  await must('POST', `${ocidPath}/clarifications`, {
    session: await apiSession('supplierA'),
    body: { question: 'Can the pumps be delivered in two batches, the first within 30 days?' },
  });
  await must('POST', `${ocidPath}/clarifications`, {
    session: await apiSession('supplierB'),
    body: { question: 'Is a five-year warranty on the panels acceptable instead of ten?' },
  });
  await withPage('officer', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=clarifications`);
    await page.getByTestId('answer-1').fill('Yes. Two deliveries are accepted; state the dates in your work plan.');
    await page.getByTestId('publish-answer-1').click();
    await page.getByText('Answered (1)').waitFor();
    await shot(page, 'tenders-clarifications-en');
    await inLanguage(page, 'ar', `${tenderPath()}?tab=clarifications`);
    await page.getByTestId('clarifications').waitFor();
    await shot(page, 'tenders-clarifications-ar');
    await inLanguage(page, 'en', `${tenderPath()}?tab=amendments`);
    await page.getByTestId('amend-rationale').fill('The terms of reference now include maintenance training for two caretakers per school.');
    await page.getByTestId('amend-substantive').check();
    await page.getByLabel('Description').fill('Supply, installation, caretaker training and two years of maintenance of solar water pumping systems for 12 primary schools in Turkana County.');
    await page.getByTestId('publish-amendment').click();
    await page.getByTestId('amendment-result').waitFor();
    await shot(page, 'tenders-amendments-en');
    await inLanguage(page, 'en', `${tenderPath()}?tab=overview`);
    await page.getByTestId('reconfirm-notice').waitFor();
    await shot(page, 'tenders-overview-en');
  });
}

async function bids() {
  const tender = await must('GET', `/tenders/${encodeURIComponent(env.ocid)}`, {});
  env.deadline = Date.parse(tender.json.deadline);
  const key = tender.json.submission.envelopes.find((e) => e.envelope === 'single').public_key;
  await setServerClock(env.deadline - 3600_000);
  for (const [who, price] of [['supplierA', '231500.00'], ['supplierB', '248900.00']]) {
    const bid = `bid-${who}-${run}`;
    const offer = join(env.dir, `${who}-offer.pdf`);
    writeFileSync(offer, makePdf(`${people[who].organisation} technical offer`));
    const sealed = join(env.dir, `${who}.env`);
    cli(['bid', 'seal', '--tender', env.ocid, '--bid', bid, '--envelope', 'single', '--public-key', key,
      '--price', price, '--currency', 'USD', '--out', sealed, offer]);
    const session = await apiSession(who);
    const form = new FormData();
    form.append('single', new Blob([readFileSync(sealed)]), `${bid}.env`);
    await must('POST', `/tenders/${encodeURIComponent(env.ocid)}/bids/${bid}`, { session, form, headers: { 'Idempotency-Key': `${bid}-1` } });
  }
}

async function ceremony() {
  // Before the deadline: the member sees the deadline and nothing else.
  for (const language of ['en', 'ar']) {
    await withPage('m1', 'en', async (page) => {
      await inLanguage(page, language, `${tenderPath()}?tab=opening`);
      await page.getByTestId('opening-sealed').waitFor();
      await shot(page, `tenders-ceremony-sealed-${language}`);
    });
  }
  await setServerClock(env.deadline + 60_000);
  for (let i = 0; i < 100; i += 1) {
    const t = await must('GET', `/tenders/${encodeURIComponent(env.ocid)}`, {});
    if (t.json.state === 'closed') break;
    await sleep(200);
  }
  // Ana: key file, passphrase, unseal, release, second factor.
  await withPage('m1', 'en', async (page) => {
    await inLanguage(page, 'ar', `${tenderPath()}?tab=opening`);
    await page.getByTestId('opening-progress').waitFor();
    await page.getByTestId('key-file-single').setInputFiles(env.m1KeyFile);
    await page.getByTestId('key-passphrase-single').fill(env.m1Passphrase);
    await page.getByTestId('unlock-share-single').click();
    await page.getByTestId('share-fingerprint').waitFor({ timeout: 60_000 });
    await shot(page, 'tenders-ceremony-unsealed-ar');
    await inLanguage(page, 'en', `${tenderPath()}?tab=opening`);
    await page.getByTestId('key-file-single').setInputFiles(env.m1KeyFile);
    await page.getByTestId('key-passphrase-single').fill(env.m1Passphrase);
    await page.getByTestId('unlock-share-single').click();
    await page.getByTestId('share-fingerprint').waitFor({ timeout: 60_000 });
    await shot(page, 'tenders-ceremony-unsealed-en');
    await page.getByTestId('release-share-single').click();
    // The log-in just now counts as a fresh step-up; the form appears only when it is stale.
    const stepUp = page.getByTestId('step-up');
    const done = page.getByText('Your share is in. Waiting for the other members.');
    await Promise.race([stepUp.waitFor(), done.waitFor()]);
    if (await stepUp.isVisible()) {
      await shot(page, 'tenders-ceremony-step-up-en');
      await page.getByTestId('step-up-password').fill(people.m1.password);
      await page.getByTestId('step-up-code').fill(await code('m1'));
      await page.getByTestId('step-up-confirm').click();
    }
    await done.waitFor();
    await shot(page, 'tenders-ceremony-progress-en');
    await inLanguage(page, 'ar', `${tenderPath()}?tab=opening`);
    await page.getByTestId('opening-progress').waitFor();
    await shot(page, 'tenders-ceremony-progress-ar');
  });
  // Ben releases his share through the API (unsealed with the CLI): the k-th share opens.
  const m2 = await apiSession('m2');
  const mine = await must('GET', `/tenders/${encodeURIComponent(env.ocid)}/envelopes/single/my-share`, { session: m2 });
  const share = cli(['committee', 'share', 'unseal', '--key', env.keys.m2.file, '--sealed', mine.json.sealed_share], {
    env: { TB_PASSPHRASE: env.keys.m2.passphrase },
  }).trim().split(/\s+/).pop();
  await must('POST', `/tenders/${encodeURIComponent(env.ocid)}/openings/single/shares`, { session: m2, body: { share } });
  await withPage('m1', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=opening`);
    await page.getByTestId('opening-record').waitFor();
    await shot(page, 'tenders-ceremony-record-en');
    await inLanguage(page, 'ar', `${tenderPath()}?tab=opening`);
    await page.getByTestId('opening-record').waitFor();
    await shot(page, 'tenders-ceremony-record-ar');
  });
}

async function evaluation() {
  await withPage('officer', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=evaluation`);
    await page.getByTestId('start-evaluation').click();
    await page.getByTestId('evaluation').and(page.locator('[data-stage="technical"]')).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="start-evaluation"]'));
  });
  await withPage('evaluator', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=evaluation`);
    await page.getByTestId('coi-declaration').waitFor();
    await shot(page, 'tenders-evaluation-declaration-en');
    await page.getByTestId('coi-none').check();
    await page.getByTestId('coi-submit').click();
    await page.getByTestId('scoring-sheet').waitFor();
    const sheet = page.getByTestId('scoring-sheet');
    await sheet.getByTestId('score-c1').fill('8');
    await sheet.getByTestId('comment-c1').fill('Clear work plan with a realistic schedule for the 12 schools.');
    await sheet.getByTestId('score-c2').fill('6');
    await shot(page, 'tenders-evaluation-sheet-en');
    await sheet.getByTestId('save-sheet').click();
    await page.getByText('Sheet saved.').waitFor();
    await inLanguage(page, 'ar', `${tenderPath()}?tab=evaluation`);
    await page.getByTestId('scoring-sheet').waitFor();
    await shot(page, 'tenders-evaluation-sheet-ar');
    await inLanguage(page, 'en', `${tenderPath()}?tab=evaluation`);
    await page.getByTestId(`sheet-bid-bid-supplierB-${run}`).click();
    const second = page.getByTestId('scoring-sheet').filter({ hasText: 'Lotus Energy' });
    await second.getByTestId('score-c1').fill('6');
    await second.getByTestId('score-c2').fill('9');
    await second.getByTestId('save-sheet').click();
    await page.getByText('Sheet saved.').waitFor();
  });
  await withPage('officer', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=evaluation`);
    await page.getByTestId('close-technical').click();
    await page.getByTestId('ranking').waitFor();
    await shot(page, 'tenders-evaluation-ranking-en');
    await page.goto(`${env.base}${tenderPath()}?tab=award`);
    await page.getByTestId('recommend-award').click();
    await page.getByTestId('award').and(page.locator('[data-stage="recommended"]')).waitFor();
  });
  await withPage('approver', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=award`);
    await page.getByTestId('decision-comment').fill('Approved by the contracts committee.');
    await page.getByTestId('approve-award').click();
    await page.getByTestId('award').and(page.locator('[data-stage="approved"]')).waitFor();
  });
  await withPage('officer', 'en', async (page) => {
    await page.goto(`${env.base}${tenderPath()}?tab=award`);
    await page.getByTestId('publish-award').click();
    await page.getByTestId('award-notice').waitFor();
    await page.getByTestId('standstill').waitFor();
    await shot(page, 'tenders-award-en');
    await inLanguage(page, 'ar', `${tenderPath()}?tab=award`);
    await page.getByTestId('award-notice').waitFor();
    await shot(page, 'tenders-award-ar');
  });
}

async function main() {
  if (!existsSync(TB_BIN)) throw new Error(`no server binary at ${TB_BIN}`);
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`no built web UI in ${WEB_DIST}`);
  await startServer();
  for (const who of staff) {
    const session = await apiSession(who);
    const setup = await must('POST', '/auth/totp/setup', { session });
    env.secrets[who] = setup.json.secret;
    await must('POST', '/auth/totp/confirm', { session, body: { code: await code(who) } });
  }
  for (const who of Object.keys(people)) {
    const me = await must('GET', '/auth/session', { session: await apiSession(who) });
    env.ids[who] = me.json.user.id;
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const steps = { buildDraft, sealingKeys, keyCeremonyAndPublish, questionsAndAmendments, bids, ceremony, evaluation };
  const only = process.env.TB_SCREENS_UNTIL;
  for (const [name, step] of Object.entries(steps)) {
    console.log(`step ${name}`);
    await step();
    if (name === only) break;
  }
}

main()
  .then(() => console.log('tenders screens: done'))
  .catch((error) => {
    console.error(`tenders screens: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => undefined);
    env.server?.kill('SIGTERM');
    if (process.env.TB_E2E_KEEP) console.log(`kept ${env.dir}`);
    else rmSync(env.dir, { recursive: true, force: true });
  });
