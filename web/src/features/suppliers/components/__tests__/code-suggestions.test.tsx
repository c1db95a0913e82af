import { screen, waitFor, within } from '@testing-library/react';
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

const ROUTE = '/suppliers/42/profile?step=codes';
const LABEL = 'Describe what your company sells, in any language';

// As POST /unspsc/suggestions answers (src/http/code_suggestion_routes.cc). The profile
// fixture already has 26111600.
const SUGGESTIONS = {
  segments: [{ code: '26000000', title: 'Power Generation and Distribution Machinery', probability: 0.81 }],
  families: [
    { code: '26110000', title: 'Batteries and generators and kinetic power transmission', probability: 0.74 },
    { code: '39120000', title: 'Electrical equipment and components and supplies', probability: 0.12 },
  ],
  classes: [
    { code: '26111700', title: 'Rechargeable batteries', probability: 0.62 },
    { code: '26111600', title: 'Power generators', probability: 0.21 },
  ],
};

const suggestionRequests = (api: ReturnType<typeof mockApi>) =>
  api.writes().filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/unspsc/suggestions');

function profileServer() {
  let profile: Record<string, unknown> = makeProfile();
  return {
    get: () => profile,
    patch: (request: RecordedRequest) => {
      profile = { ...profile, ...(request.body as object), version: (profile.version as number) + 1 };
      return { body: profile };
    },
  };
}

function api(suggest: (request: RecordedRequest) => ReturnType<typeof problem> | { body: unknown }) {
  const server = profileServer();
  return mockApi(
    session(SUPPLIER_USER),
    on('GET', '/api/v1/suppliers/42/profile', () => ({ body: server.get() })),
    on('PATCH', '/api/v1/suppliers/42/profile', server.patch),
    on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { reached: 'none', levels: [] } })),
    on('POST', '/api/v1/unspsc/suggestions', suggest),
  );
}

