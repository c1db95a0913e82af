import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

// Revoke, Remove, Make owner and Leave on the members page, each after a confirmation,
// against the answers of src/http/auth_routes.cc (docs/accounts.md "Membership management").
const member = (user_id: number, display_name: string, email: string, owner = false) => ({
  user_id,
  display_name,
  email,
  owner,
  roles: ['supplier_user'],
  mfa_enrolled: false,
  email_verified: true,
  created_at: '2025-02-03T09:00:00Z',
});
const invitation = (id: number, email: string) => ({
  id,
  email,
  roles: ['supplier_user'],
  invited_by: 7,
  created_at: '2025-03-01T09:00:00Z',
  expires_at: '2025-03-04T09:00:00Z',
});
const listing = (members: unknown[], invitations: unknown[] = []) => ({
  organisation: { id: 42, name: 'Sahel Energy', kind: 'supplier', country: 'NE' },
  members,
  invitations,
});
// The page's code is loaded on first use, which takes a while on a busy machine.
const LOADED = { timeout: 10_000 };
const AMINA = member(7, 'Amina Yusuf', 'amina@example.com', true); // the signed-in owner
const IDRISSA = member(8, 'Idrissa', 'idrissa@example.com');

describe('membership changes', { timeout: 20_000 }, () => {
  it('revokes a pending invitation after confirmation', async () => {
    let invitations = [invitation(3, 'moussa@example.com')];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({ body: listing([AMINA], invitations) })),
      on('DELETE', '/api/v1/organisations/42/invitations/3', () => {
        invitations = [];
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    await user.click(await screen.findByRole('button', { name: 'Revoke the invitation to moussa@example.com' }, LOADED));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke this invitation?' });
    expect(within(dialog).getByText('moussa@example.com')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(await screen.findByText('No invitations are waiting.')).toBeInTheDocument();
    expect(api.writes().map((r) => [r.method, r.url.pathname])).toEqual([['DELETE', '/api/v1/organisations/42/invitations/3']]);
  });

  it('cancelling or pressing Escape sends nothing', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({ body: listing([AMINA, IDRISSA]) })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    const remove = await screen.findByRole('button', { name: 'Remove Idrissa' }, LOADED);
    await user.click(remove);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(remove).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Make Idrissa the owner' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.writes()).toEqual([]);
  });

  it('removes a member after the step-up the server asks for', async () => {
    let steppedUp = false;
    let members = [AMINA, IDRISSA];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({ body: listing(members) })),
      on('DELETE', '/api/v1/organisations/42/members/8', () => {
        if (!steppedUp) return problem(403, 'reauthentication_required', 'confirm your password again');
        members = [AMINA];
        return { status: 204 };
      }),
      on('POST', '/api/v1/auth/reauthenticate', () => {
        steppedUp = true;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    await user.click(await screen.findByRole('button', { name: 'Remove Idrissa' }, LOADED));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Idrissa?' });
    expect(within(dialog).getByText(/no longer be a member of Sahel Energy/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));

    const stepUp = await within(dialog).findByTestId('members-confirm-remove-step-up');
    await user.type(within(stepUp).getByLabelText('Password'), 'right password here');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText('idrissa@example.com')).not.toBeInTheDocument());
    expect(api.writes().map((r) => [r.method, r.url.pathname])).toEqual([
      ['DELETE', '/api/v1/organisations/42/members/8'],
      ['POST', '/api/v1/auth/reauthenticate'],
      ['DELETE', '/api/v1/organisations/42/members/8'],
    ]);
  });

  it('makes another member the owner with its id as a number', async () => {
    let members = [AMINA, IDRISSA];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({ body: listing(members) })),
      on('POST', '/api/v1/organisations/42/owner', () => {
        members = [{ ...AMINA, owner: false }, { ...IDRISSA, owner: true }];
        return { body: { owner: 8 } };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    await user.click(await screen.findByRole('button', { name: 'Make Idrissa the owner' }, LOADED));
    const dialog = screen.getByRole('alertdialog', { name: 'Make Idrissa the owner?' });
    await user.click(within(dialog).getByRole('button', { name: 'Transfer ownership' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.writes().map((r) => [r.url.pathname, r.body])).toEqual([['/api/v1/organisations/42/owner', { user_id: 8 }]]);
    const idrissa = (await screen.findByText('idrissa@example.com')).closest('tr')!;
    expect(await within(idrissa).findByText('Owner')).toBeInTheDocument();
  });

  it('explains that the last owner cannot leave', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({ body: listing([AMINA, IDRISSA]) })),
      on('DELETE', '/api/v1/organisations/42/members/7', () =>
        problem(409, 'last_owner', "this is the organisation's last owner: make another member the owner first"),
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    const own = (await screen.findByText('amina@example.com', {}, LOADED)).closest('tr')!;
    expect(within(own).queryByRole('button', { name: /Make .* the owner/ })).not.toBeInTheDocument();
    await user.click(within(own).getByRole('button', { name: 'Leave organisation' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Leave Sahel Energy?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave organisation' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This is the last owner of the organisation. Make another member the owner first, then try again.',
    );
    expect(api.writes()).toHaveLength(1);
  });

  it('lets a member who does not manage the organisation leave it', async () => {
    const api = mockApi(
      session({
        ...SUPPLIER_USER,
        memberships: [{ organisation_id: 42, organisation_name: 'Sahel Energy', kind: 'supplier', owner: false, roles: ['supplier_user'] }],
      }),
      on('GET', '/api/v1/organisations/42/members', () => problem(404, 'not_found', 'no such organisation')),
      on('DELETE', '/api/v1/organisations/42/members/7', () => ({ status: 204 })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    expect(await screen.findByText(/only its owner and administrators manage its members/, {}, LOADED)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Leave organisation' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Leave organisation' }));
    await waitFor(() => expect(api.writes().map((r) => [r.method, r.url.pathname])).toEqual([['DELETE', '/api/v1/organisations/42/members/7']]));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
  });
});
