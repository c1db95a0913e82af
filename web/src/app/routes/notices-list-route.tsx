import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveSearchButton } from '@/features/alerts';
import { SearchPage } from '@/features/notices';

// The notices list is the opportunities search page.
export function NoticesListRoute() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('notices.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('notices.title')}</h1>
        <p className="page__lead">{t('notices.lead')}</p>
        <SaveSearchButton />
      </header>
      <SearchPage />
    </div>
  );
}