describe('code suggestions in the profile wizard', { timeout: 20_000 }, () => {
  it('sends the description with the UI language and a CSRF token', async () => {
    const mock = api(() => ({ body: SUGGESTIONS }));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE, language: 'fr' });
    await user.type(
      await screen.findByLabelText('Décrivez ce que vend votre entreprise, dans n’importe quelle langue'),
      '我们生产太阳能光伏板和逆变器',
    );
    await user.click(screen.getByRole('button', { name: 'Proposer des codes' }));
    expect(await screen.findByRole('heading', { name: 'Classes les plus proches' })).toBeInTheDocument();
    const sent = suggestionRequests(mock);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ text: '我们生产太阳能光伏板和逆变器', top: 5, lang: 'fr' });
    expect(sent[0]?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
  });

  it('lists classes and families with title, code and likelihood; a chosen code shows "Added"', async () => {
    api(() => ({ body: SUGGESTIONS }));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE });
    await user.type(await screen.findByLabelText(LABEL), 'We make solar panels');
    await user.click(screen.getByRole('button', { name: 'Suggest codes' }));

    const classes = await screen.findByRole('list', { name: 'Best-matching classes' });
    const classItems = within(classes).getAllByRole('listitem');
    expect(classItems.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^26111700 Rechargeable batteries.*62%Add$/),
      expect.stringMatching(/^26111600 Power generators.*21%Added$/),
    ]);
    expect(screen.getByRole('progressbar', { name: 'Likelihood of 26111700' })).toHaveAttribute('value', '62');
    expect(within(classItems[1]!).queryByRole('button')).not.toBeInTheDocument();

    const families = screen.getByRole('list', { name: 'Broader families' });
    expect(within(families).getAllByRole('listitem')).toHaveLength(2);
    expect(
      within(families).getByRole('button', { name: 'Add 39120000 Electrical equipment and components and supplies' }),
    ).toBeEnabled();
    // Segments are too broad to describe a company; they are not offered.
    expect(screen.queryByText('26000000')).not.toBeInTheDocument();
    expect(screen.queryByTestId('suggestions-unsure')).not.toBeInTheDocument();
  });

  it('asks for more detail when the best class is a guess, and keeps the families short', async () => {
    const family = (code: string, probability: number) => ({ code, title: `Family ${code}`, probability });
    api(() => ({
      body: {
        segments: [],
        families: [family('25110000', 0.15), family('80100000', 0.14), family('80110000', 0.06), family('81110000', 0.05)],
        classes: [{ code: '25111700', title: 'Military watercraft', probability: 0.08 }],
      },
    }));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE });
    await user.type(await screen.findByLabelText(LABEL), 'ألواح شمسية');
    await user.click(screen.getByRole('button', { name: 'Suggest codes' }));
    expect(await screen.findByTestId('suggestions-unsure')).toHaveTextContent(/^The model is not sure about this description/);
    const families = within(screen.getByRole('list', { name: 'Broader families' })).getAllByRole('listitem');
    expect(families.map((item) => item.textContent?.slice(0, 8))).toEqual(['25110000', '80100000', '80110000']);
  });

  it('lists first the codes the description names by title, and then is sure enough', async () => {
    api(() => ({
      body: {
        segments: [],
        families: [],
        classes: [{ code: '25111700', title: 'Military watercraft', probability: 0.04 }],
        named: [{ code: '26111610', title: '太阳能电池板', probability: 1, matched_text: '太阳能电池板' }],
      },
    }));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE });
    await user.type(await screen.findByLabelText(LABEL), '我们生产太阳能电池板');
    await user.click(screen.getByRole('button', { name: 'Suggest codes' }));
    const named = await screen.findByRole('list', { name: 'Named in your description' });
    expect(within(named).getByRole('button', { name: 'Add 26111610 太阳能电池板' })).toBeEnabled();
    // A code named by its title is no guess: no request for more detail.
    expect(screen.queryByTestId('suggestions-unsure')).not.toBeInTheDocument();
    const lists = within(screen.getByTestId('code-suggestions')).getAllByRole('list').map((list) => list.getAttribute('aria-labelledby'));
    expect(lists.indexOf(named.getAttribute('aria-labelledby'))).toBe(0);
  });

  it('adds a suggested code to the profile like the picker does, and the autosave sends it', async () => {
    const mock = api(() => ({ body: SUGGESTIONS }));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE });
    await user.type(await screen.findByLabelText(LABEL), 'We make solar panels');
    await user.click(screen.getByRole('button', { name: 'Suggest codes' }));
    await user.click(await screen.findByRole('button', { name: 'Add 26111700 Rechargeable batteries' }));

    const item = within(screen.getByRole('list', { name: 'Best-matching classes' })).getAllByRole('listitem')[0]!;
    expect(within(item).getByText('Added')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Remove 26111700/ })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('All changes saved'));
    const patches = mock.writes().filter((r) => r.method === 'PATCH');
    expect(patches.at(-1)?.body).toEqual({ unspsc_codes: ['26111600', '26111700'] });
  });

  it('says when the server has no trained model (503)', async () => {
    api(() => problem(503, 'unavailable', 'code suggestions need the trained model (tenderbridge train)'));
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE, language: 'ar' });
    await user.type(await screen.findByLabelText('صِف ما تبيعه شركتك، بأي لغة'), 'ألواح شمسية');
    await user.click(screen.getByRole('button', { name: 'اقتراح رموز' }));
    expect(await screen.findByText('الاقتراحات غير متاحة على هذا الخادم بعد')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a refused text (422 on /text) beside the textarea, and clears it after a good answer', async () => {
    const mock = api((request) =>
      String((request.body as { text: string }).text).trim() === ''
        ? problem(422, 'invalid_argument', 'text must have 1 to 5000 bytes', '/text')
        : { body: SUGGESTIONS },
    );
    const user = userEvent.setup();
    renderWithApp(<Page />, { route: ROUTE });
    const textarea = await screen.findByLabelText(LABEL);
    await user.click(screen.getByRole('button', { name: 'Suggest codes' }));
    await waitFor(() => expect(textarea).toHaveAttribute('aria-invalid', 'true'));
    expect(textarea).toHaveAccessibleDescription(/^Write a description first; it may be up to 5,000 bytes long/);
    expect(suggestionRequests(mock)[0]?.body).toEqual({ text: '', top: 5, lang: 'en' });

    await user.type(textarea, 'Inverters');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('list', { name: 'Best-matching classes' })).toBeInTheDocument();
    expect(textarea).not.toHaveAttribute('aria-invalid');
  });

  it('is not offered to readers who cannot edit the profile', async () => {
    mockApi(session(CENTRE_STAFF), on('GET', '/api/v1/suppliers/42/profile', () => ({ body: makeProfile() })));
    renderWithApp(<Page />, { route: ROUTE });
    expect(await screen.findByRole('heading', { name: /Step 4 of 9/ })).toBeInTheDocument();
    expect(screen.queryByLabelText(LABEL)).not.toBeInTheDocument();
  });
});
