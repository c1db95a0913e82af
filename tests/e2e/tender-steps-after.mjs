import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeOfficerUi } from './tender-ui.mjs';

// The steps of the RFP journey after the deadline: the two-stage opening by the committee,
// the bidders' check of the bid abstract, evaluation, award and the OCDS export.

export function makeAfterDeadlineSteps(ctx) {
  const { people, env, must, apiSession, asPerson, step, screenshot, check } = ctx;
  const tenderPath = () => `/tenders/${encodeURIComponent(env.ocid)}`;
  const ui = makeOfficerUi(ctx);

  // Two committee members release their shares of one envelope in the opening ceremony
  // screen: key file and passphrase, unlock, release, step-up when asked. The second share
  // opens the envelope.
  async function openEnvelope(browser, kind, members) {
    const said = [];
    for (const who of members) {
      await asPerson(browser, who, async (page) => {
        said.push(await ui.releaseShare(page, who, kind));
        if (who === members[1]) await screenshot(page, `rfp-opening-${kind}-en`);
      });
    }
    const session = await apiSession(members[1]);
    const status = await must('GET', `${tenderPath()}/openings/${kind}`, { session });
    check(status.json.opened === true, `two shares did not open the ${kind} envelope (${said.join(' / ')}): ${status.text.slice(0, 300)}`);
    return status.json.opening;
  }

  // Each bidder reads the bid abstract and finds its own receipts in it.
  async function checkAbstract(browser, suffix) {
    for (const who of ['supplierA', 'supplierB']) {
      await asPerson(browser, who, async (page) => {
        await page.goto(`${env.base}${tenderPath()}`);
        const abstract = page.getByTestId('bid-abstract');
        await abstract.getByTestId('abstract-line').first().waitFor();
        check((await abstract.getByTestId('abstract-line').count()) === 2, 'the abstract does not list two bids');
        await abstract.getByTestId('abstract-match').waitFor();
        check((await abstract.getByTestId('abstract-mismatch').count()) === 0, `${who}'s receipt does not match the abstract`);
        if (who === 'supplierA') await screenshot(page, `rfp-abstract-${suffix}-en`);
      });
    }
  }

  const opening = step('rfp-opening', ['rfp-deadline'], async (browser) => {
    const technical = await openEnvelope(browser, 'technical', ['m1', 'm2']);
    check(technical?.bids?.length === 2, `the technical opening record lists ${technical?.bids?.length} bids`);
    check(technical.bids.every((b) => b.decrypted === true), `not every technical envelope opened: ${JSON.stringify(technical.bids)}`);
    env.via.push('rfp-opening: two members release their shares in the opening ceremony (UI)');
    await checkAbstract(browser, 'technical');
  });

  // Technical scores by the evaluator; the officer closes the technical stage, which marks
  // the bids qualified (ET-05); then the financial envelopes are opened and the bids ranked.
  const evaluation = step('rfp-evaluation', ['rfp-opening'], async (browser) => {
    await asPerson(browser, 'officer', (page) => ui.startEvaluation(page));
    // Criteria in the builder's order: technical approach (60), sustainability (40).
    const [approach, sustainability] = env.criteria;
    const marks = {
      [env.bids.supplierA]: { [approach]: 8, [sustainability]: 9 },
      [env.bids.supplierB]: { [approach]: 7, [sustainability]: 6 },
    };
    await asPerson(browser, 'evaluator', async (page) => {
      await ui.scoreBids(page, marks);
      await screenshot(page, 'rfp-scoring-sheet-en');
    });
    await asPerson(browser, 'officer', (page) => ui.closeTechnical(page));
    const financial = await openEnvelope(browser, 'financial', ['m2', 'm3']);
    const prices = Object.fromEntries((financial?.bids ?? []).map((b) => [b.bid, b.price?.amount]));
    check(prices[env.bids.supplierA] === '212400.00' && prices[env.bids.supplierB] === '189500.00', `the financial opening read ${JSON.stringify(prices)}`);
    await asPerson(browser, 'officer', async (page) => {
      await ui.rank(page);
      await screenshot(page, 'rfp-ranking-en');
    });
    env.via.push('rfp-evaluation: start, declaration, scoring sheets, technical close, financial opening and ranking (UI)');
    await checkAbstract(browser, 'financial');
  });

  const award = step('rfp-award', ['rfp-evaluation'], async (browser) => {
    const officer = await apiSession('officer');
    const view = await must('GET', `${tenderPath()}/evaluation`, { session: officer });
    const winner = (view.json.ranking?.ranked ?? []).find((r) => r.rank === 1)?.bid_id;
    check(winner, `no ranked bid: ${JSON.stringify(view.json.ranking).slice(0, 300)}`);
    await asPerson(browser, 'officer', (page) => ui.recommend(page, winner));
    await asPerson(browser, 'approver', (page) => ui.approve(page, 'Approved by the contracts committee.'));
    await asPerson(browser, 'officer', async (page) => {
      await ui.publishAward(page);
      await screenshot(page, 'rfp-award-officer-en');
    });
    env.via.push('rfp-award: recommendation, approval by a second officer and award notice (UI)');
    const winnerWho = winner === env.bids.supplierA ? 'supplierA' : 'supplierB';
    const loserWho = winnerWho === 'supplierA' ? 'supplierB' : 'supplierA';
    check(winnerWho === 'supplierA', 'supplier A (84 % technical, 85.57 combined) should win over B (66 %, 76.2)');
    await asPerson(browser, winnerWho, async (page) => {
      await page.goto(`${env.base}${tenderPath()}`);
      await page.getByTestId('award-won').waitFor();
      await screenshot(page, 'rfp-award-won-en');
    });
    await asPerson(browser, loserWho, async (page) => {
      await page.goto(`${env.base}${tenderPath()}`);
      const letter = page.getByTestId('regret-letter');
      await letter.waitFor();
      check((await page.getByTestId('award-supplier').innerText()).includes(people[winnerWho].organisation), 'the regret letter page does not name the winner');
      await screenshot(page, 'rfp-award-regret-en');
      await page.getByLabel(/^(Language|Langue|Idioma|语言|اللغة|Язык)$/).selectOption('ar');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await letter.waitFor();
      await screenshot(page, 'rfp-award-regret-ar');
    });
  });

  const ocds = step('rfp-ocds', ['rfp-award'], async () => {
    const answer = await must('GET', `/ocds/tenders/${encodeURIComponent(env.ocid)}/releases`, {});
    const file = ctx.writeFile('ocds.json', answer.text);
    const tags = (answer.json.releases ?? []).flatMap((r) => r.tag ?? []);
    check(tags.includes('award') || tags.includes('awardUpdate'), `the OCDS package has no award release: tags ${tags.join(', ')}`);
    const result = spawnSync('python3', [join(ctx.repo, 'scripts', 'validate-ocds'), file], { encoding: 'utf8' });
    check(result.status === 0, `scripts/validate-ocds: ${(result.stdout + result.stderr).slice(0, 1500)}`);
    console.log(`      ${env.via.join('\n      ')}`);
  });

  return [opening, evaluation, award, ocds];
}
