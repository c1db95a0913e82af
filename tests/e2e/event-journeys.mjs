// The browser journey of an event (issue #7 item 8), run by run.mjs against a server of its
// own (`tenderbridge serve` on a fresh SQLite file; accounts made with `tenderbridge user
// create`, second factors enrolled through the API as in tender-journeys.mjs). Each step is a
// journey of its own (all named ev-*), so a failure names the step; a step whose predecessor
// failed fails at once saying so.
//
//   ev-server     accounts (centre staff, two officers of two agencies, a supplier), the server
//   ev-create     staff build the event in the builder (day, sessions, break, room, briefing
//                 with a speaker) and open registration; the public page in English and Arabic
//   ev-officers   both officers register from the event page (focus, codes)
//   ev-requests   the supplier registers its company and requests two meetings (one named
//                 officer, one agency) with priority and reason; the quota counts them
//   ev-accept     each officer accepts the request in its incoming list
//   ev-schedule   staff check the supplier in, see the request overview, run the scheduler
//                 (progress bar), read the
//                 quality against the bound, publish; table plan in English and Arabic
//   ev-agenda     the supplier's agenda shows two meetings; the .ics download holds the two
//                 meetings as VEVENTs (plus the briefing)
//
// Screenshots: tests/e2e/screenshots/events-*.png.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer as startServerProcess, stopServer } from './server-process.mjs';
import { describe, freshCodeAt, makeApi, runCli, ServerClock } from './tender-helpers.mjs';
import { makeStep } from './journey-steps.mjs';

