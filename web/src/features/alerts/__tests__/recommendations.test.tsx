import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { makeNoticeDetail } from '@/testing/fixtures';
import { mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { AGENCY_OFFICER, chipText, EXPLANATION, inboxItem, recommendedSupplier } from './fixtures';

const notice = on('GET', '/api/v1/notices/ungm-273637', () => ({ body: makeNoticeDetail({ buyer: 'UNDP' }) }));

describe('for you', { timeout: 20_000 }, () => {
  it('lists ranked notices with their score and reasons', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/recommendations', () => ({
        body: {
          items: [
            { notice: inboxItem().notice, score: 0.8, explanation: EXPLANATION },
            { notice: { ...inboxItem().notice, id: 14, public_id: 'ungm-14', title: 'Inverters' }, score: 0.61, explanation: null },
          ],
        },
      })),
    );
    renderWithApp(<AppRoutes />, { route: '/for-you' });
    const cards = await screen.findAllByTestId('recommendation');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'Solar panels for clinics' })).toHaveAttribute('href', '/notices/ungm-250311');
    expect(within(cards[0]!).getByTestId('match-score')).toHaveTextContent('Match 80%');
    expect(within(cards[0]!).getByText(chipText('Registered with UNDP'))).toBeInTheDocument();
    expect(within(cards[1]!).queryByTestId('why-chip')).toBeNull();
    expect(api.requests.find((r) => r.url.pathname === '/api/v1/me/recommendations')!.url.searchParams.get('limit')).toBe('20');
  });

  it('explains itself to a user the server says has no company (403)', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/me/recommendations', () => problem(403, 'forbidden', 'no company')));
    renderWithApp(<AppRoutes />, { route: '/for-you' });
    expect(await screen.findByTestId('for-you-no-company')).toHaveTextContent('Recommendations are for supplier companies');
  });

  it('is in Arabic, right to left', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/me/recommendations', () => ({ body: { items: [{ notice: inboxItem().notice, score: 0.8, explanation: EXPLANATION }] } })));
    renderWithApp(<AppRoutes />, { route: '/for-you', language: 'ar' });
    expect(await screen.findByRole('heading', { level: 1, name: 'مقترح لك' })).toBeInTheDocument();
    expect(await screen.findByText(chipText('مسجَّل لدى UNDP'))).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
  });
});

describe('recommended suppliers on a notice', { timeout: 20_000 }, () => {
  it('ranks suppliers for an officer and invites the ticked ones', async () => {
    let invited = false;
    const api = mockApi(
      session(AGENCY_OFFICER),
      notice,
      on('GET', '/api/v1/notices/12/recommended-suppliers', () => ({
        body: {
          items: [
            recommendedSupplier({ invited }),
            recommendedSupplier({ supplier_id: 9, name: 'Nile Solar', country: 'EG', sme: false, women_owned: true, score: 0.7, invited }),
            recommendedSupplier({ supplier_id: 15, name: 'Already Asked Ltd', sme: false, invited: true, score: 0.5 }),
          ],
        },
      })),
      on('POST', '/api/v1/notices/12/invitations', () => {
        invited = true;
        return { body: { invited: 2 } };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices/ungm-273637' });
    const panel = await screen.findByTestId('recommended-suppliers');
    const rows = await within(panel).findAllByTestId('recommended-supplier');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByRole('link', { name: 'Sahel Energy' })).toHaveAttribute('href', '/suppliers/7/profile');
    expect(within(rows[0]!).getByText('SME')).toBeInTheDocument();
    expect(within(rows[0]!).queryByText('Women-owned')).toBeNull();
    expect(within(rows[1]!).getByText('Women-owned')).toBeInTheDocument();
    expect(within(rows[0]!).getByText(chipText('Supplies 26111600 Solar cells and panels'))).toBeInTheDocument();
    expect(within(rows[0]!).getByText(chipText('Registered with UNDP'))).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Invited')).toBeInTheDocument();
    expect(within(rows[2]!).queryByRole('checkbox')).toBeNull();

    const invite = within(panel).getByRole('button', { name: /^Invite selected/ });
    expect(invite).toBeDisabled();
    await user.click(within(panel).getByRole('checkbox', { name: 'Select Sahel Energy' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'Select Nile Solar' }));
    expect(invite).toHaveTextContent('Invite selected (2)');
    await user.click(invite);
    expect(await within(panel).findByText('Invitations sent: 2')).toBeInTheDocument();
    const post = api.writes()[0]!;
    expect(post.url.pathname).toBe('/api/v1/notices/12/invitations');
    expect(post.body).toEqual({ supplier_ids: [7, 9] });
    expect(post.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
    await waitFor(() => expect(within(panel).getAllByText('Invited')).toHaveLength(3));
  });

  it('is not shown to suppliers, and says so quietly when the server refuses an officer', async () => {
    const supplierApi = mockApi(session(SUPPLIER_USER), notice, on('GET', '/api/v1/me/saved-notices', () => ({ body: { items: [], calendar_url: null } })));
    const { unmount } = renderWithApp(<AppRoutes />, { route: '/notices/ungm-273637' });
    await screen.findByTestId('save-notice');
    expect(screen.queryByTestId('recommended-suppliers')).toBeNull();
    expect(supplierApi.requests.some((r) => r.url.pathname.endsWith('/recommended-suppliers'))).toBe(false);
    unmount();

    mockApi(session(AGENCY_OFFICER), notice, on('GET', '/api/v1/notices/12/recommended-suppliers', () => problem(403, 'forbidden', 'not your agency')));
    renderWithApp(<AppRoutes />, { route: '/notices/ungm-273637' });
    expect(await screen.findByText(/Only officers of the buying agency/)).toBeInTheDocument();
  });
});
