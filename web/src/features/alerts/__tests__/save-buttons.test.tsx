import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { makeNoticeDetail } from '@/testing/fixtures';
import { mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { makeSearchResponse } from '@/testing/search-fixtures';

const search = on('GET', '/api/v1/search/notices', () => ({ body: makeSearchResponse() }));

describe('save this search', { timeout: 20_000 }, () => {
  it('saves the page query (without its cursor) under a name made from the search', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      search,
      on('POST', '/api/v1/me/saved-searches', (r) => ({
        status: 201,
        body: { id: 3, ...(r.body as object), created_at: '2026-11-22T10:00:00Z', feed_url: '/api/v1/feeds/searches/t' },
      })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices?q=solar&country=KE&cursor=r20' });
    await user.click(await screen.findByRole('button', { name: 'Save this search' }));
    const name = screen.getByLabelText('Name of the saved search');
    expect(name).toHaveValue('solar · Kenya');
    await user.clear(name);
    await user.type(name, 'Solar in Kenya');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved “Solar in Kenya”/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Manage saved searches' })).toHaveAttribute('href', '/settings/alerts');
    const post = api.writes()[0]!;
    expect(post.url.pathname).toBe('/api/v1/me/saved-searches');
    expect(post.body).toEqual({ name: 'Solar in Kenya', query: 'q=solar&country=KE' });
    expect(post.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
  });

  it('shows why the server refused, e.g. the limit of 50', async () => {
    mockApi(
      session(SUPPLIER_USER),
      search,
      on('POST', '/api/v1/me/saved-searches', () => problem(409, 'limit_reached', 'at most 50 saved searches per user')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices' });
    await user.click(await screen.findByRole('button', { name: 'Save this search' }));
    expect(screen.getByLabelText('Name of the saved search')).toHaveValue('All notices');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('at most 50 saved searches per user');
  });

  it('is not offered to visitors', async () => {
    mockApi(session({ user: null }), search);
    renderWithApp(<AppRoutes />, { route: '/notices?q=solar' });
    await screen.findAllByTestId('notice-card');
    expect(screen.queryByRole('button', { name: 'Save this search' })).toBeNull();
  });
});

describe('save a notice (star)', { timeout: 20_000 }, () => {
  it('saves with PUT and unsaves with DELETE, by the notice id', async () => {
    let saved = false;
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/notices/ungm-273637', () => ({ body: makeNoticeDetail() })),
      on('GET', '/api/v1/me/saved-notices', () => ({
        body: { items: saved ? [{ notice_id: 12, public_id: 'ungm-273637', title: 'x', deadline: null, saved_at: null }] : [], calendar_url: null },
      })),
      on('PUT', '/api/v1/me/saved-notices/12', () => {
        saved = true;
        return { status: 204 };
      }),
      on('DELETE', '/api/v1/me/saved-notices/12', () => {
        saved = false;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices/ungm-273637' });
    const star = await screen.findByTestId('save-notice');
    expect(star).toHaveAttribute('aria-pressed', 'false');
    expect(star).toHaveTextContent('Save');
    await user.click(star);
    await waitFor(() => expect(screen.getByTestId('save-notice')).toHaveAttribute('aria-pressed', 'true'));
    expect(screen.getByTestId('save-notice')).toHaveTextContent('Saved');
    await waitFor(() => expect(screen.getByTestId('save-notice')).toBeEnabled());
    await user.click(screen.getByTestId('save-notice'));
    await waitFor(() => expect(screen.getByTestId('save-notice')).toHaveAttribute('aria-pressed', 'false'));
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['PUT /api/v1/me/saved-notices/12', 'DELETE /api/v1/me/saved-notices/12']);
  });

  it('is not shown to visitors', async () => {
    const api = mockApi(session({ user: null }), on('GET', '/api/v1/notices/ungm-273637', () => ({ body: makeNoticeDetail() })));
    renderWithApp(<AppRoutes />, { route: '/notices/ungm-273637' });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByTestId('save-notice')).toBeNull();
    expect(screen.queryByTestId('recommended-suppliers')).toBeNull();
    expect(api.requests.some((r) => r.url.pathname.startsWith('/api/v1/me/'))).toBe(false);
  });
});
