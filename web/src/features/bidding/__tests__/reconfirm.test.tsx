import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { ownBidSchema } from '../api/bids';
import { BidAbstractSection } from '../components/bid-abstract';
import { ReconfirmBanner } from '../components/reconfirm-bid';

const OCID = 'ocds-tbrdg1-000042';

const bid = (overrides: Record<string, unknown>) =>
  ownBidSchema.parse({
    bid: 'bid-1',
    withdrawn: false,
    versions: [{ version: 1, action: 'received', receipt_time: '2030-02-01T10:00:00.000000Z', envelopes: [], receipt: {} }],
    ...overrides,
  });

// A stand-in server for the confirmation: the first attempt asks for a recent password and
// code check (AS-12), the check passes, the second attempt is taken.
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
    if (url.pathname.endsWith('/confirmation')) {
      attempts += 1;
      if (attempts === 1) return json(403, { status: 403, code: 'reauthentication_required', detail: 'confirm your password' });
      return json(201, { v: 1, action: 'confirmed' });
    }
    return json(404, { status: 404 });
  };
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

describe('re-confirming a bid after a substantive amendment', () => {
  it('shows the amendment and the new deadline, offers the step-up, and confirms with the same key', async () => {
    const calls = server();
    const user = userEvent.setup();
    renderWithApp(
      <ReconfirmBanner
        ocid={OCID}
        bid={bid({ awaiting_reconfirmation: true })}
        supplier="12"
        amendment={3}
        deadline="2030-03-01T14:00:00Z"
        timeZone="Africa/Nairobi"
      />,
    );
    const banner = screen.getByTestId('reconfirm-banner');
    expect(banner).toHaveTextContent('Your bid awaits re-confirmation');
    expect(banner).toHaveTextContent('Amendment 3 changed the tender');
    expect(banner).toHaveTextContent('2030');
    expect(banner).toHaveTextContent('Africa/Nairobi');
    await user.click(screen.getByRole('button', { name: 'Confirm my bid' }));
    await user.type(await screen.findByLabelText('Password'), 'secret-pass');
    await user.type(screen.getByLabelText('Six-digit code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and confirm the bid' }));
    expect(await screen.findByTestId('reconfirmed')).toHaveTextContent('Your bid is confirmed');
    expect(screen.queryByTestId('reconfirm-banner')).not.toBeInTheDocument();
    const confirmations = calls.filter((c) => c.path === `/api/v1/tenders/${OCID}/bids/bid-1/confirmation`);
    expect(confirmations).toHaveLength(2);
    expect(confirmations[0]!.key).toMatch(/^tb-/);
    expect(confirmations[1]!.key).toBe(confirmations[0]!.key);
    expect(confirmations[1]!.body).toEqual({ supplier: 12 });
    await waitFor(() => expect(calls.find((c) => c.path === '/api/v1/auth/reauthenticate')?.body).toEqual({ password: 'secret-pass', totp: '123456' }));
  });

  it('shows a confirmed bid as confirmed, and nothing for a bid that never needed it', () => {
    server();
    const confirmed = bid({
      awaiting_reconfirmation: false,
      confirmations: [{ version: 1, amendment: 3, confirmed_at: '2030-02-10T10:00:00.000000Z', receipt: {} }],
    });
    const { unmount } = renderWithApp(
      <ReconfirmBanner ocid={OCID} bid={confirmed} supplier={undefined} amendment={3} deadline="2030-03-01T14:00:00Z" timeZone="UTC" />,
    );
    expect(screen.getByTestId('reconfirmed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm my bid' })).not.toBeInTheDocument();
    unmount();
    renderWithApp(<ReconfirmBanner ocid={OCID} bid={bid({})} supplier={undefined} amendment={undefined} deadline="2030-03-01T14:00:00Z" timeZone="UTC" />);
    expect(screen.queryByTestId('reconfirm-banner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('reconfirmed')).not.toBeInTheDocument();
  });

  it('says it in Arabic', () => {
    server();
    renderWithApp(
      <ReconfirmBanner ocid={OCID} bid={bid({ awaiting_reconfirmation: true })} supplier={undefined} amendment={2} deadline="2030-03-01T14:00:00Z" timeZone="UTC" />,
      { language: 'ar' },
    );
    expect(screen.getByTestId('reconfirm-banner')).toHaveTextContent('عطاؤك بانتظار إعادة التأكيد');
    expect(screen.getByRole('button', { name: 'تأكيد عطائي' })).toBeInTheDocument();
  });

  it('marks a bid the opening left sealed in the bid abstract, without a price', async () => {
    const sha = (c: string) => c.repeat(64);
    mockFetch(
      path('/api/v1/auth/session', () => ({ status: 401, body: { status: 401 } })),
      path(`/api/v1/tenders/${OCID}/bid-abstract`, () => ({
        body: {
          tender: OCID,
          opened_at: '2030-03-01T15:00:00.000000Z',
          bids: [
            { bid: 'a', supplier_name: 'Acme', receipt_time: '2030-02-01T10:00:00.000000Z', envelope_sha256: { single: sha('a') }, decrypted: true, price: { amount: '10.00', amount_minor: 1000, currency: 'USD' } },
            { bid: 'g', supplier_name: 'Globex', receipt_time: '2030-02-02T10:00:00.000000Z', envelope_sha256: { single: sha('b') }, decrypted: false, price: null, excluded: 'not re-confirmed after amendment 4' },
          ],
        },
      })),
    );
    renderWithApp(<BidAbstractSection ocid={OCID} />);
    const excluded = await screen.findByTestId('abstract-excluded');
    expect(excluded).toHaveTextContent('Not opened: not re-confirmed after amendment 4');
    expect(screen.getAllByTestId('abstract-excluded')).toHaveLength(1);
    expect(excluded.closest('tr')).toHaveTextContent('Globex');
  });
});
