// The browser journey of a whole RFP (issue #6 item 8), run by run.mjs against a server of its
// own: `tenderbridge serve --test-clock` on a fresh SQLite file, accounts made with
// `tenderbridge user create`, committee keys with `tenderbridge committee key new` and
// `tenderbridge tender keygen`. Each step is a journey of its own (all named rfp-*), so a
// failure names the step; a step whose predecessor failed fails at once saying so.
//
//   rfp-server          accounts, second factors (API), the server with a test clock
//   rfp-publish         the officer prepares and publishes a two-envelope RFP
//   rfp-clarification   a supplier reads the tender page, registers interest and asks; the
//                       officer answers; both suppliers see the answer without the asker
//   rfp-bids            the clock moves to 15 min before the deadline; two suppliers seal
//                       their bids in the page (progress bar), verify the receipts in the
//                       browser and download one; one replaces its bid
//   rfp-deadline        a replacement sent after the clock passed the deadline is refused
//                       with the server's message
//   rfp-opening         two committee members release their shares for the technical
//                       envelope, bids are marked qualified, two members open the financial
//                       envelope; each bidder finds its receipts in the bid abstract
//   rfp-evaluation      the evaluator declares no conflict and scores both bids; ranking
//   rfp-award           recommendation, approval by a second officer, award notice; the
//                       winner sees it, the other bidder its regret letter
//   rfp-ocds            the OCDS export of the process validates (scripts/validate-ocds)
//
// Which steps drive the officer and committee screens and which call the API is printed at
// the end of each step ("via UI" / "via API") and summarised in rfp-ocds.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePdf } from './account-helpers.mjs';
import { startServer, stopServer } from './server-process.mjs';
import { describe, freshCodeAt, makeApi, priceSchedule, runCli, ServerClock } from './tender-helpers.mjs';
import { makeTenderSteps } from './tender-steps.mjs';
import { makeStep } from './journey-steps.mjs';

const AGENCY = 'United Nations Development Programme';

