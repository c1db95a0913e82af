// What the app layer may use from the auth feature.
export { AcceptInvitationPage } from './components/accept-invitation-page';
export { CheckEmailPage } from './components/check-email-page';
export { LoginPage } from './components/login-page';
export { PasswordResetConfirmPage } from './components/password-reset-confirm-page';
export { PasswordResetRequestPage } from './components/password-reset-request-page';
export { SignupPage } from './components/signup-page';
export { VerifyEmailPage } from './components/verify-email-page';
