// Browser journeys through the opportunities search (issue 3), run by
// run.mjs with its helpers. They work against the real server with the demo
// data and against the mock server's fixtures.

// An English word common in every data set, and a Chinese query whose
// UNSPSC expansion (计算机 = Computers, 43211500) reaches English notices.
const ENGLISH_QUERY = process.env.TB_E2E_QUERY_EN ?? 'supply';
const CHINESE_QUERY = process.env.TB_E2E_QUERY_ZH ?? '计算机';
const CHINESE_CODE = process.env.TB_E2E_CODE_ZH ?? '43211500';
const MALFORMED_QUERY = '"unterminated AND ((';

export function makeSearchJourneys({ withPage, screenshot, check, eventually, noHorizontalScroll }) {
  // Results have settled: the list shown answers the search in the URL and
  // nothing is loading (or the page shows a message instead).
  async function settled(page) {
    await page.waitForFunction(() => {
      if (document.querySelector('.alert')) return true;
      const results = document.querySelector('.results');
      if (!results || results.getAttribute('aria-busy') !== 'false' || results.dataset.search === undefined) return false;
      const shown = new URLSearchParams(results.dataset.search);
      const wanted = new URLSearchParams(window.location.search);
      shown.sort();
      wanted.sort();
      return shown.toString() === wanted.toString();
    });
  }

  async function search(page, label, text) {
    const box = page.getByRole('combobox', { name: label });
    await box.fill(text);
    // No suggestion is active yet, so Enter searches.
    await box.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === text);
    await settled(page);
  }

  const cardTitles = (page) => page.locator('[data-testid="notice-card"] .notice-card__title a').allInnerTexts();

  // Ticks the most frequent value of a facet group that is not ticked yet.
  async function tickTopValue(page, group, parameter) {
    const box = page.getByRole('group', { name: group }).locator('input[type="checkbox"]:not(:checked)').first();
    const label = (await box.locator('xpath=..').innerText()).trim();
    await box.check();
    await page.waitForURL((url) => url.searchParams.has(parameter));
    await settled(page);
    return label;
  }

  return [
    {
      name: 'search-en',
      async run(browser, base) {
        await withPage(browser, {}, async (page) => {
          await page.goto(`${base}/notices`);
          await settled(page);
          // Type-ahead: a listbox the arrow keys move through.
          const box = page.getByRole('combobox', { name: 'Search notices' });
          await box.pressSequentially(ENGLISH_QUERY.slice(0, 4), { delay: 40 });
          await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
          check((await box.getAttribute('aria-expanded')) === 'true', 'combobox not expanded with suggestions');
          await box.press('ArrowDown');
          const active = await box.getAttribute('aria-activedescendant');
          check(
            active && (await page.locator(`[id="${active}"]`).getAttribute('aria-selected')) === 'true',
            'ArrowDown did not make a suggestion active',
          );
          await search(page, 'Search notices', ENGLISH_QUERY);

          const agency = await tickTopValue(page, 'Agency', 'agency');
          const country = await tickTopValue(page, 'Country', 'country');
          const summary = await page.locator('.results__summary').innerText();
          check(/Notices found: [\d,]+/.test(summary), `no total: ${summary}`);
          const firstPage = await cardTitles(page);
          check(firstPage.length === 20, `expected a full first page for ${agency} / ${country}, got ${firstPage.length}`);
          await screenshot(page, 'search-en');

          await page.getByRole('button', { name: 'Next page' }).click();
          await page.waitForURL((url) => url.searchParams.has('cursor'));
          await settled(page);
          const secondPage = await cardTitles(page);
          check(secondPage.length > 0, 'second page is empty');
          check(secondPage[0] !== firstPage[0] || secondPage.join() !== firstPage.join(), 'second page repeats the first');
          const searchUrl = page.url();

          const link = page.locator('[data-testid="notice-card"] .notice-card__title a').first();
          const title = (await link.innerText()).trim();
          await link.click();
          const heading = page.locator('h1#notice-title');
          await heading.waitFor();
          // Cards may shorten long titles ("…"); the notice page has the whole title.
          check(
            (await heading.innerText()).trim().startsWith(title.replace(/…$/, '').trim()),
            `notice page title differs from the card: ${title}`,
          );

          await page.goBack();
          await page.waitForURL(searchUrl);
          await settled(page);
          const url = new URL(page.url());
          check(url.searchParams.get('q') === ENGLISH_QUERY, 'words lost on back');
          check(url.searchParams.has('agency') && url.searchParams.has('country'), 'filters lost on back');
          check((await box.inputValue()) === ENGLISH_QUERY, 'search box lost the words on back');
          const ticked = await page.getByRole('group', { name: 'Agency' }).locator('input:checked').count();
          check(ticked === 1, 'agency facet not ticked after back');
          check((await cardTitles(page)).join() === secondPage.join(), 'back did not return to the same page of results');
        });
      },
    },
    {
      name: 'search-zh',
      async run(browser, base) {
        await withPage(browser, { locale: 'zh-CN' }, async (page) => {
          await page.goto(`${base}/notices`);
          await settled(page);
          check((await page.getAttribute('html', 'lang')) === 'zh', 'UI is not in Chinese');
          await search(page, '搜索公告', CHINESE_QUERY);
          const chips = page.locator('.expansions .chip');
          await chips.first().waitFor();
          const chip = chips.filter({ hasText: CHINESE_CODE });
          check((await chip.count()) === 1, `query not expanded with ${CHINESE_CODE}: ${await chips.allInnerTexts()}`);
          // An English notice found through the expansion (its text has no Chinese).
          const english = page.locator('[data-testid="notice-card"] .notice-card__title a[lang="en"]');
          check((await english.count()) >= 1, 'no English notice found for a Chinese query');
          check(!/[\u4e00-\u9fff]/.test(await english.first().innerText()), 'the English hit has Chinese text');
          await screenshot(page, 'search-zh');
          await chip.getByRole('button').click();
          await page.waitForURL((url) => url.searchParams.getAll('remove_code').includes(CHINESE_CODE));
          await settled(page);
          check((await page.locator('.expansions .chip').filter({ hasText: CHINESE_CODE }).count()) === 0, 'removed chip still shown');
          await page.getByRole('button', { name: '重新搜索所有相关产品代码' }).waitFor();
        });
      },
    },
    {
      name: 'search-ar',
      async run(browser, base) {
        await withPage(browser, { locale: 'ar' }, async (page) => {
          await page.goto(`${base}/notices?q=${encodeURIComponent(ENGLISH_QUERY)}`);
          await settled(page);
          check((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'not right-to-left');
          await page.getByRole('group', { name: 'الوكالة' }).waitFor();
          // The facet panel is at the inline start: on the right in Arabic.
          const facets = await page.locator('.facets').boundingBox();
          const results = await page.locator('.search__results').boundingBox();
          check(facets && results && facets.x > results.x, 'facet panel is not on the right in RTL');
          await screenshot(page, 'search-ar');
        });
      },
    },
    {
      name: 'search-malformed',
      async run(browser, base) {
        await withPage(browser, {}, async (page) => {
          await page.goto(`${base}/notices`);
          await settled(page);
          await search(page, 'Search notices', MALFORMED_QUERY);
          check((await page.locator('.alert--error').count()) === 0, 'an error is shown for a malformed query');
          const cards = await page.locator('[data-testid="notice-card"]').count();
          const empty = await page.getByText('No notices match your search.').count();
          check(cards > 0 || empty === 1, 'neither results nor the empty-state help');
          if (empty) await page.getByText('fewer words, or more general ones;').waitFor();
          await screenshot(page, 'search-malformed');
        });
      },
    },
    {
      name: 'phone-search',
      async run(browser, base) {
        await withPage(
          browser,
          { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
          async (page) => {
            await page.goto(`${base}/notices?q=${encodeURIComponent(ENGLISH_QUERY)}`);
            await settled(page);
            const toggle = page.getByRole('button', { name: 'Filters', exact: true });
            check(await toggle.isVisible(), 'no Filters button on a phone');
            check(!(await page.locator('.facets__body').isVisible()), 'filter panel open on a phone before asking');
            const card = await page.locator('[data-testid="notice-card"]').first().boundingBox();
            check(card && card.y < 844, `first result below the first screen (y=${card?.y})`);
            await noHorizontalScroll(page);
            await screenshot(page, 'phone-search', { fullPage: false });
            await toggle.click();
            await page.locator('.facets__body').waitFor({ state: 'visible' });
            check((await toggle.getAttribute('aria-expanded')) === 'true', 'Filters button not expanded');
            await noHorizontalScroll(page);
            await screenshot(page, 'phone-search-open', { fullPage: false });
            await toggle.click();
            await page.locator('.facets__body').waitFor({ state: 'hidden' });
          },
        );
      },
    },
  ];
}
