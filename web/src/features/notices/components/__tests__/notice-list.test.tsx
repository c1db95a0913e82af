import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeNotice, UNSPSC } from '@/testing/fixtures';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { NoticeFiltersForm } from '../notice-filters';
import { NoticeList } from '../notice-list';

function ListPage() {
  return (
    <Routes>
      <Route
        path="/notices"
        element={
          <>
            <NoticeFiltersForm />
            <NoticeList />
          </>
        }
      />
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

describe('NoticeList', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-03-17T21:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows the notices the server returns', async () => {
    mockFetch(
      path('/api/v1/notices', () => ({
        body: {
          items: [
            makeNotice(),
            makeNotice({ id: 13, public_id: 'ocds-b5fd17-99', title: 'Road rehabilitation works', buyer: 'UNOPS', type: 'itb', deadline: '2024-03-01T12:00:00Z', unspsc: [] }),
          ],
          next_cursor: null,
          total: 2,
        },
      })),
      unspscRoute,
    );
    renderWithApp(<ListPage />, { route: '/notices' });

    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(2);
    const first = within(cards[0]!);
    expect(first.getByRole('link', { name: 'Supply of solar water pumps' })).toHaveAttribute('href', '/notices/ungm-273637');
    expect(first.getByText('UNDP')).toBeInTheDocument();
    expect(first.getByText('Request for quotation (RFQ)')).toBeInTheDocument();
    expect(first.getByText('Ethiopia and Yemen')).toBeInTheDocument();
    expect(first.getByText('Closes in 3 days')).toBeInTheDocument();
    expect(first.getByText('40151500')).toBeInTheDocument();
    expect(await first.findByText('Notebook computers')).toBeInTheDocument();
    expect(within(cards[1]!).getByText('Closed')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Notices found: 2' })).toBeInTheDocument();
  });

  it('sends the filters in the URL to the API', async () => {
    const { calls } = mockFetch(
      path('/api/v1/notices', () => ({ body: { items: [], next_cursor: null, total: 0 } })),
    );
    renderWithApp(<ListPage />, { route: '/notices?buyer=UNDP&buyer=FAO&type=rfq&open=true&order=deadline' });
    await screen.findByText('No notices match these filters.');
    const query = calls.find((url) => url.pathname === '/api/v1/notices')!.searchParams;
    expect(query.getAll('buyer')).toEqual(['UNDP', 'FAO']);
    expect(query.get('type')).toBe('rfq');
    expect(query.get('open')).toBe('true');
    expect(query.get('order')).toBe('deadline');
    expect(query.get('limit')).toBe('20');
    // The form shows what the URL says.
    expect(screen.getByLabelText('Buyer agency')).toHaveValue('UNDP, FAO');
    expect(screen.getByLabelText('Notice type')).toHaveValue('rfq');
    expect(screen.getByLabelText('Open for bids only')).toBeChecked();
  });

  it('writes a filter change into the URL and asks the server again', async () => {
    const { calls } = mockFetch(
      path('/api/v1/notices', () => ({ body: { items: [makeNotice()], next_cursor: null, total: 1 } })),
      unspscRoute,
    );
    const user = userEvent.setup();
    renderWithApp(<ListPage />, { route: '/notices' });
    await screen.findAllByRole('article');

    await user.selectOptions(screen.getByLabelText('Notice type'), 'itb');
    expect(screen.getByTestId('location')).toHaveTextContent('/notices?type=itb');

    await user.type(screen.getByLabelText('Country'), 'ke');
    await user.type(screen.getByLabelText('Buyer agency'), 'UNICEF{Enter}');
    expect(screen.getByTestId('location')).toHaveTextContent('/notices?buyer=UNICEF&type=itb&country=KE');

    await waitFor(() => {
      const last = calls.filter((url) => url.pathname === '/api/v1/notices').at(-1)!;
      expect(last.searchParams.get('country')).toBe('KE');
      expect(last.searchParams.get('buyer')).toBe('UNICEF');
    });

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/notices$/);
  });

  it('pages with the cursor the server returned', async () => {
    const { calls } = mockFetch(
      path('/api/v1/notices', (url) =>
        url.searchParams.get('cursor') === 'abc'
          ? { body: { items: [makeNotice({ id: 99, title: 'Second page notice', unspsc: [] })], next_cursor: null, total: 2 } }
          : { body: { items: [makeNotice({ unspsc: [] })], next_cursor: 'abc', total: 2 } },
      ),
    );
    window.scrollTo = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<ListPage />, { route: '/notices?type=rfq' });
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'Second page notice' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/notices?type=rfq&cursor=abc');
    expect(calls.at(-1)!.searchParams.get('type')).toBe('rfq');
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'First page' })).toBeInTheDocument();
  });

  it('shows the problem detail when the server refuses the request', async () => {
    mockFetch(
      path('/api/v1/notices', () => ({
        status: 422,
        body: {
          type: 'https://tenderbridge.org/problems/invalid-argument',
          title: 'Invalid argument',
          status: 422,
          detail: 'country must be an ISO 3166-1 alpha-2 code',
          code: 'invalid_argument',
          field: 'country',
        },
      })),
    );
    renderWithApp(<ListPage />, { route: '/notices?country=XX' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('country must be an ISO 3166-1 alpha-2 code');
    expect(alert).toHaveTextContent('invalid_argument');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // The problem's `field` marks the control to fix.
    expect(screen.getByLabelText('Country')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Buyer agency')).not.toHaveAttribute('aria-invalid');
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    renderWithApp(<ListPage />, { route: '/notices' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached');
  });
});
