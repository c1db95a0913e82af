import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { ApiTokensSection } from './api-tokens-section';
import { TotpSection } from './totp-section';

// The signed-in user's account: who they are, two-step verification and API
// tokens. The route guard has made sure there is a user.
export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle('settings.title');
  const session = useSession();
  const user = session.data?.user;
  if (!session.data || !user) return <Loading />;
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('settings.title')}</h1>
      </header>
      <div className="stack stack--wide">
        <section className="panel" aria-labelledby="account-title">
          <h2 id="account-title" className="panel__title">
            {t('settings.account.title')}
          </h2>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('auth.fields.displayName')}</dt>
              <dd dir="auto">{user.display_name || t('common.notGiven')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('auth.fields.email')}</dt>
              <dd dir="ltr">{user.email}</dd>
            </div>
          </dl>
        </section>
        <section className="panel" aria-labelledby="alerts-link-title">
          <h2 id="alerts-link-title" className="panel__title">
            {t('alerts.settings.title')}
          </h2>
          <p>{t('alerts.settings.lead')}</p>
          <p>
            <Link to="/settings/alerts">{t('alerts.settings.open')}</Link>
          </p>
        </section>
        <TotpSection session={session.data} />
        <ApiTokensSection />
      </div>
    </div>
  );
}
