import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { WithdrawBid } from '../components/withdraw-bid';

const OCID = 'ocds-tbrdg1-000042';

// A stand-in server for the withdrawal: the first attempt asks for a recent password and code
// check (AS-12), the check passes, the second attempt is taken.
function server() {
  const calls: { path: string; key: string | null; body: unknown }[] = [];
  let attempts = 0;
  const fetchMock = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const headers = new Headers(init?.headers);
    calls.push({ path: url.pathname, key: headers.get('Idempotency-Key'), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    if (url.pathname === '/api/v1/auth/session') {
      return json(200, { user: { id: 5, email: 'a@z.example' }, memberships: [], mfa: { enrolled: true, verified: true }, csrf_token: 'c' });
    }
    if (url.pathname === '/api/v1/auth/reauthenticate') return new Response(null, { status: 204 });
    if (url.pathname.endsWith('/withdrawal')) {
      attempts += 1;
      if (attempts === 1) return json(403, { status: 403, code: 'reauthentication_required', detail: 'confirm your password' });
      return json(201, { v: 1, action: 'withdrawn' });
    }
    return json(404, { status: 404 });
  };
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

describe('withdrawing a bid', () => {
  it('confirms, offers the step-up the server asks for, and withdraws with the same idempotency key', async () => {
    const calls = server();
    const user = userEvent.setup();
    renderWithApp(<WithdrawBid ocid={OCID} bidId="bid-1" supplier={undefined} />);
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await user.click(screen.getByRole('button', { name: 'Withdraw the bid' }));
    await user.type(await screen.findByLabelText('Password'), 'secret-pass');
    await user.type(screen.getByLabelText('Six-digit code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm and withdraw' }));
    expect(await screen.findByText('The bid was withdrawn.')).toBeInTheDocument();
    const withdrawals = calls.filter((c) => c.path === `/api/v1/tenders/${OCID}/bids/bid-1/withdrawal`);
    expect(withdrawals).toHaveLength(2);
    expect(withdrawals[0]!.key).toMatch(/^tb-/);
    expect(withdrawals[1]!.key).toBe(withdrawals[0]!.key);
    await waitFor(() => expect(calls.find((c) => c.path === '/api/v1/auth/reauthenticate')?.body).toEqual({ password: 'secret-pass', totp: '123456' }));
  });
});
