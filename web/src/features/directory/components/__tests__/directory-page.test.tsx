import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

// As src/http/directory_routes.cc answers.
const ANSWER = {
  items: [
    {
      id: 42,
      legal_name: 'شركة الساحل للطاقة',
      legal_name_latin: 'Sahel Energy Company',
      country: 'NE',
      size: 'small',
      women_owned: true,
      readiness_level: 'basic',
      state: 'submitted',
    },
  ],
  total: 1,
  facets: {
    country: [
      { value: 'NE', count: 7 },
      { value: 'KE', count: 3 },
    ],
    size: [{ value: 'small', count: 5 }],
    women_owned: [{ value: 'true', count: 4 }],
    certificate: [{ value: 'iso_9001', count: 2 }],
    level: [
      { value: 'basic', count: 6 },
      { value: 'none', count: 4 },
    ],
  },
  next_cursor: null,
};

describe('supplier directory', { timeout: 20_000 }, () => {
  it('searches with every filter in the URL and shows facet counts', async () => {
    const api = mockApi(session(CENTRE_STAFF), on('GET', '/api/v1/directory/suppliers', () => ({ body: ANSWER })));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/directory?q=solar' });

    const card = await screen.findByTestId('supplier-card');
    expect(within(card).getByRole('link', { name: 'شركة الساحل للطاقة' })).toHaveAttribute('href', '/suppliers/42/profile');
    expect(within(card).getByText('Sahel Energy Company')).toBeInTheDocument();
    expect(within(card).getByText('Women-owned')).toBeInTheDocument();
    expect(within(card).getByText('Basic')).toBeInTheDocument();
    expect(within(card).getByText('Submitted for review')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Suppliers found: 1' })).toBeInTheDocument();

    const country = screen.getByLabelText('Country');
    expect(within(country).getByRole('option', { name: 'Niger (7)' })).toBeInTheDocument();
    expect(within(country).queryByRole('option', { name: /France/ })).not.toBeInTheDocument();
    expect(within(screen.getByLabelText('Company size')).getByRole('option', { name: 'Small (5)' })).toBeInTheDocument();

    await user.selectOptions(country, 'NE');
    await user.selectOptions(screen.getByLabelText('Women-owned'), 'true');
    expect(within(screen.getByLabelText('Certificate')).getByRole('option', { name: 'ISO 9001 (2)' })).toBeInTheDocument();
    expect(within(screen.getByLabelText('Readiness level')).getByRole('option', { name: 'Basic (6)' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Certificate'), 'iso_9001');
    await user.selectOptions(screen.getByLabelText('Readiness level'), 'basic');

    await waitFor(() => {
      const last = api.requests.filter((r) => r.url.pathname === '/api/v1/directory/suppliers').at(-1)!;
      expect(Object.fromEntries(last.url.searchParams)).toEqual({
        q: 'solar',
        country: 'NE',
        women_owned: 'true',
        certificate: 'iso_9001',
        level: 'basic',
      });
    });
    expect(screen.getByTestId('location')).toHaveTextContent('country=NE');
  });

  it('is not offered to supplier users', async () => {
    mockApi(session(SUPPLIER_USER));
    renderWithApp(<AppRoutes />, { route: '/directory' });
    expect(await screen.findByRole('heading', { name: 'Not available to your account' })).toBeInTheDocument();
  });
});