export function makeTenderJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll, repo, tbBin, webDist }) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const password = (who) => `Rfp-${who}-${run}-pass!`;
  const person = (who, name, role, organisation, kind) => ({
    who,
    email: `${who}.${run}@${kind === 'supplier' ? `${who}.example` : 'undp.example'}`,
    password: password(who),
    name,
    role,
    organisation,
    kind,
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

  const clock = new ServerClock();
  const env = {
    server: undefined,
    base: undefined,
    dir: undefined,
    adminToken: `tb-e2e-admin-${randomBytes(16).toString('hex')}`,
    secrets: {},
    usedSteps: Object.fromEntries(Object.keys(people).map((k) => [k, new Set()])),
    ids: {},
    failed: {}, // step name -> message
    done: new Set(),
    via: [], // "step: what (UI|API)"
    run,
  };
  const api = makeApi(() => env.base);
  const cli = (args, options) => runCli(tbBin, repo, args, options);
  const code = (who) => freshCodeAt(env.secrets[who], env.usedSteps[who], clock);

  async function must(method, path, options, expected = [200, 201, 202, 204]) {
    const answer = await api(method, path, options);
    if (!expected.includes(answer.status)) throw new Error(describe(method, path, answer));
    return answer;
  }

  // A JSON session for `who` (password and, for staff, the current TOTP code).
  async function apiSession(who) {
    const p = people[who];
    const body = { email: p.email, password: p.password };
    if (env.secrets[who]) body.totp = await code(who);
    const answer = await api('POST', '/auth/login', { body });
    if (answer.status !== 200) throw new Error(`API log-in of ${who}: ${describe('POST', '/auth/login', answer)}`);
    return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0], csrf: answer.json.csrf_token };
  }

  async function setUpServer() {
    if (!existsSync(tbBin)) throw new Error(`server binary not found: ${tbBin}`);
    const dir = mkdtempSync(join(tmpdir(), 'tb-e2e-rfp-'));
    env.dir = dir;
    env.database = join(dir, 'rfp.db');
    env.out = join(dir, 'server.out');
    env.err = join(dir, 'server.err');
    // UNSPSC titles for the builder's code picker.
    cli(['import', 'unspsc', 'data/unspsc/unspsc-v7-multilingual.csv', '--database', env.database]);
    for (const p of Object.values(people)) {
      cli(
        ['user', 'create', '--database', env.database, '--email', p.email, '--name', p.name, '--role', p.role,
          '--organisation', p.organisation, '--kind', p.kind, '--password-stdin'],
        { input: `${p.password}\n` },
      );
    }
    const started = await startServer(
      tbBin,
      ['--database', env.database, '--mail-dir', join(dir, 'mail'), '--admin-token', env.adminToken, '--test-clock',
        '--rate-limit', 'login:ip=0/60', '--rate-limit', 'login:account=0/60', '--web', webDist],
      { cwd: repo, out: env.out, err: env.err, portFile: join(dir, 'port'), label: 'RFP' },
    );
    env.server = started.server;
    env.base = started.base;
  }

  const stopEnvServer = () => stopServer(env.server);

  // POST /api/v1/test/clock with the admin token (bid_routes.cc SetTestClock).
  async function setServerClock(ms) {
    const answer = await api('POST', '/test/clock', { token: env.adminToken, body: { now: new Date(ms).toISOString() } });
    if (answer.status !== 200) throw new Error(`the test clock: ${describe('POST', '/test/clock', answer)}`);
    clock.movedTo(Date.parse(answer.json.now));
  }

  // A browser context for `who` whose clock reads the server's (so countdowns agree), logged
  // in through the log-in page (with the second factor for staff).
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
    await withPage(browser, options, async (page) => {
      await page.context().clock.install({ time: clock.now() });
      await page.context().clock.resume();
      await logIn(page, who);
      try {
        await body(page);
      } catch (error) {
        // What the person saw when the step failed.
        await screenshot(page, `rfp-failed-${who}`).catch(() => {});
        throw error;
      }
    });
  }

  const step = makeStep(env, check);

  const ctx = {
    people, staff, env, clock, api, must, cli, code, apiSession, setServerClock, asPerson, logIn, step,
    withPage, screenshot, check, eventually, noHorizontalScroll, sleep, makePdf, priceSchedule, repo,
    writeFile: (name, data) => {
      const path = join(env.dir, name);
      writeFileSync(path, data);
      return path;
    },
  };

  const journeys = [
    step('rfp-server', [], async () => {
      await setUpServer();
      // Every role but supplier_user needs a second factor (AS-06): enrolled through the API,
      // as the settings page does it (the account journeys drive that page).
      for (const who of staff) {
        const session = await apiSession(who);
        const setup = await must('POST', '/auth/totp/setup', { session });
        env.secrets[who] = setup.json.secret;
        await must('POST', '/auth/totp/confirm', { session, body: { code: await freshCodeAt(setup.json.secret, env.usedSteps[who], clock) } });
        const me = await must('GET', '/auth/session', { session });
        env.ids[who] = me.json.user.id;
      }
      for (const who of ['supplierA', 'supplierB']) {
        const session = await apiSession(who);
        const me = await must('GET', '/auth/session', { session });
        env.ids[who] = me.json.user.id;
        env.ids[`${who}Company`] = me.json.memberships.find((m) => m.kind === 'supplier').organisation_id;
      }
      env.via.push('rfp-server: accounts by `tenderbridge user create`, second factors enrolled (API)');
    }),
    ...makeTenderSteps(ctx),
  ];

  async function cleanup() {
    await stopEnvServer();
    if (env.dir && !process.env.TB_E2E_KEEP) rmSync(env.dir, { recursive: true, force: true });
    else if (env.dir) console.log(`rfp: kept ${env.dir}`);
  }

  return { journeys, cleanup };
}
