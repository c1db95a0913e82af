import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

// As GET /organisations/{id}/members answers (src/http/auth_routes.cc ListMembers).
const member = (user_id: number, display_name: string, email: string, roles: string[], owner = false) => ({
  user_id,
  display_name,
  email,
  owner,
  roles,
  mfa_enrolled: owner,
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

describe('organisation members', { timeout: 20_000 }, () => {
  it('lists members with roles and pending invitations, and the nav links to it', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({
        body: listing(
          [member(7, 'Amina Yusuf', 'amina@example.com', ['supplier_user'], true), member(8, 'Idrissa', 'idrissa@example.com', [])],
          [invitation(3, 'moussa@example.com')],
        ),
      })),
    );
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Members of Sahel Energy' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Members (2)' })).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + two members
    expect(within(rows[1]!).getByText('Owner')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('(you)')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Supplier user')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('No role')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Off')).toBeInTheDocument();

    const pending = screen.getByRole('region', { name: 'Pending invitations' });
    expect(within(pending).getByText('moussa@example.com')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Members' })).toHaveAttribute('href', '/organisations/42/members');
  });

  it('invites by e-mail with the chosen roles and shows the server refusal on the field', async () => {
    let invitations: unknown[] = [];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({
        body: listing([member(7, 'Amina Yusuf', 'amina@example.com', ['supplier_user'], true)], invitations),
      })),
      on('POST', '/api/v1/organisations/42/invitations', (request) => {
        const body = request.body as { email: string; roles: string[] };
        if (!body.email.includes('@')) return problem(422, 'invalid', 'is not an e-mail address', 'email');
        invitations = [invitation(4, body.email)];
        return { status: 201, body: { id: 4 } };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    const form = await screen.findByRole('region', { name: 'Invite a member' });
    // A supplier company has one role to give; it starts ticked.
    expect(within(form).getByRole('checkbox', { name: /Supplier user/ })).toBeChecked();
    await user.type(within(form).getByLabelText('E-mail address'), 'not-an-address');
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await within(form).findByText('is not an e-mail address')).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('E-mail address'));
    await user.type(within(form).getByLabelText('E-mail address'), 'fatou@example.com');
    await user.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Invitation sent to fatou@example.com.')).toBeInTheDocument();
    const pending = screen.getByRole('region', { name: 'Pending invitations' });
    expect(await within(pending).findByText('fatou@example.com')).toBeInTheDocument();

    expect(api.writes().map((r) => [r.url.pathname, r.body])).toEqual([
      ['/api/v1/organisations/42/invitations', { email: 'not-an-address', roles: ['supplier_user'] }],
      ['/api/v1/organisations/42/invitations', { email: 'fatou@example.com', roles: ['supplier_user'] }],
    ]);
    expect(api.writes().every((r) => r.headers.get('X-CSRF-Token') === SESSION_TOKEN)).toBe(true);
  });

  it('changes roles after the step-up the server asks for, then resends', async () => {
    let steppedUp = false;
    let idrissaRoles = ['supplier_user'];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({
        body: listing([
          member(7, 'Amina Yusuf', 'amina@example.com', ['supplier_user'], true),
          member(8, 'Idrissa', 'idrissa@example.com', idrissaRoles),
        ]),
      })),
      on('POST', '/api/v1/organisations/42/members/8/roles', (request) => {
        if (!steppedUp) return problem(403, 'reauthentication_required', 'confirm your password again');
        idrissaRoles = (request.body as { roles: string[] }).roles;
        return { body: { roles: idrissaRoles } };
      }),
      on('POST', '/api/v1/auth/reauthenticate', (request) => {
        if ((request.body as { password: string }).password !== 'right password here') {
          return problem(401, 'invalid_credentials', 'wrong password');
        }
        steppedUp = true;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });

    await user.click(await screen.findByRole('button', { name: 'Change the roles of Idrissa' }));
    const roles = screen.getByRole('group', { name: 'Roles of Idrissa' });
    await user.click(within(roles).getByRole('checkbox', { name: /Supplier user/ }));
    expect(screen.getByText(/Without a role, this person stays a member/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save roles' }));

    const stepUp = await screen.findByTestId('members-step-up');
    expect(within(stepUp).getByText('Confirm it is you')).toBeInTheDocument();
    // A supplier owner without an authenticator is asked for the password only.
    expect(within(stepUp).queryByLabelText('Six-digit code')).not.toBeInTheDocument();
    await user.type(within(stepUp).getByLabelText('Password'), 'wrong');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm and save' }));
    expect(await within(stepUp).findByText(/Check your password/)).toBeInTheDocument();

    await user.clear(within(stepUp).getByLabelText('Password'));
    await user.type(within(stepUp).getByLabelText('Password'), 'right password here');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm and save' }));
    await waitFor(() => expect(screen.queryByTestId('members-step-up')).not.toBeInTheDocument());
    const idrissa = screen.getByText('idrissa@example.com').closest('tr')!;
    expect(await within(idrissa).findByText('No role')).toBeInTheDocument();

    expect(api.writes().map((r) => [r.url.pathname, r.body])).toEqual([
      ['/api/v1/organisations/42/members/8/roles', { roles: [] }],
      ['/api/v1/auth/reauthenticate', { password: 'wrong' }],
      ['/api/v1/auth/reauthenticate', { password: 'right password here' }],
      ['/api/v1/organisations/42/members/8/roles', { roles: [] }],
    ]);
  });

  it('shows one "not found" for an organisation the user may not manage, with no nav link', async () => {
    mockApi(
      session(CENTRE_STAFF),
      on('GET', '/api/v1/organisations/42/members', () => problem(404, 'not_found', 'no such organisation')),
    );
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members' });
    expect(await screen.findByText('Organisation not found')).toBeInTheDocument();
    expect(screen.getByText(/you are not its owner or an administrator/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Members' })).not.toBeInTheDocument();
  });

  it('is translated, right to left in Arabic', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/organisations/42/members', () => ({
        body: listing([member(7, 'Amina Yusuf', 'amina@example.com', ['supplier_user'], true)]),
      })),
    );
    renderWithApp(<AppRoutes />, { route: '/organisations/42/members', language: 'ar' });
    expect(await screen.findByRole('heading', { level: 1, name: 'أعضاء Sahel Energy' })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(within(screen.getByRole('table', { name: 'الأعضاء (1)' })).getByText('مستخدم مورّد')).toBeInTheDocument();
    expect(screen.getByText('amina@example.com')).toHaveAttribute('dir', 'ltr');
  });
});
