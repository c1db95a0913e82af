import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNSPSC } from '@/testing/fixtures';
import { mockFetch, path, type Route as MockRoute } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { makeHit, makeSearchResponse } from '@/testing/search-fixtures';
import { SearchPage } from '../search-page';

function Page() {
  return (
    <Routes>
      <Route path="/notices" element={<SearchPage />} />
      <Route path="/notices/:id" element={<p>notice page</p>} />
    </Routes>
  );
}

const unspscRoute = path('/api/v1/unspsc', (url) => ({
  body: {
    items: (url.searchParams.get('codes') ?? '')
      .split(',')
      .flatMap((code) => (UNSPSC[code] ? [UNSPSC[code]] : [])),
  },
}));

const searchCalls = (calls: URL[]) => calls.filter((url) => url.pathname === '/api/v1/search/notices');
const location = () => screen.getByTestId('location').textContent ?? '';

function searchRoute(respond: (url: URL) => object = () => makeSearchResponse()): MockRoute {
  return path('/api/v1/search/notices', (url) => ({ body: respond(url) }));
}

describe('SearchPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-17T21:00:00Z'));
    window.scrollTo = vi.fn();
  });
  afterEach(() => vi.useRealTimers());

  it('shows result cards, the total and the time taken, and asks in the UI language', async () => {
    const { calls } = mockFetch(searchRoute(), unspscRoute);
    renderWithApp(<Page />, { route: '/notices?q=computers&agency=UNDP', language: 'en' });

    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(2);
    const first = within(cards[0]!);
    expect(first.getByRole('link', { name: 'Supply of computers' })).toHaveAttribute('href', '/notices/ungm-273637');
    expect(first.getByText('UNDP')).toBeInTheDocument();
    expect(first.getByText('Request for quotation (RFQ)')).toBeInTheDocument();
    expect(first.getByText('Kenya')).toBeInTheDocument();
    expect(first.getByText('🇰🇪')).toHaveAttribute('aria-hidden', 'true');
    expect(first.getByText('Closes in 3 days')).toBeInTheDocument();
    expect(await first.findByText('Notebook computers')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Notices found: 2\s+in 0\.85\s?ms/ })).toBeInTheDocument();

    const query = searchCalls(calls).at(-1)!.searchParams;
    expect(query.get('q')).toBe('computers');
    expect(query.get('lang')).toBe('en');
    expect(query.getAll('agency')).toEqual(['UNDP']);
    expect(query.get('sort')).toBe('relevance');
    expect(query.get('facets')).toBe('true');
    expect(query.get('limit')).toBe('20');
  });

  it('renders <mark> highlights but shows a title with other markup as text', async () => {
    mockFetch(
      searchRoute(() =>
        makeSearchResponse({
          hits: [
            makeHit({ id: 1, title: 'Supply of computers', title_html: 'Supply of <mark>computers</mark>' }),
            makeHit({
              id: 2,
              public_id: 'x-2',
              title: '<script>alert(1)</script> laptops',
              title_html: '<script>alert(1)</script> <mark>laptops</mark>',
              snippet_html: '<img src=x onerror=alert(1)> <mark>laptops</mark>',
            }),
          ],
        }),
      ),
      unspscRoute,
    );
    const { container } = renderWithApp(<Page />, { route: '/notices?q=computers' });
    const cards = await screen.findAllByRole('article');
    const mark = within(within(cards[0]!).getByRole('link')).getByText('computers');
    expect(mark.tagName).toBe('MARK');
    expect(within(cards[0]!).getByRole('link')).toHaveTextContent('Supply of computers');

    const unsafe = within(cards[1]!);
    expect(unsafe.getByRole('link')).toHaveTextContent('<script>alert(1)</script> laptops');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(cards[1]!.querySelector('mark')).toBeNull();
  });

  it('suggests as you type; arrow keys and Enter open a notice', async () => {
    const { calls } = mockFetch(
      searchRoute(),
      unspscRoute,
      path('/api/v1/search/suggest', () => ({
        body: {
          items: [
            { kind: 'notice', text: 'Supply of computers', id: 12 },
            { kind: 'unspsc', text: 'Computers', code: '43211500' },
          ],
        },
      })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices' });
    const box = screen.getByRole('combobox', { name: 'Search notices' });
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(box, 'comp');
    const listbox = await screen.findByRole('listbox', { name: 'Suggestions' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', listbox.id);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Supply of computersNotice', 'ComputersUNSPSC 43211500']);
    const suggest = calls.filter((url) => url.pathname === '/api/v1/search/suggest');
    // Debounced: one request for the pause, not one per key.
    expect(suggest.map((url) => url.searchParams.get('q'))).toEqual(['comp']);
    expect(suggest[0]!.searchParams.get('lang')).toBe('en');

    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{ArrowUp}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    await user.keyboard('{Enter}');
    expect(await screen.findByText('notice page')).toBeInTheDocument();
    expect(location()).toBe('/notices/12');
  });

  it('adds a code filter when a UNSPSC suggestion is chosen', async () => {
    const { calls } = mockFetch(
      searchRoute(),
      unspscRoute,
      path('/api/v1/search/suggest', () => ({
        body: { items: [{ kind: 'unspsc', text: 'Ordinateurs', code: '43211500' }] },
      })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=laptops', language: 'fr' });
    const box = screen.getByRole('combobox', { name: 'Rechercher des avis' });
    await user.clear(box);
    await user.type(box, 'ordi');
    await screen.findByRole('option', { name: /Ordinateurs/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(location()).toBe('/notices?q=laptops&unspsc=432115');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    // The words of the current search stay.
    expect(box).toHaveValue('laptops');
    await waitFor(() => expect(searchCalls(calls).at(-1)!.searchParams.getAll('unspsc')).toEqual(['432115']));
    expect(searchCalls(calls).at(-1)!.searchParams.get('lang')).toBe('fr');
  });

  it('searches on Enter, starting again at the first page with the full expansion', async () => {
    mockFetch(searchRoute(), unspscRoute);
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=pumps&remove_code=43211500&cursor=r20&country=KE' });
    const box = await screen.findByRole('combobox', { name: 'Search notices' });
    await user.clear(box);
    await user.type(box, 'solar panels{Enter}');
    expect(location()).toBe('/notices?q=solar+panels&country=KE');
  });

  it('writes a facet click into the URL and asks the server again', async () => {
    const { calls } = mockFetch(searchRoute(), unspscRoute);
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=computers&cursor=r20' });
    const agency = await screen.findByRole('group', { name: 'Agency' });
    await user.click(within(agency).getByRole('checkbox', { name: /UNDP\s*5/ }));
    expect(location()).toBe('/notices?q=computers&agency=UNDP');

    const country = screen.getByRole('group', { name: 'Country' });
    expect(within(country).getByText('🇰🇪')).toBeInTheDocument();
    await user.click(within(country).getByRole('checkbox', { name: /Kenya/ }));
    expect(location()).toBe('/notices?q=computers&agency=UNDP&country=KE');
    await waitFor(() => {
      const last = searchCalls(calls).at(-1)!.searchParams;
      expect(last.getAll('agency')).toEqual(['UNDP']);
      expect(last.getAll('country')).toEqual(['KE']);
      expect(last.get('cursor')).toBeNull();
    });
    expect(within(agency).getByRole('checkbox', { name: /UNDP/ })).toBeChecked();

    // Segments are named by the catalogue, regions and statuses by the UI.
    expect(await screen.findByRole('checkbox', { name: /40 · Distribution and Conditioning Systems/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Africa\s*2/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Closing soon\s*1/ })).toBeInTheDocument();

    await user.click(within(agency).getByRole('checkbox', { name: /UNDP/ }));
    expect(location()).toBe('/notices?q=computers&country=KE');
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(location()).toBe('/notices?q=computers');
  });

  it('opens and closes the filter panel with the Filters button', async () => {
    mockFetch(searchRoute(), unspscRoute);
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?type=rfq' });
    const toggle = await screen.findByRole('button', { name: 'Filters (1)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(panel).toHaveAttribute('data-open', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(panel).toHaveAttribute('data-open', 'true');
    Element.prototype.scrollIntoView = vi.fn();
    await user.click(within(panel).getByRole('button', { name: 'Show results' }));
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(panel).toHaveAttribute('data-open', 'false');
  });

  it('shows the ellipsis of a shortened title', async () => {
    mockFetch(
      searchRoute(() =>
        makeSearchResponse({
          hits: [makeHit({ title: 'Construction of health posts in the municipality of…', title_html: 'Construction of <mark>health</mark> posts in the municipality of' })],
        }),
      ),
      unspscRoute,
    );
    renderWithApp(<Page />, { route: '/notices?q=health' });
    expect(await screen.findByRole('link', { name: 'Construction of health posts in the municipality of…' })).toBeInTheDocument();
  });

  it('shows the expansion codes, and removing one writes remove_code into the URL', async () => {
    const { calls } = mockFetch(
      searchRoute((url) =>
        makeSearchResponse({
          expansions: url.searchParams.getAll('remove_code').includes('43211500')
            ? []
            : [{ code: '43211500', prefix: '432115', title: '计算机', matched_text: '计算机', matched_language: 'zh' }],
        }),
      ),
      unspscRoute,
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=计算机', language: 'zh' });
    expect(await screen.findByText('同时搜索了：')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '从搜索中移除 计算机（43211500）' }));
    expect(location()).toBe(`/notices?q=${encodeURIComponent('计算机')}&remove_code=43211500`);
    await waitFor(() => expect(searchCalls(calls).at(-1)!.searchParams.getAll('remove_code')).toEqual(['43211500']));
    expect(searchCalls(calls).at(-1)!.searchParams.get('lang')).toBe('zh');
    await user.click(await screen.findByRole('button', { name: '重新搜索所有相关产品代码' }));
    expect(location()).toBe(`/notices?q=${encodeURIComponent('计算机')}`);
  });

  it('says when the query was read as plain words', async () => {
    mockFetch(searchRoute(() => makeSearchResponse({ query_reinterpreted: true })), unspscRoute);
    renderWithApp(<Page />, { route: `/notices?q=${encodeURIComponent('"unterminated AND ((')}` });
    const note = await screen.findByText(/^We read your search as plain words/);
    expect(note).toHaveAttribute('role', 'status');
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('helps when nothing matches', async () => {
    mockFetch(searchRoute(() => makeSearchResponse({ hits: [], total: 0, next_cursor: undefined })), unspscRoute);
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=zzzz&agency=UNDP' });
    expect(await screen.findByText('No notices match your search.')).toBeInTheDocument();
    expect(screen.getByText('fewer words, or more general ones;')).toBeInTheDocument();
    expect(screen.getByText('the same words in another language, or the name of the product;')).toBeInTheDocument();
    expect(screen.getByText('removing some of the filters.')).toBeInTheDocument();
    const clear = screen.getAllByRole('button', { name: 'Clear all filters' });
    await user.click(clear.at(-1)!);
    expect(location()).toBe('/notices?q=zzzz');
    // Without filters, there are none to remove.
    expect(await screen.findByText('No notices match your search.')).toBeInTheDocument();
    expect(screen.queryByText('removing some of the filters.')).not.toBeInTheDocument();
  });

  it('pages with the cursor and changes the sort order', async () => {
    const { calls } = mockFetch(
      searchRoute((url) =>
        url.searchParams.get('cursor') === 'r20'
          ? makeSearchResponse({ hits: [makeHit({ id: 99, public_id: 'p-99', title: 'Second page notice', title_html: 'Second page notice' })], next_cursor: undefined })
          : makeSearchResponse(),
      ),
      unspscRoute,
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=computers&type=rfq' });
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'Second page notice' })).toBeInTheDocument();
    expect(location()).toBe('/notices?q=computers&type=rfq&cursor=r20');
    expect(searchCalls(calls).at(-1)!.searchParams.get('type')).toBe('rfq');
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'First page' }));
    expect(location()).toBe('/notices?q=computers&type=rfq');

    await user.selectOptions(await screen.findByLabelText('Sort by'), 'deadline');
    expect(location()).toBe('/notices?q=computers&type=rfq&sort=deadline');
    await waitFor(() => expect(searchCalls(calls).at(-1)!.searchParams.get('sort')).toBe('deadline'));
  });

  it('sorts newest first when there are no words', async () => {
    const { calls } = mockFetch(searchRoute(), unspscRoute);
    renderWithApp(<Page />, { route: '/notices' });
    await screen.findAllByRole('article');
    expect(searchCalls(calls)[0]!.searchParams.get('sort')).toBe('published');
    expect(searchCalls(calls)[0]!.searchParams.has('q')).toBe(false);
    expect(screen.getByLabelText('Sort by')).toHaveValue('published');
  });

  it('offers the first page again when a cursor is refused', async () => {
    mockFetch(
      path('/api/v1/search/notices', (url) =>
        url.searchParams.get('cursor')
          ? { status: 422, body: { title: 'Invalid argument', status: 422, detail: 'bad cursor', code: 'invalid_argument', field: 'cursor' } }
          : { body: makeSearchResponse() },
      ),
      unspscRoute,
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/notices?q=computers&cursor=stale' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('These results have changed since this page was opened.');
    await user.click(within(alert).getByRole('button', { name: 'First page' }));
    expect(location()).toBe('/notices?q=computers');
    expect(await screen.findAllByRole('article')).toHaveLength(2);
  });

  it('lays out in Arabic with translated facets', async () => {
    mockFetch(searchRoute(), unspscRoute);
    renderWithApp(<Page />, { route: '/notices?q=x', language: 'ar' });
    expect(await screen.findByRole('group', { name: 'الوكالة' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /كينيا/ })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
  });
});
