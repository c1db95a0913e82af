import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

const location = () => screen.getByTestId('location').textContent ?? '';

describe('sign-up', { timeout: 20_000 }, () => {
  it('checks the length as the password is typed', async () => {
    mockApi(session());
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/signup' });
    const rules = await screen.findByRole('list', { name: 'Password rules' });
    const lengthRule = within(rules).getByText(/Between 12 and 128 characters/);

    await user.type(screen.getByLabelText('Password'), 'short');
    expect(lengthRule).toHaveTextContent('(not met)');
    expect(lengthRule).toHaveTextContent('Now: 5');

    await user.type(screen.getByLabelText('Password'), ' but long enough');
    expect(lengthRule).toHaveTextContent('(met)');
  });

  it('sends the form with the CSRF token and shows the server refusal beside the password', async () => {
    const api = mockApi(
      session(),
      on('POST', '/api/v1/auth/signup', () => problem(422, 'invalid_argument', 'This password is too common.', 'password')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/signup' });

    await user.type(await screen.findByLabelText('E-mail address'), 'amina@example.com');
    await user.type(screen.getByLabelText('Your name'), 'Amina Yusuf');
    await user.type(screen.getByLabelText('Password'), 'password1234');
    await user.type(screen.getByLabelText('Company name'), 'Sahel Solar');
    await user.selectOptions(screen.getByLabelText('Country of registration'), 'NE');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(/This password is too common\./);
    expect(screen.getByLabelText('E-mail address')).not.toHaveAttribute('aria-invalid');

    const [signup] = api.writes();
    expect(signup?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
    expect(signup?.body).toEqual({
      email: 'amina@example.com',
      password: 'password1234',
      display_name: 'Amina Yusuf',
      language: 'en',
      company: { name: 'Sahel Solar', country: 'NE' },
    });
  });

  it('goes to "check your e-mail" once the server accepts', async () => {
    mockApi(session(), on('POST', '/api/v1/auth/signup', () => ({ status: 202, body: {} })));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/signup' });
    await user.type(await screen.findByLabelText('E-mail address'), 'amina@example.com');
    await user.type(screen.getByLabelText('Your name'), 'Amina');
    await user.type(screen.getByLabelText('Password'), 'a long enough pass');
    await user.type(screen.getByLabelText('Company name'), 'Sahel Solar');
    await user.selectOptions(screen.getByLabelText('Country of registration'), 'NE');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(await screen.findByRole('heading', { name: 'Check your e-mail' })).toBeInTheDocument();
    expect(screen.getByText(/We have sent an e-mail to amina@example\.com/)).toBeInTheDocument();
    expect(location()).toBe('/signup/check-email');
  });

  it('is right-to-left and in Arabic for an Arabic reader', async () => {
    mockApi(session());
    renderWithApp(<AppRoutes />, { route: '/signup', language: 'ar' });
    expect(await screen.findByRole('heading', { level: 1, name: 'إنشاء حساب' })).toBeInTheDocument();
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(screen.getByLabelText('كلمة المرور')).toBeInTheDocument();
  });
});

describe('log-in', { timeout: 20_000 }, () => {
  it('asks for the TOTP code when the server answers totp_required, then sends it', async () => {
    let signedIn = false;
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({
        body: signedIn ? sessionOf(SUPPLIER_USER) : { user: null, memberships: [], csrf_token: 'anon' },
      })),
      on('POST', '/api/v1/auth/login', (request) => {
        const body = request.body as { totp?: string };
        if (!body.totp) return problem(401, 'totp_required', 'a TOTP code is required');
        if (body.totp !== '123456') return problem(401, 'totp_invalid', 'wrong code');
        signedIn = true;
        return { body: { user: { id: 7, email: 'amina@example.com', display_name: 'Amina Yusuf' }, csrf_token: 'fresh' } };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/login?next=%2Fsettings' });

    await user.type(await screen.findByLabelText('E-mail address'), 'amina@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    const code = await screen.findByLabelText('Six-digit code');
    expect(code).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByLabelText('Six-digit code')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Six-digit code')).toHaveAccessibleDescription(/not valid or has been used/);

    await user.type(screen.getByLabelText('Six-digit code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(location()).toBe('/settings'));

    const logins = api.writes().filter((r) => r.url.pathname === '/api/v1/auth/login');
    expect(logins.map((r) => r.body)).toEqual([
      { email: 'amina@example.com', password: 'correct horse battery' },
      { email: 'amina@example.com', password: 'correct horse battery', totp: '000000' },
      { email: 'amina@example.com', password: 'correct horse battery', totp: '123456' },
    ]);
    expect(logins.every((r) => r.headers.get('X-CSRF-Token') === 'anon')).toBe(true);
  });

  it('says when the e-mail address is not confirmed yet', async () => {
    mockApi(session(), on('POST', '/api/v1/auth/login', () => problem(403, 'email_unverified', 'unverified')));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/login' });
    await user.type(await screen.findByLabelText('E-mail address'), 'amina@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Confirm your e-mail address first');
  });

  it('never follows a next= to another site', async () => {
    mockApi(
      session(),
      on('POST', '/api/v1/auth/login', () => ({
        body: { user: { id: 7, email: 'a@example.com', display_name: 'A' }, csrf_token: 'fresh' },
      })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/login?next=%2F%2Fevil.example%2Fx' });
    await user.type(await screen.findByLabelText('E-mail address'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(location()).toBe('/notices'));
  });
});

function sessionOf(options: typeof SUPPLIER_USER) {
  return { user: options.user, memberships: options.memberships, mfa: { enrolled: false, verified: false }, csrf_token: 'fresh' };
}

describe('links from e-mails (AS-37: tokens only in the fragment and the body)', { timeout: 20_000 }, () => {
  it('verify-email posts the fragment token once, in the body, and clears it from the address bar', async () => {
    window.history.replaceState(null, '', '/verify-email#token=tok-abc');
    const api = mockApi(session(), on('POST', '/api/v1/auth/verify-email', () => ({ status: 204 })));
    renderWithApp(<AppRoutes />, { route: '/verify-email' });

    expect(await screen.findByText('Your e-mail address is confirmed. You can now log in.')).toBeInTheDocument();
    const posts = api.writes();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ token: 'tok-abc' });
    expect(api.requests.every((r) => !r.url.href.includes('tok-abc'))).toBe(true);
    expect(window.location.hash).toBe('');
  });

  it('verify-email says so when the link is used or expired', async () => {
    window.history.replaceState(null, '', '/verify-email#token=old');
    mockApi(session(), on('POST', '/api/v1/auth/verify-email', () => problem(422, 'invalid_argument', 'expired', 'token')));
    renderWithApp(<AppRoutes />, { route: '/verify-email' });
    expect(await screen.findByText(/This link does not work/)).toBeInTheDocument();
  });

  it('password reset confirm sends the token and the new password, and shows a password refusal', async () => {
    window.history.replaceState(null, '', '/reset-password#token=reset-1');
    const api = mockApi(
      session(),
      on('POST', '/api/v1/auth/password-reset/confirm', () => problem(422, 'invalid_argument', 'too common', 'password')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/reset-password' });
    await user.type(await screen.findByLabelText('New password'), 'password1234');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));

    await waitFor(() => expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/too common/));
    expect(api.writes()[0]?.body).toEqual({ token: 'reset-1', password: 'password1234' });
  });

  it('invitation: a new user accepts with a name and a password', async () => {
    window.history.replaceState(null, '', '/accept-invitation#token=inv-9');
    const api = mockApi(session(), on('POST', '/api/v1/auth/invitations/accept', () => ({ status: 204 })));
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/accept-invitation' });
    await user.type(await screen.findByLabelText('Your name'), 'Kofi');
    await user.type(screen.getByLabelText('Password'), 'a long enough pass');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));
    expect(await screen.findByText('You have joined the organisation.')).toBeInTheDocument();
    expect(api.writes()[0]?.body).toEqual({ token: 'inv-9', password: 'a long enough pass', display_name: 'Kofi', language: 'en' });
  });
});

describe('session in the header and route guards', { timeout: 20_000 }, () => {
  it('shows log in and sign up to a visitor, and sends a visitor of a private page to log in', async () => {
    mockApi(session());
    renderWithApp(<AppRoutes />, { route: '/settings' });
    await waitFor(() => expect(location()).toBe('/login?next=%2Fsettings'));
    expect(within(document.querySelector<HTMLElement>('.app-header')!).getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/signup');
  });

  it("shows the user's name with settings and log-out; log-out posts with the CSRF token", async () => {
    let signedIn = true;
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({ body: signedIn ? sessionOf(SUPPLIER_USER) : { user: null, csrf_token: 'anon' } })),
      on('POST', '/api/v1/auth/logout', () => {
        signedIn = false;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices' });
    const menu = await screen.findByRole('button', { name: 'Account menu for Amina Yusuf' });
    expect(screen.getByRole('link', { name: 'My company' })).toHaveAttribute('href', '/suppliers/42/profile');
    await user.click(menu);
    expect(screen.getByRole('link', { name: 'Account settings' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('link', { name: 'Log in' })).toBeInTheDocument();
    const logout = api.writes().find((r) => r.url.pathname === '/api/v1/auth/logout');
    expect(logout?.headers.get('X-CSRF-Token')).toBe('fresh');
  });

  it('asks staff without a verified second factor to set one up', async () => {
    mockApi(
      session({
        user: { id: 9, email: 'li@centre.example', display_name: 'Li' },
        memberships: [{ organisation_id: 1, organisation_name: 'Service centre', kind: 'centre', owner: false, roles: ['centre_staff'] }],
        mfa: { enrolled: false, verified: false },
      }),
    );
    renderWithApp(<AppRoutes />, { route: '/sanctions/reviews' });
    expect(await screen.findByRole('heading', { name: 'Two-step verification needed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set up two-step verification' })).toHaveAttribute('href', '/settings');
  });
});
