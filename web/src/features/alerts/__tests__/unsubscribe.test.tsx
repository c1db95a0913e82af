import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

describe('unsubscribe page', { timeout: 20_000 }, () => {
  it('turns e-mail alerts off with the token from the link, without a session', async () => {
    const api = mockApi(session({ user: null }), on('POST', '/api/v1/alerts/unsubscribe', () => ({ status: 204 })));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/unsubscribe?token=tok-123' });
    // Nothing happens before the click: a mail scanner opening the link changes nothing.
    await screen.findByRole('button', { name: 'Stop alert e-mails' });
    expect(api.writes()).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Stop alert e-mails' }));
    expect(await screen.findByTestId('unsubscribed')).toHaveTextContent('Alert e-mails are off.');
    expect(api.writes().map((r) => [r.url.pathname, r.body])).toEqual([['/api/v1/alerts/unsubscribe', { token: 'tok-123' }]]);
  });

  it('says when the token is not valid any more', async () => {
    mockApi(session({ user: null }), on('POST', '/api/v1/alerts/unsubscribe', () => problem(404, 'not_found', 'unknown token', 'token')));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/unsubscribe?token=old' });
    await user.click(await screen.findByRole('button', { name: 'Stop alert e-mails' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid any more.');
  });

  it('says when the link has no token', async () => {
    mockApi(session({ user: null }));
    renderWithApp(<AppRoutes />, { route: '/unsubscribe' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is incomplete.');
    expect(screen.queryByRole('button', { name: 'Stop alert e-mails' })).toBeNull();
  });
});
