import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { chipText, inboxItem, SAVED_SEARCH_ITEM } from './fixtures';

const inboxRequests = (api: ReturnType<typeof mockApi>) =>
  api.requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/me/inbox' && r.url.searchParams.get('limit') !== '1');

describe('inbox', { timeout: 20_000 }, () => {
  it('lists alerts with reason, agency, countdown and chips; unread ones stand out', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/inbox', () => ({ body: { items: [inboxItem(), SAVED_SEARCH_ITEM], next_cursor: null, unread: 1 } })),
    );
    renderWithApp(<AppRoutes />, { route: '/inbox' });
    const items = await screen.findAllByTestId('inbox-item');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(first).toHaveClass('inbox-item--unread');
    expect(second).not.toHaveClass('inbox-item--unread');
    expect(within(first).getByTestId('reason-badge')).toHaveTextContent('Your profile');
    expect(within(second).getByTestId('reason-badge')).toHaveTextContent('Saved search: Solar in Kenya');
    expect(within(first).getByRole('link', { name: 'Solar panels for clinics' })).toHaveAttribute('href', '/notices/ungm-250311');
    expect(within(first).getByText('UNDP')).toBeInTheDocument();
    expect(within(first).getByText(/^Closes in/)).toBeInTheDocument();
    expect(within(first).getByText(chipText('Matches your code 26111600 Solar cells and panels'))).toBeInTheDocument();
    expect(within(second).queryByTestId('why-chip')).toBeNull();
    expect(within(second).queryByRole('button', { name: /Mark read/ })).toBeNull();
    expect(screen.getByTestId('unread-total')).toHaveTextContent('Unread: 1');
  });

  it('marks one alert read with its button, and when its notice is opened', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/inbox', () => ({ body: { items: [inboxItem(), inboxItem({ id: 43, notice: { ...inboxItem().notice, id: 14, public_id: 'ungm-9', title: 'Batteries' } })], next_cursor: null, unread: 2 } })),
      on('POST', '/api/v1/me/inbox/41/read', () => ({ status: 204 })),
      on('POST', '/api/v1/me/inbox/43/read', () => ({ status: 204 })),
      on('GET', '/api/v1/notices/ungm-9', () => ({ status: 404, body: { status: 404, detail: 'gone' } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/inbox' });
    await user.click(await screen.findByRole('button', { name: 'Mark read: Solar panels for clinics' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')[0]).not.toHaveClass('inbox-item--unread'));
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /api/v1/me/inbox/41/read']);
    expect(api.writes()[0]!.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);

    await user.click(screen.getByRole('link', { name: 'Batteries' }));
    await waitFor(() => expect(api.writes().map((r) => r.url.pathname)).toContain('/api/v1/me/inbox/43/read'));
    expect(screen.getByTestId('location')).toHaveTextContent('/notices/ungm-9');
  });

  it('marks all read, filters to unread in the URL and loads more with the cursor', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/inbox', (r) => {
        if (r.url.searchParams.get('cursor') === 'c2') return { body: { items: [SAVED_SEARCH_ITEM], next_cursor: null, unread: 1 } };
        return { body: { items: [inboxItem()], next_cursor: 'c2', unread: 1 } };
      }),
      on('POST', '/api/v1/me/inbox/read-all', () => ({ status: 204 })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/inbox' });
    await screen.findAllByTestId('inbox-item');
    expect(inboxRequests(api)[0]!.url.searchParams.get('limit')).toBe('20');
    expect(inboxRequests(api)[0]!.url.searchParams.has('unread')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(2));
    expect(inboxRequests(api).at(-1)!.url.searchParams.get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')[0]).not.toHaveClass('inbox-item--unread'));
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /api/v1/me/inbox/read-all']);

    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(inboxRequests(api).at(-1)!.url.searchParams.get('unread')).toBe('true'));
    expect(screen.getByTestId('location')).toHaveTextContent('/inbox?unread=true');
  });

  it('explains how to get alerts when the inbox is empty', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/me/inbox', () => ({ body: { items: [], next_cursor: null, unread: 0 } })));
    renderWithApp(<AppRoutes />, { route: '/inbox' });
    const empty = await screen.findByTestId('inbox-empty');
    expect(within(empty).getByText('Your inbox is empty')).toBeInTheDocument();
    expect(within(empty).getByRole('link', { name: 'Search the notices and save the search' })).toHaveAttribute('href', '/notices');
    expect(within(empty).getByRole('link', { name: 'Complete your company profile and its UNSPSC codes' })).toHaveAttribute('href', '/suppliers/42/profile');
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });
});

describe('unread badge in the header', { timeout: 20_000 }, () => {
  it('shows the unread count from GET /me/inbox?unread=true&limit=1', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/inbox', () => ({ body: { items: [inboxItem()], next_cursor: 'x', unread: 5 } })),
      on('GET', '/api/v1/search/notices', () => ({ body: { hits: [], total: 0, facets: {} } })),
    );
    renderWithApp(<AppRoutes />, { route: '/events' });
    const badge = await screen.findByTestId('unread-badge');
    expect(badge).toHaveTextContent('5');
    expect(screen.getByRole('link', { name: 'Inbox, 5 unread' })).toHaveAttribute('href', '/inbox');
    const poll = api.requests.find((r) => r.url.pathname === '/api/v1/me/inbox')!;
    expect(poll.url.searchParams.get('unread')).toBe('true');
    expect(poll.url.searchParams.get('limit')).toBe('1');
    expect(screen.getByRole('link', { name: 'For you' })).toHaveAttribute('href', '/for-you');
  });

  it('is not there for visitors, who are not asked about', async () => {
    const api = mockApi(session({ user: null }), on('GET', '/api/v1/events', () => ({ body: { items: [] } })));
    renderWithApp(<AppRoutes />, { route: '/events' });
    await screen.findByRole('link', { name: 'Log in' });
    expect(screen.queryByRole('link', { name: /^Inbox/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'For you' })).toBeNull();
    expect(api.requests.some((r) => r.url.pathname === '/api/v1/me/inbox')).toBe(false);
  });
});
