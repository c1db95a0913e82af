import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, problem, session, SESSION_TOKEN } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

const CASE = {
  id: 5,
  status: 'open',
  score: 0.93,
  list_version: '2025-05-30T08:00:00Z#4a1c',
  supplier: {
    id: 42,
    names: [
      { name: 'شركة الساحل للطاقة', kind: 'legal' },
      { name: 'Sahel Energy Company', kind: 'latin' },
    ],
    country: 'NE',
  },
  entry: {
    reference: 'QDe.999',
    list: 'UN Security Council Consolidated List',
    names: [{ name: 'SAHEL ENERGY CO', kind: 'primary' }, 'Sahel Power Trading'],
    type: 'entity',
    listed_on: '2019-04-02',
    countries: ['ML'],
  },
  matches: [{ supplier_name: 'Sahel Energy Company', entry_name: 'SAHEL ENERGY CO', score: 0.93 }],
  decision: null,
};

describe('sanctions review', { timeout: 20_000 }, () => {
  it('lists open reviews', async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews', () => ({
        body: {
          items: [
            {
              id: 5,
              status: 'open',
              score: 0.93,
              supplier: { id: 42, name: 'Sahel Energy Company' },
              entry: { id: 'QDe.999', name: 'SAHEL ENERGY CO', list: 'UNSC' },
              list_version: 'v4',
              created_at: '2025-05-31T10:00:00Z',
            },
          ],
        },
      })),
    );
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews' });
    const link = await screen.findByRole('link', { name: 'Sahel Energy Company' });
    expect(link).toHaveAttribute('href', '/sanctions/reviews/5');
    expect(screen.getByText('93%')).toBeInTheDocument();
    expect(api.requests.find((r) => r.url.pathname === '/api/v1/sanctions/reviews')?.url.searchParams.get('status')).toBe('open');
  });

  it("shows the supplier's names beside the listed entry's, and records a decision with a note", async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews/5', () => ({ body: CASE })),
      on('POST', '/api/v1/sanctions/reviews/5/decision', () => ({ body: { ...CASE, status: 'cleared' } })),
      on('GET', '/api/v1/sanctions/reviews', () => ({ body: { items: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews/5' });

    const supplier = await screen.findByRole('region', { name: "The supplier's names" });
    const entry = screen.getByRole('region', { name: "The listed entry's names" });
    expect(within(supplier).getByText('شركة الساحل للطاقة')).toBeInTheDocument();
    expect(within(supplier).getByText('Sahel Energy Company')).toBeInTheDocument();
    expect(within(entry).getByText('SAHEL ENERGY CO')).toBeInTheDocument();
    expect(within(entry).getByText('Sahel Power Trading')).toBeInTheDocument();
    expect(within(entry).getByText('QDe.999')).toBeInTheDocument();
    expect(screen.getByText('2025-05-30T08:00:00Z#4a1c')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Names that matched' })).getAllByText('93%')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a decision and write a note.');
    expect(api.writes()).toHaveLength(0);

    await user.click(screen.getByLabelText('Clear: it is a different company or person'));
    await user.type(screen.getByLabelText('Note'), 'Different registration number and country (NE, not ML).');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(await screen.findByText('The decision has been recorded.')).toBeInTheDocument();
    const post = api.writes()[0];
    expect(post?.body).toEqual({ decision: 'clear', note: 'Different registration number and country (NE, not ML).' });
    expect(post?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
  });

  it('asks for a fresh log-in when the server wants step-up', async () => {
    mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/sanctions/reviews/5', () => ({ body: CASE })),
      on('POST', '/api/v1/sanctions/reviews/5/decision', () => problem(401, 'step_up_required', 'log in again')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews/5' });
    await user.click(await screen.findByLabelText('Confirm: it is the listed entry'));
    await user.type(screen.getByLabelText('Note'), 'Same name, same country.');
    await user.click(screen.getByRole('button', { name: 'Record the decision' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This decision needs a recent log-in.'));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?next=%2Fsanctions%2Freviews%2F5',
    );
  });
});
