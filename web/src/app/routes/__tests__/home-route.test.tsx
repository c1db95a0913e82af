import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

// The home page sends a supplier to its "For you" feed and everyone else to the search.
describe('home', { timeout: 20_000 }, () => {
  it('opens For you for a supplier user', async () => {
    const api = mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/me/recommendations', () => ({ body: { items: [] } })));
    renderWithApp(<AppRoutes />, { route: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'For you' })).toBeInTheDocument();
    expect(api.requests.some((r) => r.url.pathname === '/api/v1/me/recommendations')).toBe(true);
  });

  it('opens the notices search for a visitor', async () => {
    const api = mockApi(session(), on('GET', '/api/v1/notices', () => ({ body: { items: [], next_cursor: null, total: 0 } })));
    renderWithApp(<AppRoutes />, { route: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Procurement notices' })).toBeInTheDocument();
    expect(api.requests.some((r) => r.url.pathname === '/api/v1/me/recommendations')).toBe(false);
  });
});