export function makeEventJourneys({ withPage, screenshot, check, eventually, repo, tbBin, webDist }) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const person = (who, name, role, organisation, kind) => ({
    who,
    email: `${who}.${run}@${kind}.example`,
    password: `Ev-${who}-${run}-pass!`,
    name,
    role,
    organisation,
    kind,
  });
  const people = {
    staff: person('staff', 'Omar Staff', 'centre_staff', undefined, 'centre'),
    lena: person('lena', 'Lena Officer', 'agency_officer', 'United Nations Development Programme', 'agency'),
    chen: person('chen', 'Chen Wu', 'agency_officer', "United Nations Children's Fund", 'agency'),
    supplier: person('supplier', 'Amina Yusuf', 'supplier_user', `Sahel Energy ${run}`, 'supplier'),
  };
  const mfa = ['staff', 'lena', 'chen'];
  const clock = new ServerClock();
  const env = { server: undefined, base: undefined, dir: undefined, secrets: {}, used: {}, failed: {}, done: new Set(), ids: {} };
  for (const who of Object.keys(people)) env.used[who] = new Set();
  const api = makeApi(() => env.base);
  const code = (who) => freshCodeAt(env.secrets[who], env.used[who], clock);
  const eventPath = () => `/events/${env.ids.event}`;

  async function must(method, path, options, expected = [200, 201, 202, 204]) {
    const answer = await api(method, path, options);
    if (!expected.includes(answer.status)) throw new Error(describe(method, path, answer));
    return answer;
  }

  async function apiSession(who) {
    const p = people[who];
    const body = { email: p.email, password: p.password };
    if (env.secrets[who]) body.totp = await code(who);
    const answer = await api('POST', '/auth/login', { body });
    if (answer.status !== 200) throw new Error(`API log-in of ${who}: ${describe('POST', '/auth/login', answer)}`);
    return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0], csrf: answer.json.csrf_token };
  }

  async function logIn(page, who) {
    const p = people[who];
    await page.goto(`${env.base}/login`);
    await page.getByLabel('E-mail address').fill(p.email);
    await page.getByLabel('Password', { exact: true }).fill(p.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    if (env.secrets[who]) {
      await page.getByLabel('Six-digit code').fill(await code(who));
      await page.getByRole('button', { name: 'Verify' }).click();
    }
    await page.getByRole('button', { name: `Account menu for ${p.name}` }).waitFor();
  }

  async function asPerson(browser, who, body, options = {}) {
    await withPage(browser, { acceptDownloads: true, ...options }, async (page) => {
      await logIn(page, who);
      try {
        await body(page);
      } catch (error) {
        await screenshot(page, `events-failed-${who}`).catch(() => {});
        throw error;
      }
    });
  }

  async function switchLanguage(page, code, dir) {
    await page.getByLabel(/^(Language|اللغة)$/).selectOption(code);
    await page.waitForFunction((d) => document.documentElement.dir === d, dir);
  }

  const step = makeStep(env, check);

  const journeys = [
    step('ev-server', [], async () => {
      if (!existsSync(tbBin)) throw new Error(`server binary not found: ${tbBin}`);
      env.dir = mkdtempSync(join(tmpdir(), 'tb-e2e-events-'));
      const database = join(env.dir, 'events.db');
      for (const p of Object.values(people)) {
        const args = ['user', 'create', '--database', database, '--email', p.email, '--name', p.name, '--role', p.role, '--password-stdin'];
        if (p.organisation) args.push('--organisation', p.organisation, '--kind', p.kind);
        runCli(tbBin, repo, args, { input: `${p.password}\n` });
      }
      const started = await startServerProcess(
        tbBin,
        ['--database', database, '--mail-dir', join(env.dir, 'mail'), '--rate-limit', 'login:ip=0/60', '--rate-limit', 'login:account=0/60', '--web', webDist],
        { cwd: repo, out: join(env.dir, 'server.out'), err: join(env.dir, 'server.err'), portFile: join(env.dir, 'port'), label: 'events' },
      );
      env.server = started.server;
      env.base = started.base;
      for (const who of mfa) {
        const session = await apiSession(who);
        const setup = await must('POST', '/auth/totp/setup', { session });
        env.secrets[who] = setup.json.secret;
        await must('POST', '/auth/totp/confirm', { session, body: { code: await code(who) } });
      }
    }),

    step('ev-create', ['ev-server'], async (browser) => {
      await asPerson(browser, 'staff', async (page) => {
        await page.getByRole('link', { name: 'Events', exact: true }).click();
        await page.getByRole('link', { name: 'New event' }).click();
        await page.getByLabel('Name', { exact: true }).fill(`Ningbo Procurement Seminar ${run}`);
        await page.getByLabel('Description').fill('UN agencies meet suppliers: briefings and one-on-one meetings.');
        await page.getByLabel('Venue', { exact: true }).fill('Ningbo International Conference Center');
        await page.getByLabel('City', { exact: true }).fill('Ningbo');
        await page.getByLabel('Time zone of the venue').selectOption('Asia/Shanghai');
        await page.getByRole('button', { name: 'Add a day' }).click();
        await page.getByLabel('Day 1: date').fill('2030-05-14');
        await page.getByLabel('Day 1, session 1: name').fill('Morning meetings');
        await page.getByLabel('Day 1, session 1: start').fill('10:00');
        await page.getByLabel('Day 1, session 1: end').fill('12:00');
        await page.getByRole('button', { name: 'Add a session to day 1' }).click();
        await page.getByLabel('Day 1, session 2: name').fill('Afternoon meetings');
        await page.getByLabel('Day 1, session 2: start').fill('14:00');
        await page.getByLabel('Day 1, session 2: end').fill('16:00');
        await page.getByRole('button', { name: 'Add a break' }).click();
        await page.getByLabel('Break 1: start').fill('15:00');
        await page.getByLabel('Break 1: end').fill('15:20');
        await page.getByLabel('Break 1: label').fill('Tea');
        await page.getByRole('button', { name: 'Add a room' }).click();
        await page.getByLabel('Room 1: name').fill('Hall A');
        await page.getByRole('button', { name: 'Add a programme item' }).click();
        await page.getByLabel('Item 1: title').fill('How the UN buys');
        await page.getByLabel('Item 1: start').fill('09:00');
        await page.getByLabel('Item 1: end').fill('10:00');
        await page.getByRole('button', { name: 'Add a speaker to item 1' }).click();
        await page.getByLabel('Item 1, speaker 1: name').fill('Maria Lopez');
        await page.getByLabel('Item 1, speaker 1: organisation').fill('UNDP');
        // 6 morning slots, 6 afternoon slots less the one at tea time.
        check((await page.getByTestId('slot-preview').innerText()).endsWith(': 11'), 'slot preview is not 11');
        await page.getByRole('button', { name: 'Create the event' }).click();
        await page.waitForURL(/\/manage\/events\/\d+\/edit$/);
        env.ids.event = page.url().match(/events\/(\d+)\/edit/)[1];
        await page.getByRole('button', { name: 'Open registration' }).click();
        await page.getByTestId('event-status').filter({ hasText: 'Open for registration' }).waitFor();
        await screenshot(page, 'events-builder-en');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 1, name: 'تصميم الفعالية' }).waitFor();
        await screenshot(page, 'events-builder-ar');
        await switchLanguage(page, 'en', 'ltr');
      });
    }),

    step('ev-officers', ['ev-create'], async (browser) => {
      const focus = { lena: ['Solar power and IT for country offices.', '43211503 26111700'], chen: ['Water, sanitation and hygiene supplies.', '40151500'] };
      for (const who of ['lena', 'chen']) {
        await asPerson(browser, who, async (page) => {
          await page.goto(`${env.base}${eventPath()}`);
          await page.getByTestId('register-link').click();
          const form = page.getByTestId('officer-registration');
          await form.getByLabel('Job title').fill('Procurement officer');
          await form.getByLabel('What your agency buys').fill(focus[who][0]);
          await form.getByLabel('UNSPSC codes').fill(focus[who][1]);
          await form.getByRole('button', { name: 'Register' }).click();
          await page.getByTestId('officer-workspace').waitFor();
        });
      }
      await withPage(browser, {}, async (page) => {
        await page.goto(`${env.base}${eventPath()}`);
        await page.getByTestId('agency-card').nth(1).waitFor();
        check((await page.getByTestId('agency-card').count()) === 2, 'the event page does not list two agencies');
        await screenshot(page, 'events-page-en');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { name: 'الوكالات المشاركة' }).waitFor();
        await screenshot(page, 'events-page-ar');
      });
    }),

    step('ev-requests', ['ev-officers'], async (browser) => {
      await asPerson(browser, 'supplier', async (page) => {
        await page.goto(`${env.base}${eventPath()}`);
        await page.getByTestId('register-link').click();
        const form = page.getByTestId('supplier-registration');
        await form.getByLabel('People holding meetings in parallel').fill('1');
        await form.getByLabel('Names of the delegation').fill('Amina Yusuf\nOusmane Diallo');
        await form.getByLabel('One-line pitch').fill('Solar water pumps for remote clinics');
        await form.getByLabel('UNSPSC codes').fill('40151500, 43211503');
        await form.getByRole('button', { name: 'Register' }).click();
        await page.getByTestId('supplier-workspace').waitFor();
        // The suggestions rank both agencies by shared codes.
        await page.getByTestId('suggestions').getByRole('listitem').nth(1).waitFor();
        await page.getByRole('button', { name: 'Request a meeting with Lena Officer' }).click();
        await page.getByLabel('Priority').selectOption('1');
        await page.getByLabel('Reason').fill('Solar pumps and monitoring for your country offices.');
        await page.getByRole('button', { name: 'Send the request' }).click();
        await page.getByText('Request sent.').waitFor();
        await page.getByLabel('With').selectOption({ label: "United Nations Children's Fund (any officer)" });
        await page.getByLabel('Priority').selectOption('2');
        await page.getByLabel('Reason').fill('Pumps for WASH programmes.');
        await page.getByRole('button', { name: 'Send the request' }).click();
        await eventually(async () => (await page.getByTestId('my-request').count()) === 2, 'two requests are not listed');
        const quota = await page.getByTestId('quota').innerText();
        check(/Requests used: 2 of 10/.test(quota), `quota reads "${quota}"`);
        await screenshot(page, 'events-supplier-requests-en');
      });
    }),

    step('ev-accept', ['ev-requests'], async (browser) => {
      for (const who of ['lena', 'chen']) {
        await asPerson(browser, who, async (page) => {
          await page.goto(`${env.base}${eventPath()}/participate`);
          const request = page.getByTestId('incoming-request').first();
          await request.getByRole('button', { name: /^Accept the request of/ }).click();
          await request.getByText('Accepted').waitFor();
          if (who === 'lena') await screenshot(page, 'events-officer-en');
        });
      }
    }),

    step('ev-schedule', ['ev-accept'], async (browser) => {
      await asPerson(browser, 'staff', async (page) => {
        // Check-in at the door: the supplier arrives.
        await page.goto(`${env.base}/manage${eventPath()}`);
        await page.getByRole('button', { name: `Check in ${people.supplier.organisation}` }).click();
        await page.getByRole('button', { name: `Check in ${people.supplier.organisation}` }).waitFor({ state: 'detached' });
        check((await page.getByTestId('participant-row').count()) === 3, 'the participants list does not hold 3 people');
        await screenshot(page, 'events-participants-en');
        await page.getByRole('button', { name: 'Requests' }).click();
        await page.getByTestId('count-accepted').getByText('2', { exact: true }).waitFor();
        await screenshot(page, 'events-requests-en');
        await page.getByRole('button', { name: 'Scheduler' }).click();
        await page.getByLabel('Time limit (seconds)').fill('2');
        await page.getByRole('button', { name: 'Run the scheduler' }).click();
        // The run may finish before the first poll on a fast machine; the bar shows while it runs.
        await page.getByRole('progressbar', { name: 'Scheduler progress' }).or(page.getByTestId('run-quality')).first().waitFor();
        await page.getByTestId('run-quality').waitFor({ timeout: 30_000 });
        const count = await page.getByTestId('quality-count').innerText();
        check(/\b2\b/.test(count) && /100\s?%/.test(count), `the count row reads "${count}"`);
        await page.getByTestId('run-check').getByText('no broken rule').waitFor();
        await screenshot(page, 'events-scheduler-en');
        await page.getByRole('button', { name: 'Publish this schedule' }).click();
        await page.getByTestId('run-published').waitFor();
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { name: 'الجودة مقارنة بالحد الأعلى' }).or(page.getByText('الجودة مقارنة بالحد الأعلى')).first().waitFor();
        await screenshot(page, 'events-scheduler-ar');
        await switchLanguage(page, 'en', 'ltr');
        await page.getByRole('button', { name: 'Table plan' }).click();
        await eventually(async () => (await page.getByTestId('plan-meeting').count()) === 2, 'the table plan does not show two meetings', 10_000);
        await screenshot(page, 'events-table-plan-en');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { name: /مخطط الطاولات/ }).waitFor();
        await screenshot(page, 'events-table-plan-ar');
        await switchLanguage(page, 'en', 'ltr');
      });
    }),

    step('ev-agenda', ['ev-schedule'], async (browser) => {
      await asPerson(browser, 'supplier', async (page) => {
        await page.goto(`${env.base}${eventPath()}`);
        await page.getByRole('link', { name: 'My agenda' }).click();
        await page.getByTestId('agenda-count').getByText('Meetings: 2').waitFor();
        check((await page.getByTestId('agenda-meeting').count()) === 2, 'the agenda does not list two meetings');
        await screenshot(page, 'events-agenda-en');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ics-link').click()]);
        const ics = readFileSync(await download.path(), 'utf8');
        const events = ics.split('BEGIN:VEVENT').slice(1);
        const meetings = events.filter((e) => /UID:meeting-/.test(e));
        check(ics.startsWith('BEGIN:VCALENDAR'), 'the download is not an iCalendar file');
        check(meetings.length === 2, `the ICS holds ${meetings.length} meeting VEVENTs, not 2 (${events.length} in all)`);
        check(meetings.every((e) => /DTSTART:2030051\dT\d{6}Z/.test(e)), 'a meeting VEVENT has no UTC DTSTART');
        await switchLanguage(page, 'ar', 'rtl');
        await page.getByRole('heading', { level: 1, name: 'جدولي' }).waitFor();
        await screenshot(page, 'events-agenda-ar');
        await switchLanguage(page, 'en', 'ltr');
        // The printed agenda leaves out the site's frame and the buttons.
        await page.emulateMedia({ media: 'print' });
        check(!(await page.locator('.app-header').isVisible()), 'the header prints');
        check(!(await page.getByTestId('ics-link').isVisible()), 'the ICS button prints');
        await screenshot(page, 'events-agenda-print');
      });
    }),
  ];

  async function cleanup() {
    await stopServer(env.server);
    if (env.dir && !process.env.TB_E2E_KEEP) rmSync(env.dir, { recursive: true, force: true });
    else if (env.dir) console.log(`events: kept ${env.dir}`);
  }

  return { journeys, cleanup };
}
