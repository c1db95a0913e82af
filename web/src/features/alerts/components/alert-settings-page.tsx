import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { supplierMemberships, useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { useAlertSettings } from '../api/alerts';
import { AlertSettingsForm } from './alert-settings-form';
import { SavedNoticesSection } from './saved-notices-section';
import { SavedSearchesSection } from './saved-searches-section';

// /settings/alerts: how alerts arrive, what narrows them, and the saved searches and notices
// that feed them. The route guard has made sure there is a user.
export function AlertSettingsPage() {
  const { t } = useTranslation();
  usePageTitle('alerts.settings.title');
  const session = useSession();
  const settings = useAlertSettings();
  const isSupplier = supplierMemberships(session.data).length > 0;
  return (
    <div className="page alerts-page">
      <p className="back-link">
        <Link to="/settings">{t('alerts.settings.back')}</Link>
      </p>
      <header className="page__header">
        <h1 className="page__title">{t('alerts.settings.title')}</h1>
        <p className="page__lead">{t('alerts.settings.lead')}</p>
      </header>
      <div className="stack stack--wide">
        <section className="panel" aria-labelledby="alert-settings-title">
          <h2 id="alert-settings-title" className="panel__title">
            {t('alerts.settings.how')}
          </h2>
          {settings.isPending ? <Loading /> : null}
          {settings.isError ? <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} /> : null}
          {settings.data ? <AlertSettingsForm settings={settings.data} isSupplier={isSupplier} /> : null}
        </section>
        <SavedSearchesSection />
        <SavedNoticesSection />
      </div>
    </div>
  );
}
