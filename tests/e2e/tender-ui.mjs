// The officer's and committee's screens (web/src/features/tenders/, /manage/tenders/:ocid with
// one tab per stage) as the RFP journey drives them, by their data-testids.

export function makeOfficerUi(ctx) {
  const { env, code, check } = ctx;
  const manage = (tab) => `${env.base}/manage/tenders/${encodeURIComponent(env.ocid)}?tab=${tab}`;

  // The password and current code again, when a screen asks for it (AS-12).
  async function stepUpIfAsked(page, who, done) {
    const stepUp = page.getByTestId('step-up');
    await stepUp.or(done).first().waitFor({ timeout: 30_000 });
    if (await stepUp.isVisible()) {
      await stepUp.getByTestId('step-up-password').fill(ctx.people[who].password);
      await stepUp.getByTestId('step-up-code').fill(await code(who));
      await stepUp.getByTestId('step-up-confirm').click();
    }
    await done.waitFor({ timeout: 30_000 });
  }

  // The builder saves each change by itself; the next step waits until it has.
  async function saved(page) {
    await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
  }

  async function next(page, step) {
    await saved(page);
    await page.getByTestId('builder-next').click();
    await page.waitForURL((url) => url.searchParams.get('step') === step);
  }

  return {
    // The officer builds the RFP in the tender builder, step by step, and assigns the
    // committee (by user number: the server offers no list of candidates). Returns the ocid.
    async buildTender(page, tender, committee) {
      await page.goto(`${env.base}/manage/tenders`);
      await page.getByTestId('new-tender').click();
      await page.waitForURL(/\/manage\/tenders\/[^/]+\/edit/);
      env.ocid = decodeURIComponent(/\/manage\/tenders\/([^/]+)\/edit/.exec(page.url())[1]);
      // Basics.
      await page.getByTestId('tender-reference').fill(tender.reference);
      await page.getByTestId('tender-title').fill(tender.title);
      await page.getByTestId('tender-description').fill(tender.description);
      await page.getByTestId('tender-method-rfp').check();
      await page.getByTestId('tender-category').selectOption('goods');
      await page.getByTestId('tender-estimated-value').fill(tender.estimated_value);
      await page.getByTestId('tender-countries').selectOption('KE');
      await ctx.screenshot(page, 'rfp-builder-basics-en');
      // Items, with the UNSPSC picker.
      await next(page, 'items');
      await page.getByTestId('add-item').click();
      const item = tender.items[0];
      await page.getByTestId('item-0-description').fill(item.description);
      await page.getByTestId('item-0').getByRole('combobox', { name: 'UNSPSC code' }).pressSequentially(item.unspsc, { delay: 20 });
      await page.getByRole('option', { name: new RegExp(item.unspsc) }).first().click();
      await page.getByTestId('item-0-quantity').fill(String(item.quantity));
      await page.getByTestId('item-0-unit').fill(item.unit);
      // Documents.
      await next(page, 'documents');
      await page.getByRole('button', { name: 'Add a document' }).click();
      await page.getByTestId('document-0').getByLabel('Document title').fill(tender.documents[0].title);
      await page.getByTestId('document-0').getByLabel('Address (https://…)').fill(tender.documents[0].url);
      // Deadline in the agency's zone.
      await next(page, 'deadline');
      await page.getByTestId('tender-time-zone').selectOption(tender.time_zone);
      await page.getByTestId('tender-deadline').fill(tender.deadline);
      await page.getByTestId('deadline-preview').waitFor();
      // Two envelopes, weighted 70/30, with a sustainability criterion.
      await next(page, 'evaluation');
      await page.getByTestId('envelope-mode-two').check();
      await page.getByTestId('evaluation-method-weighted').check();
      await page.getByTestId('technical-weight').fill('70');
      await page.getByTestId('financial-weight').fill('30');
      await page.getByTestId('minimum-technical').fill(String(tender.evaluation.minimum_technical_percent));
      const [approach, sustainability] = tender.evaluation.criteria;
      await page.getByTestId('add-criterion').click();
      await page.getByTestId('criterion-0-title').fill(approach.title);
      await page.getByTestId('criterion-0-weight').fill(String(approach.weight));
      await page.getByTestId('add-sustainability-criterion').click();
      await page.getByTestId('criterion-1-title').fill(sustainability.title);
      await page.getByTestId('criterion-1-weight').fill(String(sustainability.weight));
      await ctx.screenshot(page, 'rfp-builder-evaluation-en');
      await next(page, 'eligibility');
      // The committee: three opening members (2 of 3) and an evaluator.
      await next(page, 'committee');
      const byId = page.getByLabel('Add a person by user number');
      for (const id of committee.opening) {
        await byId.fill(String(id));
        await page.getByRole('button', { name: 'As opening member' }).click();
      }
      await byId.fill(String(committee.evaluator));
      await page.getByRole('button', { name: 'As evaluator' }).click();
      await page.getByTestId('opening-threshold').selectOption('2');
      await page.getByTestId('save-committee').click();
      await page.getByText('Committee saved.').waitFor();
      await ctx.screenshot(page, 'rfp-builder-committee-en');
      return env.ocid;
    },

    // A committee member makes its personal key in the browser: the passphrase-protected key
    // file is downloaded (kept for the opening) and the public key registered.
    async createSealingKey(page, who, passphrase, file) {
      await page.goto(`${env.base}/committee/sealing-key`);
      await page.getByTestId('sealing-key-create').click();
      await page.getByTestId('new-key-passphrase').fill(passphrase);
      await page.getByTestId('new-key-passphrase-again').fill(passphrase);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('create-sealing-key').click()]);
      await download.saveAs(file);
      await page.getByTestId('sealing-key-saved').check();
      await page.getByTestId('register-sealing-key').click();
      await page.getByTestId('sealing-key-registered').waitFor();
      return (await page.getByTestId('registered-fingerprint').innerText()).replace(/\s/g, '').replace(/^.*:/, '');
    },

    // A key file made elsewhere (the CLI) imported and registered in the browser.
    async importSealingKey(page, file, passphrase) {
      await page.goto(`${env.base}/committee/sealing-key`);
      await page.getByTestId('sealing-key-import').click();
      await page.getByTestId('import-key-file').setInputFiles(file);
      await page.getByTestId('import-key-passphrase').fill(passphrase);
      await page.getByTestId('import-sealing-key').click();
      await page.getByTestId('registered-fingerprint').waitFor();
      return (await page.getByTestId('registered-fingerprint').innerText()).replace(/\s/g, '').replace(/^.*:/, '');
    },

    // The first opening member runs the key ceremony of both envelopes in its browser.
    async runKeyCeremony(page) {
      await page.goto(manage('committee'));
      const panel = page.getByTestId('key-ceremony');
      await panel.getByTestId('run-key-ceremony').click();
      const fingerprints = {};
      for (const kind of ['technical', 'financial']) {
        const shown = panel.getByTestId(`fingerprint-${kind}`);
        await shown.waitFor({ timeout: 60_000 });
        fingerprints[kind] = (await shown.innerText()).replace(/\s/g, '');
      }
      return fingerprints;
    },

    async publish(page) {
      await page.goto(`${env.base}/manage/tenders/${encodeURIComponent(env.ocid)}/edit?step=review`);
      await page.getByTestId('publish-tender').click();
      const refused = page.getByTestId('publish-error');
      await ctx.eventually(
        async () => (await refused.isVisible()) || (await ctx.api('GET', `/tenders/${encodeURIComponent(env.ocid)}`)).json?.state === 'published',
        'publishing did not finish',
        30_000,
      );
      check(!(await refused.isVisible()), `publishing was refused: ${await refused.innerText().catch(() => '')}`);
    },

    async answerClarification(page, number, text) {
      await page.goto(manage('clarifications'));
      await page.getByTestId(`answer-${number}`).fill(text);
      await page.getByTestId(`publish-answer-${number}`).click();
      await page.getByTestId('clarifications').getByText(text).first().waitFor();
    },

    // A committee member unlocks its share with its key file and passphrase and releases it.
    async releaseShare(page, who, kind) {
      const key = env.memberKeys[who];
      await page.goto(manage('opening'));
      const panel = page.getByTestId(`opening-${kind}`);
      await panel.getByTestId(`key-file-${kind}`).setInputFiles(key.file);
      await panel.getByTestId(`key-passphrase-${kind}`).fill(key.passphrase);
      await panel.getByTestId(`unlock-share-${kind}`).click();
      await panel.getByTestId(`release-share-${kind}`).click({ timeout: 30_000 });
      // Taken: the member's confirmation, or the panel already showing the share in (or the
      // envelope opened) once the status is read again.
      const taken = page
        .locator(`[data-testid="opening-${kind}"]:is([data-phase="submitted"], [data-phase="opened"])`)
        .or(panel.getByTestId('share-accepted'));
      await stepUpIfAsked(page, who, taken.first());
      return (await panel.innerText()).split('\n').slice(0, 3).join(' ');
    },

    async startEvaluation(page) {
      await page.goto(manage('evaluation'));
      await page.getByTestId('start-evaluation').click();
      await page.getByTestId('evaluator-progress').waitFor();
    },

    // The evaluator's declaration of no conflict, then one sheet per bid.
    async scoreBids(page, marks) {
      await page.goto(manage('evaluation'));
      await page.getByTestId('coi-none').check();
      await page.getByTestId('coi-submit').click();
      for (const [bid, scores] of Object.entries(marks)) {
        await page.getByTestId(`sheet-bid-${bid}`).click();
        const sheet = page.getByTestId('scoring-sheet');
        for (const [criterion, score] of Object.entries(scores)) {
          await sheet.getByTestId(`score-${criterion}`).fill(String(score));
          await sheet.getByTestId(`comment-${criterion}`).fill(`Assessed against the terms of reference (${criterion}).`);
        }
        await sheet.getByTestId('save-sheet').click();
        await sheet.getByTestId('sheet-saved').waitFor();
      }
    },

    async closeTechnical(page) {
      await page.goto(manage('evaluation'));
      await page.getByTestId('close-technical').click();
      await page.getByTestId('technical-results').waitFor();
    },

    async rank(page) {
      await page.goto(manage('evaluation'));
      await page.getByTestId('rank-bids').click();
      await page.getByTestId('ranking').waitFor();
      return page.getByTestId('ranking').innerText();
    },

    async recommend(page, bid) {
      await page.goto(manage('award'));
      await page.getByTestId(`recommend-${bid}`).check();
      await page.getByTestId('recommend-award').click();
      await page.getByTestId('approve-award').or(page.getByTestId('award')).first().waitFor();
    },

    async approve(page, comment) {
      await page.goto(manage('award'));
      await page.getByTestId('decision-comment').fill(comment);
      await page.getByTestId('approve-award').click();
      await page.getByTestId('approve-award').waitFor({ state: 'detached' });
    },

    async publishAward(page) {
      await page.goto(manage('award'));
      await page.getByTestId('publish-award').click();
      await page.getByTestId('award-notice').waitFor();
      check(await page.getByTestId('standstill').isVisible(), 'the award notice shows no standstill period');
    },
  };
}
