import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, sessionBody, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

const OTPAUTH = 'otpauth://totp/TenderBridge:amina%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=TenderBridge';

describe('account settings', { timeout: 20_000 }, () => {
  it('sets up TOTP: QR code and secret, then a code turns it on', async () => {
    let enrolled = false;
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({
        body: sessionBody({ ...SUPPLIER_USER, mfa: { enrolled, verified: enrolled } }),
      })),
      on('GET', '/api/v1/auth/tokens', () => ({ body: { items: [] } })),
      on('POST', '/api/v1/auth/totp/setup', () => ({ body: { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: OTPAUTH } })),
      on('POST', '/api/v1/auth/totp/confirm', (request) => {
        if ((request.body as { code: string }).code !== '654321') return problem(401, 'totp_invalid', 'wrong code');
        enrolled = true;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings' });

    await user.click(await screen.findByRole('button', { name: 'Set up two-step verification' }));
    const qr = await screen.findByRole('img', { name: 'QR code to add TenderBridge to your authenticator app' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Enter the six-digit code the app now shows'), '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText(/This code is not right/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Enter the six-digit code the app now shows'));
    await user.type(screen.getByLabelText('Enter the six-digit code the app now shows'), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Two-step verification is now on.')).toBeInTheDocument();

    const writes = api.writes();
    expect(writes.map((r) => r.url.pathname)).toEqual([
      '/api/v1/auth/totp/setup',
      '/api/v1/auth/totp/confirm',
      '/api/v1/auth/totp/confirm',
    ]);
    expect(writes.every((r) => r.headers.get('X-CSRF-Token') === SESSION_TOKEN)).toBe(true);
  });

  it('creates an API token, shows it once, and revokes a token with DELETE', async () => {
    // As GET /auth/tokens lists them (src/http/auth_routes.cc ListApiTokens).
    const token = (id: number, name: string, revoked_at: string | null = null) => ({
      id,
      name,
      prefix: `tbk_ab${id}`,
      scopes: ['notices:read'],
      created_at: '2025-01-02T10:00:00Z',
      last_used_at: null,
      revoked_at,
    });
    let tokens = [token(3, 'old script'), token(2, 'retired', '2025-01-05T10:00:00Z')];
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({ body: sessionBody(SUPPLIER_USER) })),
      on('GET', '/api/v1/auth/tokens', () => ({ body: { items: tokens } })),
      on('POST', '/api/v1/auth/tokens', () => {
        tokens = [...tokens, token(4, 'alerts')];
        return { status: 201, body: { id: 4, token: 'tbk_secretvalue' } };
      }),
      on('DELETE', '/api/v1/auth/tokens/3', () => {
        tokens = tokens.filter((t) => t.id !== 3);
        return { status: 204 };
      }),
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings' });

    expect(await screen.findByRole('cell', { name: /^old script/ })).toBeInTheDocument();
    expect(screen.getByText('tbk_ab3…')).toBeInTheDocument();
    const retired = screen.getByRole('cell', { name: /^retired/ }).closest('tr')!;
    expect(within(retired).getByText('Revoked')).toBeInTheDocument();
    expect(within(retired).queryByRole('button')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'alerts');
    await user.click(screen.getByRole('button', { name: 'Create the token' }));
    expect(await screen.findByTestId('new-token')).toHaveTextContent('tbk_secretvalue');
    expect(api.writes()[0]?.body).toEqual({ name: 'alerts', scopes: ['notices:read'] });

    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('tbk_secretvalue')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Revoke the token old script' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: /^old script/ })).not.toBeInTheDocument());
    const revoke = api.writes().find((r) => r.method === 'DELETE');
    expect(revoke?.url.pathname).toBe('/api/v1/auth/tokens/3');
    expect(revoke?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
    expect(within(screen.getByRole('table')).getByRole('cell', { name: /^alerts/ })).toBeInTheDocument();
  });
});
