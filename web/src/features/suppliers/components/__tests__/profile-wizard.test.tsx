import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CENTRE_STAFF, mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { ProfileWizardPage } from '../profile-wizard';
import { makeProfile } from './fixtures';

function Page() {
  return (
    <Routes>
      <Route path="/suppliers/:id/profile" element={<ProfileWizardPage supplierId="42" autosaveDelayMs={20} />} />
    </Routes>
  );
}

const status = () => screen.getByTestId('save-status');
const patches = (api: ReturnType<typeof mockApi>) => api.writes().filter((r) => r.method === 'PATCH');

describe('supplier profile wizard', { timeout: 20_000 }, () => {
  it('saves as you type: one PATCH with only the changed field, then "All changes saved"', async () => {
    let profile = makeProfile();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: profile })),
      on('PATCH', '/api/v1/suppliers/42/profile', (request) => {
        profile = { ...profile, ...(request.body as object) };
        return { body: profile };
      }),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });

    const field = await screen.findByLabelText('Tax identification number');
    await user.type(field, 'NIF-77');
    await waitFor(() => expect(status()).toHaveTextContent('All changes saved'));

    // Typing pauses may split the text over several saves; each names only the field.
    const sent = patches(api);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.every((r) => Object.keys(r.body as object).join() === 'tax_number')).toBe(true);
    expect(sent.at(-1)?.body).toEqual({ tax_number: 'NIF-77' });
    expect(sent.every((r) => r.headers.get('X-CSRF-Token') === SESSION_TOKEN)).toBe(true);
    expect(sent[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('shows the server refusal beside the field, keeps the text, and sends it again after the next edit', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: makeProfile() })),
      on('PATCH', '/api/v1/suppliers/42/profile', (request) => {
        const body = request.body as { website?: string };
        if (body.website && !body.website.startsWith('https://')) {
          return problem(422, 'invalid_argument', 'website must be an https:// address', 'website');
        }
        return { body: makeProfile(body) };
      }),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });

    const website = await screen.findByLabelText('Website');
    await user.clear(website);
    await user.type(website, 'sahel.example');
    await waitFor(() => expect(website).toHaveAttribute('aria-invalid', 'true'));
    expect(website).toHaveAccessibleDescription('website must be an https:// address');
    expect(website).toHaveValue('sahel.example');
    expect(status()).toHaveTextContent('Not saved: check the field marked in "General information".');

    await user.clear(website);
    await user.type(website, 'https://sahel.example/en');
    await waitFor(() => expect(status()).toHaveTextContent('All changes saved'));
    expect(website).not.toHaveAttribute('aria-invalid');
    expect(patches(api).at(-1)?.body).toEqual({ website: 'https://sahel.example/en' });
  });

  it('edits lists: adding a contact sends the whole list; a refusal names the item field', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: makeProfile() })),
      on('PATCH', '/api/v1/suppliers/42/profile', () => problem(422, 'invalid_argument', 'not an e-mail address', 'contacts[1].email')),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile?step=contacts' });

    await user.click(await screen.findByRole('button', { name: 'Add a contact' }));
    const emails = screen.getAllByLabelText('E-mail');
    await user.type(emails[1]!, 'kofi-at-example');
    await waitFor(() => expect(screen.getAllByLabelText('E-mail')[1]).toHaveAccessibleDescription('not an e-mail address'));
    expect(screen.getAllByLabelText('E-mail')[0]).not.toHaveAttribute('aria-invalid');
    const body = patches(api).at(-1)?.body as { contacts: unknown[] };
    expect(body.contacts).toEqual([
      { name: 'Amina Yusuf', role: 'Director', email: 'amina@example.com', phone: '+227 20 00 00 00' },
      { name: null, role: null, email: 'kofi-at-example', phone: null },
    ]);
  });

  it('moves between steps with the URL and the step list', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/profile', () => ({ body: makeProfile() })));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });
    expect(await screen.findByRole('heading', { name: /Step 1 of 9 · General information/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(screen.getByRole('heading', { name: /Step 2 of 9 · Address and countries/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Niger' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Mali' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Code of conduct/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/suppliers/42/profile?step=conduct');
    expect(screen.getByRole('button', { name: /Code of conduct/ })).toHaveAttribute('aria-current', 'step');
  });

  it('is read-only for centre staff', async () => {
    mockApi(session(CENTRE_STAFF), on('GET', '/api/v1/suppliers/42/profile', () => ({ body: makeProfile() })));
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });
    expect(await screen.findByLabelText('Legal name')).toBeDisabled();
    expect(screen.getByText('Read only')).toBeInTheDocument();
  });
});
