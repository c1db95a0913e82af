import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CENTRE_STAFF, mockApi, on, problem, type RecordedRequest, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
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

// A server that applies merge patches to one profile and moves its version on,
// refusing a PATCH whose If-Match names an older version (as the real one does).
function profileServer(initial = makeProfile()) {
  let profile: Record<string, unknown> = initial;
  return {
    get: () => profile,
    set: (next: Record<string, unknown>) => {
      profile = next;
    },
    patch: (request: RecordedRequest) => {
      const expected = /^"v(\d+)/.exec(request.headers.get('If-Match') ?? '')?.[1];
      if (Number(expected) !== profile.version) {
        return problem(409, 'failed_precondition', 'the profile was changed by someone else; reload it', 'version');
      }
      const body = { ...(request.body as Record<string, unknown>) };
      const accepted = body.code_of_conduct_accepted;
      delete body.code_of_conduct_accepted;
      profile = { ...profile, ...body, version: (profile.version as number) + 1 };
      if (accepted === true) profile.code_of_conduct_accepted_at = '2025-03-02T09:30:00Z';
      return { body: profile };
    },
  };
}

describe('supplier profile wizard', { timeout: 20_000 }, () => {
  it('saves as you type: merge patches of the changed field only, each with If-Match of the last version', async () => {
    const server = profileServer();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
      on('PATCH', '/api/v1/suppliers/42/profile', server.patch),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });

    const website = await screen.findByLabelText('Website');
    await user.type(website, '/fr');
    await waitFor(() => expect(status()).toHaveTextContent('All changes saved'));

    // Typing pauses may split the text over several saves; each names only the field.
    const sent = patches(api);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.every((r) => Object.keys(r.body as object).join() === 'website')).toBe(true);
    expect(sent.at(-1)?.body).toEqual({ website: 'https://sahel.example/fr' });
    expect(sent.map((r) => r.headers.get('If-Match'))).toEqual(sent.map((_, i) => `"v${3 + i}-en"`));
    expect(sent.every((r) => r.headers.get('X-CSRF-Token') === SESSION_TOKEN)).toBe(true);
    expect(sent[0]?.headers.get('Content-Type')).toBe('application/merge-patch+json');
    expect(sent[0]?.url.searchParams.get('lang')).toBe('en');
  });

  it('sends the whole address object when one of its fields changes, emptied fields as null', async () => {
    const server = profileServer();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
      on('PATCH', '/api/v1/suppliers/42/profile', server.patch),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile?step=address' });
    const city = await screen.findByLabelText('City');
    await user.clear(city);
    await user.type(city, 'Zinder');
    await waitFor(() => expect(status()).toHaveTextContent('All changes saved'));
    expect(patches(api).at(-1)?.body).toEqual({
      address: { street: '12 Avenue de la République', city: 'Zinder', postal_code: null, region: null, country: 'NE' },
    });
  });

  it('shows a refusal (a JSON pointer) beside the field, keeps the text, and sends it again after the next edit', async () => {
    const server = profileServer();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
      on('PATCH', '/api/v1/suppliers/42/profile', (request) => {
        const body = request.body as { website?: string };
        if (body.website && !body.website.startsWith('https://')) {
          return problem(422, 'invalid_argument', '/website must be an http(s) address', '/website');
        }
        return server.patch(request);
      }),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });

    const website = await screen.findByLabelText('Website');
    await user.clear(website);
    await user.type(website, 'sahel.example');
    await waitFor(() => expect(website).toHaveAttribute('aria-invalid', 'true'));
    expect(website).toHaveAccessibleDescription('/website must be an http(s) address');
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
      on('PATCH', '/api/v1/suppliers/42/profile', () =>
        problem(422, 'invalid_argument', '/contacts/1/email is not an e-mail address', '/contacts/1/email'),
      ),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile?step=contacts' });

    await user.click(await screen.findByRole('button', { name: 'Add a contact' }));
    // A row not yet typed in is not sent, so it draws no "is required".
    expect(patches(api)).toHaveLength(0);
    const emails = screen.getAllByLabelText('E-mail');
    await user.type(emails[1]!, 'kofi-at-example');
    await waitFor(() =>
      expect(screen.getAllByLabelText('E-mail')[1]).toHaveAccessibleDescription('/contacts/1/email is not an e-mail address'),
    );
    expect(screen.getAllByLabelText('E-mail')[0]).not.toHaveAttribute('aria-invalid');
    const body = patches(api).at(-1)?.body as { contacts: unknown[] };
    expect(body.contacts).toEqual([
      { name: 'Amina Yusuf', position: 'Director', email: 'amina@example.com', phone: '+227 20 00 00 00' },
      { name: null, position: null, email: 'kofi-at-example', phone: null },
    ]);
  });

  it('says the profile changed elsewhere on 409, and reloads it on request', async () => {
    const server = profileServer();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
      on('PATCH', '/api/v1/suppliers/42/profile', server.patch),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile' });
    const legalName = await screen.findByLabelText('Legal name');
    // A colleague saves in the meantime.
    server.set({ ...server.get(), legal_name: 'Sahel Energy SA', version: 4 });
    await user.type(legalName, ' X');

    expect(await screen.findByText(/This profile was changed elsewhere/)).toBeInTheDocument();
    expect(status()).toHaveTextContent('Not saved: changed elsewhere, reload.');
    await user.click(screen.getByRole('button', { name: 'Reload the profile' }));
    await waitFor(() => expect(screen.getByLabelText('Legal name')).toHaveValue('Sahel Energy SA'));
    expect(screen.queryByText(/This profile was changed elsewhere/)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Legal name'), ' Niger');
    await waitFor(() => expect(status()).toHaveTextContent('All changes saved'));
    const afterReload = patches(api).filter((r) => String((r.body as { legal_name?: string }).legal_name).startsWith('Sahel Energy SA'));
    expect(afterReload[0]?.headers.get('If-Match')).toBe('"v4-en"');
    // The edit given up by the reload is not sent again on the way out.
    const givenUp = patches(api).filter((r) => String((r.body as { legal_name?: string }).legal_name).endsWith(' X'));
    expect(givenUp.length).toBeGreaterThan(0);
    expect(givenUp.every((r) => r.headers.get('If-Match') === '"v3-en"')).toBe(true);
    expect(server.get().legal_name).toBe('Sahel Energy SA Niger');
  });

  it('accepts the code of conduct with the write-only flag and shows when it was accepted', async () => {
    const server = profileServer();
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
      on('PATCH', '/api/v1/suppliers/42/profile', server.patch),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: '/suppliers/42/profile?step=conduct' });
    await user.click(await screen.findByLabelText('I accept the UN Supplier Code of Conduct on behalf of the company'));
    expect(await screen.findByTestId('conduct-accepted')).toHaveTextContent(/Accepted on .*2025/);
    expect(patches(api).map((r) => r.body)).toEqual([{ code_of_conduct_accepted: true }]);
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
