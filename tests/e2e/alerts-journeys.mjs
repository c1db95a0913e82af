// The browser journeys of alerts (issue #5 items 6 and 8), run by run.mjs against a server of
// their own: `tenderbridge demo` into a fresh SQLite file (the demo accounts, their passwords
// in <dir>/demo-accounts.txt, the FICTIONAL demo companies with their profiles), then `serve`
// with an admin token and a mail directory. Each step is a journey of its own (named alerts-*),
// so a failure names the step; a step whose predecessor failed fails at once saying so.
//
//   alerts-server        demo data, the server, the UNDP officer's second factor (API)
//   alerts-saved-search  a supplier searches, saves the search; the journey imports a matching
//                        notice through POST /admin/imports/ocds; within 60 s it is in the
//                        supplier's inbox (reason: the saved search) and the header counts it
//   alerts-settings      alert settings in English and Arabic: the saved search with its Atom
//                        feed (fetched: it lists the notice), the star on the notice, a change
//                        of frequency that survives a reload
//   alerts-for-you       a solar supplier's "For you" page in English and Arabic
//   alerts-officer       the officer's recommended-suppliers panel on the notice; inviting one
//                        supplier marks it "Invited"
//   alerts-phone         inbox and settings on a phone, in English and Arabic, without
//                        horizontal scrolling
//   alerts-unsubscribe   the unsubscribe link of the alert e-mail turns e-mail alerts off
//
// Screenshots: tests/e2e/screenshots/alerts-*.png.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStep } from './journey-steps.mjs';
import { startServer as startServerProcess, stopServer } from './server-process.mjs';
import { describe, freshCodeAt, makeApi, runCli, ServerClock } from './tender-helpers.mjs';

const INBOX_BOUND_MS = 60_000;
// A word no demo notice uses, so the saved search finds the imported notice alone.
const RARE_WORD = 'heliograph';

