// The steps of the RFP journey up to the deadline (tender-journeys.mjs has the plan and the
// server; tender-steps-after.mjs the opening, evaluation, award and OCDS export).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeAfterDeadlineSteps } from './tender-steps-after.mjs';
import { makeOfficerUi } from './tender-ui.mjs';

const DAY = 24 * 3600_000;

export function makeTenderSteps(ctx) {
  const { people, env, clock, api, must, cli, apiSession, setServerClock, asPerson, step, screenshot, check, eventually, makePdf, priceSchedule } = ctx;
  const tenderPath = () => `/tenders/${encodeURIComponent(env.ocid)}`;
  const ui = makeOfficerUi(ctx);

  // The draft as the builder would send it: an RFP of two envelopes, weighted 70/30, with a
  // sustainability criterion, in the agency's zone (Nairobi, UTC+3, no DST).
  function draftBody(deadlineLocal) {
    return {
      reference: `RFP/UNDP-KEN/${env.run}`,
      title: `Solar water pumping systems for Turkana schools (${env.run})`,
      description: 'Supply, installation and two years of maintenance of solar water pumping systems for 12 primary schools in Turkana County.',
      language: 'en',
      method: 'rfp',
      main_category: 'goods',
      countries: ['KE'],
      items: [
        { id: '1', description: 'Solar submersible pump, 2.2 kW, with controller', unspsc: '40151500', quantity: 12, unit: 'EA' },
        { id: '2', description: 'Installation and commissioning', unspsc: '72151500', quantity: 12, unit: 'EA' },
      ],
      documents: [{ id: 'tor', title: 'Terms of reference', url: 'https://www.undp.org/kenya', document_type: 'biddingDocuments', language: 'en' }],
      deadline: deadlineLocal,
      time_zone: 'Africa/Nairobi',
      envelope_mode: 'two',
      currency: 'USD',
      estimated_value: '250000.00',
      evaluation: {
        method: 'weighted',
        technical_weight: 70,
        financial_weight: 30,
        minimum_technical_percent: 60,
        criteria: [
          { id: 'approach', title: 'Technical approach and work plan', weight: 60, max_score: 10 },
          { id: 'sustainability', title: 'Sustainability: recycling and local maintenance', weight: 40, max_score: 10, sustainability: true },
        ],
      },
      eligibility: { minimum_ungm_level: 'none', countries: [], reserved_for_sme: false, reserved_for_women_owned: false },
    };
  }

  // 23 days from the real now, at 17:00 in Nairobi: beyond the RFP's 21-day minimum.
  function deadlineLocalText() {
    const day = new Date(Date.now() + 23 * DAY);
    return `${day.toISOString().slice(0, 10)}T17:00`;
  }

  const publish = step('rfp-publish', ['rfp-server'], async (browser) => {
    const officer = await apiSession('officer');
    const draft = draftBody(deadlineLocalText());
    await asPerson(browser, 'officer', (page) =>
      ui.buildTender(page, draft, { opening: [env.ids.m1, env.ids.m2, env.ids.m3], evaluator: env.ids.evaluator }),
    );
    // What the builder saved, as the server has it.
    const built = await must('GET', tenderPath(), { session: officer });
    check(built.json.method === 'rfp' && built.json.envelope_mode === 'two', `the built tender is ${built.json.method}/${built.json.envelope_mode}`);
    check(built.json.deadline_local?.startsWith(draft.deadline), `the built deadline is ${built.json.deadline_local}, not ${draft.deadline} Nairobi time`);
    env.criteria = built.json.evaluation.criteria.map((c) => c.id);
    check(env.criteria.length === 2, `the built tender has ${env.criteria.length} criteria`);
    // The opening members' personal keys: two made in the browser (key file downloaded),
    // one made with `tenderbridge committee key new` and imported in the browser.
    env.memberKeys = {};
    for (const who of ['m1', 'm2', 'm3']) {
      const file = `${env.dir}/${who}-key.json`;
      const passphrase = `${people[who].password}-key`;
      env.memberKeys[who] = { file, passphrase };
      let publicKey;
      if (who === 'm3') {
        const out = cli(['committee', 'key', 'new', '--out', file], { env: { TB_PASSPHRASE: passphrase } });
        publicKey = /[A-Za-z0-9_-]{43}/.exec(out)?.[0];
        check(publicKey, `committee key new printed no public key: ${out}`);
      }
      await asPerson(browser, who, async (page) => {
        const fingerprint =
          who === 'm3' ? await ui.importSealingKey(page, file, passphrase) : await ui.createSealingKey(page, who, passphrase, file);
        if (publicKey) {
          const expected = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex');
          check(fingerprint === expected, `the imported key shows fingerprint ${fingerprint}, not ${expected}`);
        }
        if (who === 'm1') await screenshot(page, 'rfp-sealing-key-en');
      });
    }
    // The key ceremony, in the first member's browser: the secret of each envelope key is
    // split among the three and never leaves that page.
    await asPerson(browser, 'm1', async (page) => {
      env.fingerprints = await ui.runKeyCeremony(page);
      await screenshot(page, 'rfp-key-ceremony-en');
    });
    await asPerson(browser, 'officer', async (page) => {
      await ui.publish(page);
      await screenshot(page, 'rfp-published-officer-en');
    });
    const published = await must('GET', tenderPath(), { session: officer });
    check(published.json.state === 'published', `the tender is ${published.json.state} after publishing`);
    for (const kind of ['technical', 'financial']) {
      const key = published.json.submission.envelopes.find((e) => e.envelope === kind);
      check(key?.fingerprint === env.fingerprints[kind], `the published ${kind} fingerprint ${key?.fingerprint} is not the ceremony's ${env.fingerprints[kind]}`);
    }
    env.deadline = Date.parse(published.json.deadline);
    check(Number.isFinite(env.deadline), `no deadline in the published tender: ${published.json.deadline}`);
    env.via.push('rfp-publish: builder, committee, personal keys, key ceremony and publication (UI); one member key file from the CLI');
  });

  const clarification = step('rfp-clarification', ['rfp-publish'], async (browser) => {
    const question = `Can the pumps be delivered in two batches, the first within 30 days? (${env.run})`;
    const answerText = 'Yes. Two deliveries are accepted; state the dates in your work plan.';
    await asPerson(browser, 'supplierA', async (page) => {
      await page.goto(`${ctx.env.base}${tenderPath()}`);
      await page.getByTestId('tender-page').waitFor();
      const spec = page.getByTestId('submission-spec');
      for (const kind of ['technical', 'financial']) {
        const shown = (await spec.getByTestId(`fingerprint-${kind}`).innerText()).replace(/\s/g, '');
        check(shown.includes(env.fingerprints[kind]), `the ${kind} fingerprint shown (${shown}) is not the ceremony's (${env.fingerprints[kind]})`);
      }
      check((await page.getByTestId('acceptance-rule').innerText()).includes('receipt_time <'), 'the acceptance rule is not shown');
      check((await page.getByTestId('deadline-agency').innerText()).includes('5:00'), 'the deadline is not shown as 17:00 Nairobi time');
      await page.getByRole('button', { name: 'Express interest' }).click();
      await page.getByTestId('interest-registered').waitFor();
      await page.getByLabel('Ask a question').fill(question);
      await page.getByRole('button', { name: 'Send the question' }).click();
      await page.getByText('Your question was sent to the buyer.').waitFor();
      await screenshot(page, 'rfp-tender-page-en');
    });
    // The officer answers in the clarifications inbox ...
    const officer = await apiSession('officer');
    const list = await must('GET', `${tenderPath()}/clarifications`, { session: officer });
    const asked = list.json.items.find((c) => c.question === question);
    check(asked, `the officer does not see the question: ${list.text.slice(0, 300)}`);
    await asPerson(browser, 'officer', async (page) => {
      await ui.answerClarification(page, asked.number, answerText);
      await screenshot(page, 'rfp-officer-clarifications-en');
    });
    env.via.push('rfp-clarification: the officer answers in the clarifications inbox (UI)');
    // ... and both suppliers read it, without who asked.
    for (const who of ['supplierA', 'supplierB']) {
      await asPerson(browser, who, async (page) => {
        await page.goto(`${ctx.env.base}${tenderPath()}`);
        const section = page.getByTestId('clarifications');
        await section.getByText(answerText).waitFor();
        const text = await section.innerText();
        for (const other of Object.values(people)) {
          check(!text.includes(other.name) && !text.includes(other.organisation), `the clarification shows ${other.name} / ${other.organisation}`);
        }
        if (who === 'supplierB') {
          await page.getByLabel(/^(Language|Langue|Idioma|语言|اللغة|Язык)$/).selectOption('ar');
          await page.waitForFunction(() => document.documentElement.dir === 'rtl');
          await page.getByTestId('submission-spec').waitFor();
          await screenshot(page, 'rfp-tender-page-ar');
          await page.getByLabel(/^(Language|Langue|Idioma|语言|اللغة|Язык)$/).selectOption('en');
        }
      });
    }
  });

  // One bid through the "prepare bid" page: files chosen from disk, sealed in the page.
  async function bidInBrowser(page, who, { price, replace = false, bigAnnex = false }) {
    await page.goto(`${ctx.env.base}${tenderPath()}/bid`);
    await page.getByTestId('prepare-bid').waitFor();
    if (replace) {
      await page.getByRole('button', { name: 'Replace this bid' }).first().click();
    }
    const form = page.getByTestId('bid-form');
    for (const kind of ['technical', 'financial']) {
      const shown = await form.getByTestId(`seal-fingerprint-${kind}`).innerText();
      check(shown.trim() === env.fingerprints[kind], `the page seals the ${kind} envelope to ${shown}, not to ${env.fingerprints[kind]}`);
    }
    const company = people[who].organisation;
    const technical = [{ name: 'technical-proposal.pdf', mimeType: 'application/pdf', buffer: makePdf(`${company} technical proposal`) }];
    await form.getByTestId('envelope-technical').getByLabel('Documents', { exact: true }).setInputFiles(technical);
    if (bigAnnex) {
      // Large enough that the progress bar is on screen for a while; chosen from disk, as a
      // supplier would, which also spares the driver sending the bytes.
      const drawings = ctx.writeFile('drawings.pdf', Buffer.concat([makePdf('drawings'), Buffer.alloc(24 << 20, 0x25)]));
      await form.getByTestId('envelope-technical').getByLabel('Documents', { exact: true }).setInputFiles(drawings, { timeout: 60_000 });
    }
    await form.getByTestId('envelope-financial').getByLabel('Documents (optional)', { exact: true }).setInputFiles([
      { name: 'price-schedule.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: priceSchedule(company, price) },
    ]);
    await form.getByLabel('Total price (USD)').fill(price);
    await form.getByTestId('price-preview').waitFor();
    await form.getByRole('button', { name: replace ? 'Seal and submit the replacement' : 'Seal and submit the bid' }).click();
    if (bigAnnex) {
      await page.getByTestId('submit-progress').waitFor();
      await screenshot(page, `rfp-sealing-progress-${who}`, { fullPage: false });
    }
    await page.getByTestId('bid-received').getByTestId('receipt-verified').waitFor({ timeout: 120_000 });
  }

  const bids = step('rfp-bids', ['rfp-clarification'], async (browser) => {
    // Last-minute bids: the server's clock moves to 15 minutes before the deadline.
    await setServerClock(env.deadline - 15 * 60_000);
    env.bids = {};
    await asPerson(browser, 'supplierA', async (page) => {
      await bidInBrowser(page, 'supplierA', { price: '212,400.00', bigAnnex: true });
      await screenshot(page, 'rfp-receipt-verified-en');
      // The receipt downloads as JSON, and the server agrees it is valid.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the receipt (JSON)' }).first().click()]);
      const receiptText = readFileSync(await download.path(), 'utf8');
      const receipt = JSON.parse(receiptText);
      const verdict = await must('POST', '/receipts/verify', { body: receipt });
      check(verdict.json.valid === true, `the downloaded receipt does not verify on the server: ${verdict.text}`);
      check(receipt.action === 'received' && receipt.envelopes.length === 2, `unexpected receipt: ${receiptText.slice(0, 200)}`);
      env.bids.supplierA = receipt.bid;
      env.receiptA = receipt;
    });
    await asPerson(browser, 'supplierB', async (page) => {
      await bidInBrowser(page, 'supplierB', { price: '198,000.00' });
      // A replacement before the deadline: a new version of the same bid.
      await bidInBrowser(page, 'supplierB', { price: '189,500.00', replace: true });
      await page.goto(`${ctx.env.base}${tenderPath()}/bid`);
      const ownBid = page.getByTestId('own-bid');
      await ownBid.first().waitFor();
      check((await ownBid.count()) === 1, 'the replacement made a second bid instead of a new version');
      env.bids.supplierB = await ownBid.first().getAttribute('data-bid');
      await page.getByTestId('receipt').first().getByText('Bid replaced').waitFor();
      await page.getByTestId('receipt-verified').first().waitFor();
      await screenshot(page, 'rfp-own-bids-en');
      await page.getByLabel(/^(Language|Langue|Idioma|语言|اللغة|Язык)$/).selectOption('ar');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.getByTestId('receipt-verified').first().waitFor();
      await screenshot(page, 'rfp-own-bids-ar');
      await page.getByLabel(/^(Language|Langue|Idioma|لغة|اللغة|Язык)$/).selectOption('en');
      // My bids lists it.
      await page.goto(`${ctx.env.base}/bids`);
      await page.getByTestId('my-bid-row').first().waitFor();
      await screenshot(page, 'rfp-my-bids-en');
    });
    // On a phone: nothing wider than the screen, in English and in Arabic.
    await asPerson(
      browser,
      'supplierB',
      async (page) => {
        for (const path of [tenderPath(), `${tenderPath()}/bid`]) {
          await page.goto(`${ctx.env.base}${path}`);
          await page.getByTestId(path.endsWith('/bid') ? 'own-bid' : 'submission-spec').first().waitFor();
          await ctx.noHorizontalScroll(page);
        }
        await screenshot(page, 'rfp-phone-bid-en', { fullPage: false });
        await page.getByLabel(/^(Language|Langue|Idioma|语言|اللغة|Язык)$/).selectOption('ar');
        await page.waitForFunction(() => document.documentElement.dir === 'rtl');
        await page.getByTestId('receipt-verified').first().waitFor();
        await ctx.noHorizontalScroll(page);
        await screenshot(page, 'rfp-phone-bid-ar', { fullPage: false });
      },
      { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    );
    // Before the opening the tender's people learn nothing about the bids (ET-03).
    const officer = await apiSession('officer');
    const sealed = await must('GET', `${tenderPath()}/bids`, { session: officer });
    check(sealed.json.sealed === true && !sealed.text.includes(people.supplierA.organisation), `the officer sees bids before the opening: ${sealed.text.slice(0, 300)}`);
  });

  const deadline = step('rfp-deadline', ['rfp-bids'], async (browser) => {
    await asPerson(browser, 'supplierA', async (page) => {
      await page.goto(`${ctx.env.base}${tenderPath()}/bid`);
      await page.getByRole('button', { name: 'Replace this bid' }).first().click();
      const form = page.getByTestId('bid-form');
      await form.getByTestId('envelope-technical').getByLabel('Documents', { exact: true }).setInputFiles([
        { name: 'late-proposal.pdf', mimeType: 'application/pdf', buffer: makePdf('late') },
      ]);
      await form.getByLabel('Total price (USD)').fill('150,000.00');
      // The deadline passes while the supplier is on the page.
      await setServerClock(env.deadline + 1000);
      await page.context().clock.setSystemTime(clock.now());
      await form.getByRole('button', { name: 'Seal and submit the replacement' }).click();
      const error = page.getByTestId('submit-error');
      await error.waitFor({ timeout: 60_000 });
      const text = await error.innerText();
      check(/deadline|late|closed|not open/i.test(text), `the late replacement was refused with: ${text}`);
      env.lateMessage = text.replace(/\s+/g, ' ').trim();
      await screenshot(page, 'rfp-late-refused-en');
    });
    // The refusal stored nothing: supplier A still has one version.
    const session = await apiSession('supplierA');
    const own = await must('GET', `${tenderPath()}/bids`, { session });
    const versions = own.json.bids.find((b) => b.bid === env.bids.supplierA)?.versions.length;
    check(versions === 1, `supplier A's bid has ${versions} versions after the late replacement`);
    await eventually(async () => (await api('GET', tenderPath(), { session })).json?.state !== 'published', 'the tender did not close after its deadline', 10_000).catch((error) => {
      env.notClosed = error.message;
    });
  });

  return [publish, clarification, bids, deadline, ...makeAfterDeadlineSteps(ctx)];
}
