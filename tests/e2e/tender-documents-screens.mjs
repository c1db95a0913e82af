#!/usr/bin/env node
// Screenshots of uploaded tender documents (docs/tendering.md, "Tender documents") in English
// and Arabic against the real server: the builder's documents step with two uploaded files
// and a file refused by its content, the officer's amendments tab after publication (new
// versions by amendment), and the supplier's tender page (download links, size, SHA-256).
//
//   TB_BIN=build/src/app/tenderbridge TB_WEB_DIST=web/dist node tests/e2e/tender-documents-screens.mjs
//
// Accounts come from `tenderbridge user create`; the committee's keys from `committee key new`
// and `tender keygen`; drafts, uploads and publication go through the API, the pictures
// through Debian's Chromium (playwright-core). Writes tests/e2e/screenshots/tender-documents-*.png.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
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
const AGENCY = 'United Nations Development Programme';
const { chromium } = createRequire(join(REPO, 'web', 'package.json'))('playwright-core');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const run = randomBytes(3).toString('hex');
const person = (who, name, role, organisation, kind) => ({
  who, name, role, organisation, kind,
  email: `${who}.${run}@${kind === 'supplier' ? 'supplier.example' : 'undp.example'}`,
  password: `Docs-${who}-${run}-pass!`,
});
const people = {
  officer: person('officer', 'Lena Officer', 'agency_officer', AGENCY, 'agency'),
  m1: person('m1', 'Ana Member', 'committee_member', AGENCY, 'agency'),
  m2: person('m2', 'Ben Member', 'committee_member', AGENCY, 'agency'),
  m3: person('m3', 'Chen Member', 'committee_member', AGENCY, 'agency'),
  supplier: person('supplier', 'Amina Odhiambo', 'supplier_user', `Zephyrine Solar ${run}`, 'supplier'),
};
const staff = ['officer', 'm1', 'm2', 'm3'];
const env = { dir: mkdtempSync(join(tmpdir(), 'tb-docs-screens-')), secrets: {}, ids: {}, used: {} };
const clock = new ServerClock();
const api = makeApi(() => env.base);
const cli = (args, options) => runCli(TB_BIN, REPO, args, options);
const code = (who) => freshCodeAt(env.secrets[who], (env.used[who] ??= new Set()), clock);

async function must(method, path, options, expected = [200, 201, 204]) {
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
  env.database = join(env.dir, 'docs.db');
  for (const p of Object.values(people)) {
    cli(['user', 'create', '--database', env.database, '--email', p.email, '--name', p.name, '--role', p.role,
      '--organisation', p.organisation, '--kind', p.kind, '--password-stdin'], { input: `${p.password}\n` });
  }
  const portFile = join(env.dir, 'port');
  env.server = spawn(TB_BIN, ['serve', '--database', env.database, '--port', '0', '--port-file', portFile,
    '--mail-dir', join(env.dir, 'mail'), '--no-access-log', '--rate-limit', 'login:ip=0/60',
    '--rate-limit', 'login:account=0/60', '--web', WEB_DIST],
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

function upload(session, ocid, fields, bytes, filename, type = 'application/pdf') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), filename);
  return api('POST', `/tenders/${ocid}/documents`, { session, form });
}

const nairobiDay = (days) => new Date(Date.now() + 3 * 3600_000 + days * 86400_000).toISOString().slice(0, 10) + 'T17:00';

async function prepareTender() {
  const officer = await apiSession('officer');
  const created = await must('POST', '/tenders', { session: officer, body: {
    reference: 'RFQ/UNDP/2027/014',
    title: 'Solar water pumps for Turkana clinics',
    description: 'Supply and installation of 12 solar-powered water pumps with three years of maintenance.',
    method: 'rfq', main_category: 'goods', countries: ['KE'],
    items: [{ id: '1', description: 'Solar pump 2 kW', unspsc: '40151500', quantity: 12, unit: 'EA' }],
    documents: [{ id: 'link-1', title: 'UNDP General Terms and Conditions', url: 'https://www.undp.org/procurement', document_type: 'contractDraft' }],
    deadline: nairobiDay(20), time_zone: 'Africa/Nairobi', evaluation: { method: 'lowest_price' }, currency: 'USD',
  } });
  env.ocid = created.json.ocid;
  for (const [fields, title, name] of [
    [{ kind: 'terms_of_reference', title: 'Terms of reference — solar pumps' }, 'Terms of reference', 'ToR solar pumps.pdf'],
    [{ kind: 'form', title: 'Price schedule form' }, 'Price schedule', 'price-schedule.pdf'],
  ]) {
    const answer = await upload(officer, env.ocid, fields, makePdf(title), name);
    if (answer.status !== 201) throw new Error(describe('POST', 'documents', answer));
  }
}

