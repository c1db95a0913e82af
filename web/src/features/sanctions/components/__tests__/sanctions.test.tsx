import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, problem, session, SESSION_TOKEN } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

// Shapes of src/http/sanctions_routes.cc.
const ENTRY = {
  id: '6908555',
  reference: 'KPe.024',
  list: 'DPRK',
  type: 'entity',
  listed_on: '2016-11-30',
  names: [
    { name: 'HESONG TRADING COMPANY', kind: 'primary' },
    { name: 'Hesong Trading Corporation', kind: 'alias', quality: 'Good' },
  ],
  countries: ['KP'],
  nationalities: [],
  address_countries: ['KP'],
  comments: 'Located in Pyongyang.',
};

const SUMMARY = {
  id: 5,
  status: 'open',
  screening_decision: 'possible_hit',
  score: 0.93,
  subject: { kind: 'supplier', id: '42' },
  supplier: { id: '42', name: 'Hesong Trading Company' },
  entry: { id: '6908555', name: 'HESONG TRADING COMPANY', reference: 'KPe.024', list: 'DPRK' },
  list_version: '2024-09-26T10:00:01',
  list_sha256: 'c0ffee'.repeat(10) + 'abcd',
  created_at: '2025-05-31T10:00:00Z',
  decided_at: null,
};

const CASE = {
  ...SUMMARY,
  supplier: { id: '42', name: 'Hesong Trading Company', names: ['Hesong Trading Company', 'Hesong Foods'], country: 'NE' },
  entry: ENTRY,
  matches: [{ supplier_name: 'Hesong Trading Company', entry_name: 'HESONG TRADING COMPANY', entry_id: '6908555', score: 0.93 }],
  candidates: [{ entry: ENTRY, score: 0.93 }],
  screening: { id: 11, decision: 'possible_hit', reason: '', at: '2025-05-31T10:00:00Z' },
  decision: null,
};

const decided = (note: string) => ({
  ...CASE,
  status: 'cleared',
  decided_at: '2025-06-01T09:00:00Z',
  decision: { decision: 'clear', note, decided_by: '9', decided_at: '2025-06-01T09:00:00Z' },
});

describe('sanctions review', { timeout: 20_000 }, () => {
  it('lists open reviews under the list version in use', async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews', () => ({ body: { items: [SUMMARY], next_cursor: null } })),
      on('GET', '/api/v1/sanctions/list', () => ({
        body: {
          current: {
            id: 1,
            date_generated: '2024-09-26T10:00:01',
            generated_at: '2024-09-26T10:00:01Z',
            sha256: 'ab'.repeat(32),
            loaded_at: '2025-05-31T09:59:00Z',
            individual_count: 730,
            entity_count: 193,
            entry_count: 923,
          },
        },
      })),
    );
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews' });
    const link = await screen.findByRole('link', { name: 'Hesong Trading Company' });
    expect(link).toHaveAttribute('href', '/sanctions/reviews/5');
    expect(screen.getByText('93%')).toBeInTheDocument();
    expect(await screen.findByText('193 entities, 730 individuals')).toBeInTheDocument();
    expect(api.requests.find((r) => r.url.pathname === '/api/v1/sanctions/reviews')?.url.searchParams.get('status')).toBe('open');
  });

  it("shows the supplier's names beside the listed entry's, and records a decision with a note", async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews/5', () => ({ body: CASE })),
      on('POST', '/api/v1/sanctions/reviews/5/decision', (request) => ({ body: decided((request.body as { note: string }).note) })),
      on('GET', '/api/v1/sanctions/reviews', () => ({ body: { items: [], next_cursor: null } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews/5' });

    const supplier = await screen.findByRole('region', { name: "The supplier's names" });
    const entry = screen.getByRole('region', { name: "The listed entry's names" });
    expect(within(supplier).getByText('Hesong Trading Company')).toBeInTheDocument();
    expect(within(supplier).getByText('Hesong Foods')).toBeInTheDocument();
    expect(within(entry).getByText('HESONG TRADING COMPANY')).toBeInTheDocument();
    expect(within(entry).getByText('Hesong Trading Corporation')).toBeInTheDocument();
    expect(within(entry).getByText('KPe.024')).toBeInTheDocument();
    expect(within(entry).getByText('North Korea')).toBeInTheDocument();
    expect(screen.getByText('2024-09-26T10:00:01')).toBeInTheDocument();
    expect(screen.getByText('Possible match')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Names that matched' })).getAllByText('93%')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a decision and write a note.');
    expect(api.writes()).toHaveLength(0);

    await user.click(screen.getByLabelText('Clear: it is a different company or person'));
    await user.type(screen.getByLabelText('Note'), 'Different registration number and country (NE, not KP).');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByTestId('case-status')).toHaveTextContent('Cleared');
    expect(screen.getByTestId('decision')).toHaveTextContent('Different registration number and country (NE, not KP).');
    const post = api.writes()[0];
    expect(post?.body).toEqual({ decision: 'clear', note: 'Different registration number and country (NE, not KP).' });
    expect(post?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
  });

  it('asks for the password and code again on reauthentication_required, then records the decision', async () => {
    let steppedUp = false;
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews/5', () => ({ body: CASE })),
      on('POST', '/api/v1/sanctions/reviews/5/decision', (request) =>
        steppedUp
          ? { body: decided((request.body as { note: string }).note) }
          : problem(403, 'reauthentication_required', 'confirm your password (and authenticator code) again'),
      ),
      on('POST', '/api/v1/auth/reauthenticate', (request) => {
        const body = request.body as { password: string; totp?: string };
        if (body.totp !== '123456') return problem(401, 'totp_invalid', 'wrong code');
        steppedUp = true;
        return { status: 204 };
      }),
      on('GET', '/api/v1/sanctions/reviews', () => ({ body: { items: [], next_cursor: null } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews/5' });
    await user.click(await screen.findByLabelText('Confirm: it is the listed entry'));
    await user.type(screen.getByLabelText('Note'), 'Same name, same country.');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));

    expect(await screen.findByText(/Recording a decision needs your password again/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Password'), 'a long staff password');
    await user.type(screen.getByLabelText('Six-digit code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Confirm and record the decision' }));
    expect(await screen.findByText(/This code is not valid/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Six-digit code'));
    await user.type(screen.getByLabelText('Six-digit code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Confirm and record the decision' }));
    await waitFor(() => expect(screen.getByTestId('case-status')).toHaveTextContent('Cleared'));

    const writes = api.writes().map((r) => [r.url.pathname, r.body]);
    expect(writes).toEqual([
      ['/api/v1/sanctions/reviews/5/decision', { decision: 'confirm', note: 'Same name, same country.' }],
      ['/api/v1/auth/reauthenticate', { password: 'a long staff password', totp: '000000' }],
      ['/api/v1/auth/reauthenticate', { password: 'a long staff password', totp: '123456' }],
      ['/api/v1/sanctions/reviews/5/decision', { decision: 'confirm', note: 'Same name, same country.' }],
    ]);
  });

  it('is for centre staff only: an administrator is not offered the queue', async () => {
    mockApi(
      session({
        user: { id: 3, email: 'root@centre.example', display_name: 'Admin' },
        memberships: [{ organisation_id: 1, organisation_name: 'Service centre', kind: 'centre', owner: true, roles: ['administrator'] }],
        mfa: { enrolled: true, verified: true },
      }),
    );
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews' });
    expect(await screen.findByRole('heading', { name: 'Not available to your account' })).toBeInTheDocument();
  });
});
