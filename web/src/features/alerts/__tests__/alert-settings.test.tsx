import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { AGENCY_OFFICER, settingsBody } from './fixtures';

const lists = [
  on('GET', '/api/v1/me/saved-searches', () => ({ body: { items: [] } })),
  on('GET', '/api/v1/me/saved-notices', () => ({ body: { items: [], calendar_url: '/api/v1/feeds/deadlines/tok' } })),
];

describe('alert settings', { timeout: 20_000 }, () => {
  it('shows the stored settings and saves them with PUT, values in minor units', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody() })),
      on('PUT', '/api/v1/me/alert-settings', (r) => ({ body: { ...(r.body as object), updated_at: '2026-11-22T11:00:00Z' } })),
      ...lists,
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });
    expect(await screen.findByRole('radio', { name: /^Instant/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Send alerts by e-mail' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Alert me to notices that fit my company profile' })).toBeChecked();
    expect(within(screen.getByRole('list', { name: 'Agencies: selection' })).getByText('UNDP')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Countries: selection' })).getByText('Kenya')).toBeInTheDocument();
    expect(screen.getByLabelText('Highest value')).toHaveValue(500000);

    await user.click(screen.getByRole('radio', { name: /^Daily digest/ }));
    await user.type(screen.getByLabelText('Agencies'), 'UNICEF{Enter}');
    await user.selectOptions(screen.getByLabelText('Countries'), 'UG');
    await user.click(screen.getByRole('button', { name: 'Remove Kenya' }));
    await user.type(screen.getByLabelText('Lowest value'), '1000.5');
    await user.click(screen.getByRole('checkbox', { name: 'Sustainable procurement only' }));
    await user.click(screen.getByRole('button', { name: 'Save the settings' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const put = api.writes()[0]!;
    expect(put.method).toBe('PUT');
    expect(put.url.pathname).toBe('/api/v1/me/alert-settings');
    expect(put.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
    expect(put.body).toEqual({
      frequency: 'daily',
      email: true,
      use_profile: true,
      agencies: ['UNDP', 'UNICEF'],
      countries: ['UG'],
      value_currency: 'USD',
      value_min_minor: 100050,
      value_max_minor: 50000000,
      sustainable_only: true,
    });
  });

  it('shows a 422 beside the field it names (errors[].field)', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody() })),
      on('PUT', '/api/v1/me/alert-settings', () => ({
        status: 422,
        body: { status: 422, title: 'Unprocessable', detail: 'countries[0]: not an ISO 3166-1 code', errors: [{ field: 'countries[0]', detail: 'not an ISO 3166-1 code: XX' }] },
      })),
      ...lists,
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });
    await user.click(await screen.findByRole('button', { name: 'Save the settings' }));
    expect(await screen.findByText('not an ISO 3166-1 code: XX')).toBeInTheDocument();
    expect(screen.getByLabelText('Countries')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Agencies')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention.');
  });

  it('reads a top-level problem field too, and checks the value range before sending', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody({ value_max_minor: null }) })),
      on('PUT', '/api/v1/me/alert-settings', () => problem(422, 'invalid_argument', 'unknown currency: ZZZ', 'value_currency')),
      ...lists,
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });
    await user.type(await screen.findByLabelText('Lowest value'), '500');
    await user.type(screen.getByLabelText('Highest value'), '100');
    await user.click(screen.getByRole('button', { name: 'Save the settings' }));
    expect(await screen.findByText('The highest value must not be below the lowest.')).toBeInTheDocument();
    expect(api.writes()).toHaveLength(0);

    await user.clear(screen.getByLabelText('Highest value'));
    await user.click(screen.getByRole('button', { name: 'Save the settings' }));
    expect(await screen.findByText('unknown currency: ZZZ')).toBeInTheDocument();
    expect(screen.getByLabelText('Currency')).toHaveAttribute('aria-invalid', 'true');
    expect((api.writes()[0]!.body as { value_max_minor: unknown }).value_max_minor).toBeNull();
  });

  it('offers the profile switch to suppliers only', async () => {
    mockApi(session(AGENCY_OFFICER), on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody() })), ...lists);
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });
    await screen.findByRole('radio', { name: /^Instant/ });
    expect(screen.queryByRole('checkbox', { name: /company profile/ })).toBeNull();
  });

  it('is linked from the account settings page', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/auth/tokens', () => ({ body: { items: [] } })));
    renderWithApp(<AppRoutes />, { route: '/settings' });
    expect(await screen.findByRole('link', { name: 'Open the alert settings' })).toHaveAttribute('href', '/settings/alerts');
  });
});

describe('saved searches and saved notices', { timeout: 20_000 }, () => {
  it('lists saved searches with their feed address and deletes one', async () => {
    let searches = [
      { id: 3, name: 'Solar in Kenya', query: 'q=solar&country=KE', created_at: '2026-11-20T10:00:00Z', feed_url: '/api/v1/feeds/searches/abc123' },
      { id: 4, name: 'Pumps', query: 'q=pumps', created_at: '2026-11-21T10:00:00Z', feed_url: '/api/v1/feeds/searches/def456' },
    ];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody() })),
      on('GET', '/api/v1/me/saved-searches', () => ({ body: { items: searches } })),
      on('DELETE', '/api/v1/me/saved-searches/3', () => {
        searches = searches.filter((s) => s.id !== 3);
        return { status: 204 };
      }),
      on('GET', '/api/v1/me/saved-notices', () => ({ body: { items: [], calendar_url: '/api/v1/feeds/deadlines/cal' } })),
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const user = userEvent.setup();
    // user-event puts a clipboard of its own on navigator; watch what is written to it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });

    const rows = await screen.findAllByTestId('saved-search');
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(within(first).getByRole('link', { name: 'Solar in Kenya' })).toHaveAttribute('href', '/notices?q=solar&country=KE');
    expect(within(first).getByLabelText('Atom feed address')).toHaveValue(`${window.location.origin}/api/v1/feeds/searches/abc123`);
    await user.click(within(first).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/api/v1/feeds/searches/abc123`);
    expect(await within(first).findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete the saved search Solar in Kenya' }));
    await waitFor(() => expect(screen.getAllByTestId('saved-search')).toHaveLength(1));
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['DELETE /api/v1/me/saved-searches/3']);
    expect(screen.getByLabelText('Calendar (ICS) address')).toHaveValue(`${window.location.origin}/api/v1/feeds/deadlines/cal`);
  });

  it('lists saved notices and removes one with DELETE', async () => {
    let items = [{ notice_id: 12, public_id: 'ungm-250311', title: 'Solar panels for clinics', deadline: '2099-12-01T12:00:00Z', saved_at: '2026-11-21T10:00:00Z' }];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/me/alert-settings', () => ({ body: settingsBody() })),
      on('GET', '/api/v1/me/saved-searches', () => ({ body: { items: [] } })),
      on('GET', '/api/v1/me/saved-notices', () => ({ body: { items, calendar_url: '/api/v1/feeds/deadlines/cal' } })),
      on('DELETE', '/api/v1/me/saved-notices/12', () => {
        items = [];
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/settings/alerts' });
    const row = await screen.findByTestId('saved-notice');
    expect(within(row).getByRole('link', { name: 'Solar panels for clinics' })).toHaveAttribute('href', '/notices/ungm-250311');
    expect(within(row).getByText(/^Closes in/)).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Remove Solar panels for clinics from saved notices' }));
    expect(await screen.findByText('No saved notices yet.')).toBeInTheDocument();
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['DELETE /api/v1/me/saved-notices/12']);
  });
});