async function publish() {
  const officer = await apiSession('officer');
  await must('PUT', `/tenders/${env.ocid}/committee`, { session: officer, body: {
    opening: [env.ids.m1, env.ids.m2, env.ids.m3], evaluators: [], threshold: 2 } });
  const members = [];
  for (const who of ['m1', 'm2', 'm3']) {
    const keyFile = join(env.dir, `${who}.key`);
    const out = cli(['committee', 'key', 'new', '--out', keyFile], { env: { TB_PASSPHRASE: `pass-${who}-${run}` } });
    const publicKey = String(out).trim().split(/\s+/).find((w) => /^[A-Za-z0-9_-]{43}$/.test(w));
    if (!publicKey) throw new Error(`no public key in: ${out}`);
    await must('PUT', '/me/sealing-key', { session: await apiSession(who), body: { public_key: publicKey } });
    members.push(`${env.ids[who]}=${publicKey}`);
  }
  const body = JSON.parse(String(cli(['tender', 'keygen', '--threshold', '2', '--envelope', 'single', '--member', ...members])));
  await must('PUT', `/tenders/${env.ocid}/envelopes/single/key`, { session: await apiSession('m1'), body });
  await must('POST', `/tenders/${env.ocid}/publish`, { session: officer, body: {} });
  // A corrected version after publication: an amendment with its rationale.
  const tender = await must('GET', `/tenders/${env.ocid}/documents`, { session: officer });
  const tor = tender.json.items.find((d) => d.kind === 'terms_of_reference');
  const v2 = await upload(officer, env.ocid, { document_id: tor.id, rationale: 'Site map of the 12 clinics added' },
    makePdf('Terms of reference v2 with site map'), 'ToR solar pumps v2.pdf');
  if (v2.status !== 201) throw new Error(describe('POST', 'documents v2', v2));
}

let browser;
async function withPage(who, language, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
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
    await page.evaluate((lang) => window.localStorage.setItem('tenderbridge.language', lang), language);
    await body(page);
    if (problems.length) throw new Error(problems.join('; '));
  } catch (error) {
    await page.screenshot({ path: join(env.dir, 'failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${error.message}\n(failure screenshot: ${join(env.dir, 'failure.png')})`);
  } finally {
    await context.close();
  }
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
    env.ids[who] = (await must('GET', '/auth/session', { session: await apiSession(who) })).json.user.id;
  }
  await prepareTender();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const notPdf = join(env.dir, 'notes.pdf');
  writeFileSync(notPdf, 'These are plain-text notes, not a PDF.\n');
  for (const language of ['en', 'ar']) {
    await withPage('officer', language, async (page) => {
      await page.goto(`${env.base}/manage/tenders/${env.ocid}/edit?step=documents`);
      const panel = page.getByTestId('tender-uploads');
      await panel.getByTestId('uploaded-doc-2').waitFor();
      await panel.locator('select').first().selectOption('other');
      await page.getByTestId('tender-upload-file').setInputFiles(notPdf);
      await panel.getByRole('button', { name: /Upload|رفع/ }).click();
      await panel.getByRole('alert').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `tender-documents-builder-${language}.png`), fullPage: true });
    });
  }
  await publish();
  for (const language of ['en', 'ar']) {
    await withPage('officer', language, async (page) => {
      await page.goto(`${env.base}/manage/tenders/${env.ocid}?tab=amendments`);
      await page.getByTestId('tender-uploads').getByTestId('uploaded-doc-1').waitFor();
      await page.getByTestId('amendments').locator('li').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `tender-documents-amendments-${language}.png`), fullPage: true });
    });
  }
  for (const language of ['en', 'ar']) {
    await withPage('supplier', language, async (page) => {
      await page.goto(`${env.base}/tenders/${env.ocid}`);
      await page.getByTestId('uploaded-document').first().waitFor();
      await page.locator('section[aria-labelledby="tender-documents-heading"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `tender-documents-supplier-${language}.png`), fullPage: true });
    });
  }
  console.log(`tender-documents screens written to ${SCREENSHOTS}`);
}

main()
  .catch((error) => {
    console.error(error.message ?? error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close().catch(() => undefined);
    env.server?.kill('SIGTERM');
  });
