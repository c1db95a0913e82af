import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '@/lib/use-page-title';

// After sign-up. The same page whether or not the address already had an
// account: the e-mail says which (no account oracle).
export function CheckEmailPage() {
  const { t } = useTranslation();
  usePageTitle('auth.checkEmail.title');
  const state: unknown = useLocation().state;
  const email =
    state && typeof state === 'object' && 'email' in state && typeof state.email === 'string' ? state.email : undefined;
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{t('auth.checkEmail.title')}</h1>
      <div className="panel stack">
        <p>{email ? t('auth.checkEmail.sentTo', { email }) : t('auth.checkEmail.sent')}</p>
        <p>{t('auth.checkEmail.expiry')}</p>
        <p className="muted">{t('auth.checkEmail.noMail')}</p>
        <p>
          <Link to="/login">{t('auth.checkEmail.toLogin')}</Link>
        </p>
      </div>
    </div>
  );
}