export function makeAlertsJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo, tbBin, webDist }) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const clock = new ServerClock();
  const env = { server: undefined, base: undefined, dir: undefined, failed: {}, done: new Set(), people: {}, secrets: {}, used: {}, ids: {} };
  const api = makeApi(() => env.base);
  const adminToken = randomBytes(24).toString('hex');
  const noticeTitle = `Solar ${RARE_WORD} kiosks for district clinics ${run}`;
  const searchName = `Heliograph kiosks ${run}`;
  // The searching supplier makes textiles: its profile does not match a solar notice, so the
  // alert can only come from the saved search.
  const searcher = 'yiwu-textile';
  const solar = 'qingpu-solar';
  const officer = 'officer.undp';

  async function must(method, path, options, expected = [200, 201, 202, 204]) {
    const answer = await api(method, path, options);
    if (!expected.includes(answer.status)) throw new Error(describe(method, path, answer));
    return answer;
  }

  const code = (who) => freshCodeAt(env.secrets[who], env.used[who], clock);

  async function apiSession(who) {
    const person = env.people[who];
    const body = { email: person.email, password: person.password };
    if (env.secrets[who]) body.totp = await code(who);
    const answer = await api('POST', '/auth/login', { body });
    if (answer.status !== 200) throw new Error(`API log-in of ${who}: ${describe('POST', '/auth/login', answer)}`);
    return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0], csrf: answer.json.csrf_token };
  }

  async function logIn(page, who) {
    const person = env.people[who];
    await page.goto(`${env.base}/login`);
    await page.getByLabel('E-mail address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    if (env.secrets[who]) {
      await page.getByLabel('Six-digit code').fill(await code(who));
      await page.getByRole('button', { name: 'Verify' }).click();
    }
    await page.getByRole('button', { name: /^Account menu for/ }).waitFor();
  }

  async function asPerson(browser, who, body, options = {}) {
    await withPage(browser, options, async (page) => {
      await logIn(page, who);
      try {
        await body(page);
      } catch (error) {
        await screenshot(page, `alerts-failed-${who.replace(/\W/g, '-')}`).catch(() => {});
        throw error;
      }
    });
  }

  async function switchLanguage(page, language, dir) {
    await page.getByLabel(/^(Language|اللغة)$/).selectOption(language);
    await page.waitForFunction((d) => document.documentElement.dir === d, dir);
  }

  // One OCDS release package (the shape of tests/api/cluster_test.cc): a UNDP tender for
  // solar kiosks with a UNSPSC item, open for two months.
  function ocdsPackage() {
    const now = new Date();
    const date = now.toISOString().replace(/\.\d+Z$/, 'Z');
    const deadline = new Date(now.getTime() + 60 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const ocid = `ocds-tbalerts-${run}`;
    return {
      uri: `https://example.org/tb-e2e-alerts/${run}`,
      version: '1.1',
      publishedDate: date,
      publisher: { name: 'TenderBridge e2e (fictional)' },
      releases: [
        {
          ocid,
          id: `${ocid}-1`,
          date,
          tag: ['tender'],
          initiationType: 'tender',
          language: 'en',
          buyer: { id: 'UNDP', name: 'UNDP' },
          tender: {
            id: 'T1',
            title: noticeTitle,
            description: `Supply and installation of solar panels and ${RARE_WORD} signal kiosks for rural clinics in Kenya.`,
            status: 'active',
            tenderPeriod: { endDate: deadline },
            items: [{ id: '1', description: 'Solar panels', classification: { scheme: 'UNSPSC', id: '26111600', description: 'Solar cells and panels' } }],
          },
        },
      ],
    };
  }

  const step = makeStep(env, check);

  const journeys = [
    step('alerts-server', [], async () => {
      if (!existsSync(tbBin)) throw new Error(`server binary not found: ${tbBin}`);
      env.dir = mkdtempSync(join(tmpdir(), 'tb-e2e-alerts-'));
      const database = join(env.dir, 'alerts.db');
      runCli(tbBin, repo, ['demo', '--database', database, 'data']);
      // "role<TAB>e-mail<TAB>password" lines; the key is the e-mail's local part.
      for (const line of readFileSync(join(env.dir, 'demo-accounts.txt'), 'utf8').split('\n')) {
        const [role, email, password] = line.split('\t');
        if (!line.startsWith('#') && email && password) env.people[email.split('@')[0]] = { role, email, password };
      }
      for (const who of [searcher, solar, officer]) check(env.people[who], `no demo account ${who} in demo-accounts.txt`);
      const started = await startServerProcess(
        tbBin,
        [
          '--database', database, '--mail-dir', join(env.dir, 'mail'), '--admin-token', adminToken,
          '--rate-limit', 'login:ip=0/60', '--rate-limit', 'login:account=0/60', '--web', webDist,
        ],
        { cwd: repo, out: join(env.dir, 'server.out'), err: join(env.dir, 'server.err'), portFile: join(env.dir, 'port'), label: 'alerts' },
      );
      env.server = started.server;
      env.base = started.base;
      // The API the journey needs must be there (it is the lead's backend of issue #5).
      const probe = await api('GET', '/me/saved-searches');
      check(probe.status === 401, `GET /me/saved-searches answered ${probe.status} to a visitor, not 401: is the alerts API in this build?`);
      env.used[officer] = new Set();
      const session = await apiSession(officer);
      const setup = await must('POST', '/auth/totp/setup', { session });
      env.secrets[officer] = setup.json.secret;
      await must('POST', '/auth/totp/confirm', { session, body: { code: await code(officer) } });
    }),

    step('alerts-saved-search', ['alerts-server'], async (browser) => {
      await asPerson(browser, searcher, async (page) => {
        await page.goto(`${env.base}/notices?q=${RARE_WORD}`);
        await page.locator('.results__summary, .empty, .alert').first().waitFor();
        await page.getByRole('button', { name: 'Save this search' }).click();
        const name = page.getByLabel('Name of the saved search');
        check((await name.inputValue()) === RARE_WORD, `the proposed name is "${await name.inputValue()}", not "${RARE_WORD}"`);
        await name.fill(searchName);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText(`Saved “${searchName}”`).waitFor();
        await screenshot(page, 'alerts-search-saved-en', { fullPage: false });

        const imported = await must('POST', '/admin/imports/ocds', { token: adminToken, body: ocdsPackage() });
        check(imported.json?.created === 1, `the import created ${imported.json?.created} notices, not 1: ${imported.text.slice(0, 300)}`);
        const started = Date.now();

        // The supplier waits on the inbox page, reloading as a user would.
        await page.goto(`${env.base}/inbox`);
        const item = page.getByTestId('inbox-item').filter({ hasText: noticeTitle });
        await eventually(
          async () => {
            if ((await item.count()) > 0) return true;
            await page.waitForTimeout(2000);
            await page.reload();
            await page.locator('[data-testid="inbox-item"], [data-testid="inbox-empty"]').first().waitFor();
            return (await item.count()) > 0;
          },
          `the imported notice is not in the inbox after ${INBOX_BOUND_MS / 1000} s`,
          INBOX_BOUND_MS,
        );
        console.log(`      alert in the inbox ${((Date.now() - started) / 1000).toFixed(1)} s after the import`);
        check(
          (await item.getByTestId('reason-badge').innerText()).includes(searchName),
          `the alert does not name the saved search: ${await item.getByTestId('reason-badge').innerText()}`,
        );
        check((await item.getAttribute('data-unread')) === 'true', 'the new alert is not unread');
        await page.getByTestId('unread-badge').waitFor();
        env.ids.noticePath = new URL(await item.getByRole('link', { name: noticeTitle }).getAttribute('href'), env.base).pathname;
        await screenshot(page, 'alerts-inbox-en', { fullPage: false });
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 1, name: 'صندوق الوارد' }).waitFor();
        await screenshot(page, 'alerts-inbox-ar', { fullPage: false });
        await switchLanguage(page, 'en', 'ltr');
        // Opening the notice marks the alert read.
        await item.getByRole('link', { name: noticeTitle }).click();
        await page.locator('h1#notice-title').waitFor();
        await page.goto(`${env.base}/inbox`);
        await eventually(async () => (await item.getAttribute('data-unread')) === null, 'opening the notice did not mark the alert read');
      });
    }),

    step('alerts-settings', ['alerts-saved-search'], async (browser) => {
      await asPerson(browser, searcher, async (page) => {
        await page.goto(`${env.base}${env.ids.noticePath}`);
        await page.getByTestId('save-notice').click();
        await page.locator('[data-testid="save-notice"][aria-pressed="true"]').waitFor();
        await page.goto(`${env.base}/settings`);
        await page.getByRole('link', { name: 'Open the alert settings' }).click();
        const saved = page.getByTestId('saved-search').filter({ hasText: searchName });
        await saved.waitFor();
        const feed = await saved.getByLabel('Atom feed address').inputValue();
        const atom = await (await fetch(feed)).text();
        check(atom.includes('<feed') && atom.includes(RARE_WORD), 'the saved search feed is not an Atom feed listing the notice');
        await page.getByTestId('saved-notice').filter({ hasText: noticeTitle }).waitFor();
        const calendar = await page.getByLabel('Calendar (ICS) address').inputValue();
        const ics = await (await fetch(calendar)).text();
        check(ics.startsWith('BEGIN:VCALENDAR') && ics.includes('BEGIN:VEVENT'), 'the saved notices calendar has no event');
        await page.getByRole('radio', { name: /^Daily digest/ }).check();
        await page.getByRole('button', { name: 'Save the settings' }).click();
        await page.getByText('Settings saved.').waitFor();
        await screenshot(page, 'alerts-settings-en');
        await page.reload();
        await page.getByRole('radio', { name: /^Daily digest/ }).waitFor();
        check(await page.getByRole('radio', { name: /^Daily digest/ }).isChecked(), 'the daily frequency did not survive a reload');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 1, name: 'إعدادات التنبيهات' }).waitFor();
        await screenshot(page, 'alerts-settings-ar');
        await switchLanguage(page, 'en', 'ltr');
      });
    }),

    step('alerts-for-you', ['alerts-server'], async (browser) => {
      await asPerson(browser, solar, async (page) => {
        await page.getByRole('link', { name: 'For you' }).click();
        await page.locator('[data-testid="recommendation"], [data-testid="for-you-empty"], .alert').first().waitFor({ timeout: 30_000 });
        const cards = await page.getByTestId('recommendation').count();
        check(cards >= 1, 'no recommendation for the solar demo company');
        check((await page.getByTestId('why-chip').count()) >= 1, 'no explanation chip on the recommendations');
        await screenshot(page, 'alerts-for-you-en');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 1, name: 'مقترح لك' }).waitFor();
        await screenshot(page, 'alerts-for-you-ar');
        await switchLanguage(page, 'en', 'ltr');
      });
    }),

    step('alerts-officer', ['alerts-saved-search'], async (browser) => {
      // Officers are shown submitted or approved suppliers only; the demo loads the solar
      // company submitted (data/demo/suppliers.json "submit_for_review").
      const session = await apiSession(solar);
      const me = await must('GET', '/auth/session', { session });
      const company = me.json.memberships.find((m) => m.kind === 'supplier')?.organisation_id;
      check(company, `the ${solar} demo user has no supplier membership`);
      const profile = await must('GET', `/suppliers/${company}/profile`, { session });
      check(profile.json.state === 'submitted', `the demo solar company is ${profile.json.state}, not submitted`);
      await asPerson(browser, officer, async (page) => {
        await page.goto(`${env.base}${env.ids.noticePath}`);
        const panel = page.getByTestId('recommended-suppliers');
        await panel.waitFor();
        await panel.locator('[data-testid="recommended-supplier"], [data-testid="suppliers-none"], .alert').first().waitFor();
        const rows = panel.getByTestId('recommended-supplier');
        check((await rows.count()) >= 1, `no recommended supplier: ${(await panel.innerText()).slice(0, 300)}`);
        const first = rows.first();
        const name = (await first.locator('.supplier-ranking__name').innerText()).trim();
        await first.getByRole('checkbox').check();
        await panel.getByRole('button', { name: /^Invite selected/ }).click();
        await panel.getByText(/^Invitations sent: 1$/).waitFor();
        await rows.filter({ hasText: name }).getByText('Invited').waitFor();
        await screenshot(page, 'alerts-officer-en');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 2, name: 'الموردون المقترحون' }).waitFor();
        await screenshot(page, 'alerts-officer-ar');
        await switchLanguage(page, 'en', 'ltr');
      });
    }),

    step('alerts-phone', ['alerts-settings'], async (browser) => {
      const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
      await asPerson(
        browser,
        searcher,
        async (page) => {
          await page.goto(`${env.base}/inbox`);
          await page.getByTestId('inbox-item').first().waitFor();
          await noHorizontalScroll(page);
          await screenshot(page, 'alerts-phone-inbox-en', { fullPage: false });
          await page.goto(`${env.base}/settings/alerts`);
          await page.getByTestId('saved-search').first().waitFor();
          await noHorizontalScroll(page);
          await switchLanguage(page, 'ar', 'rtl');
          await noHorizontalScroll(page);
          await screenshot(page, 'alerts-phone-settings-ar');
          await switchLanguage(page, 'en', 'ltr');
        },
        phone,
      );
    }),

    step('alerts-unsubscribe', ['alerts-saved-search'], async (browser) => {
      // The instant alert e-mail of the saved search carries the unsubscribe link.
      const mailDir = join(env.dir, 'mail');
      const mails = existsSync(mailDir) ? listFiles(mailDir).map((file) => readFileSync(file, 'utf8')) : [];
      const mail = mails.find((text) => text.includes(env.people[searcher].email) && /unsubscribe/i.test(text));
      check(mail, `no alert e-mail with an unsubscribe link for ${env.people[searcher].email} among ${mails.length} mails`);
      const link = unfold(mail).match(/(?:https?:\/\/[^\s"<>]*)?\/unsubscribe[?#]token=[A-Za-z0-9_\-%.=]+/)?.[0];
      check(link, 'the alert e-mail has no /unsubscribe?token=… link');
      await withPage(browser, {}, async (page) => {
        // The journey's server is on a loopback port of its own, whatever origin the link names.
        const url = new URL(link, env.base);
        await page.goto(`${env.base}${url.pathname}${url.search}${url.hash}`);
        await page.getByRole('button', { name: 'Stop alert e-mails' }).click();
        await page.getByTestId('unsubscribed').waitFor();
        await screenshot(page, 'alerts-unsubscribe-en', { fullPage: false });
      });
      const session = await apiSession(searcher);
      const settings = await must('GET', '/me/alert-settings', { session });
      check(settings.json.email === false, 'e-mail alerts are still on after unsubscribing');
    }),
  ];

  async function cleanup() {
    await stopServer(env.server);
    if (env.dir && !process.env.TB_E2E_KEEP) rmSync(env.dir, { recursive: true, force: true });
    else if (env.dir) console.log(`alerts: kept ${env.dir}`);
  }

  return { journeys, cleanup };
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

// Quoted-printable soft line breaks ("=\r\n") and "=3D" would cut a link in two.
function unfold(text) {
  return text.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
}
