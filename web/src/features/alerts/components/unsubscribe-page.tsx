import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { useUnsubscribe } from '../api/alerts';

// /unsubscribe?token=… from an alert e-mail, no sign-in needed: the token names the user.
// It asks for one click rather than acting on load, so a mail scanner that opens every link
// cannot turn a user's e-mail alerts off. A token in the fragment (#token=…) is read too.
export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle('alerts.unsubscribe.title');
  const [params] = useSearchParams();
  const [token] = useState(() => params.get('token') ?? new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '');
  const unsubscribe = useUnsubscribe();
  const failed = unsubscribe.error;
  const expired = failed instanceof ApiError && (failed.status === 404 || failed.status === 410 || failed.status === 422 || failed.status === 400);
  return (
    <div className="page page--narrow alerts-page">
      <header className="page__header">
        <h1 className="page__title">{t('alerts.unsubscribe.title')}</h1>
      </header>
      {!token ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('alerts.unsubscribe.noToken')}</p>
        </div>
      ) : unsubscribe.isSuccess ? (
        <div className="alert alert--success" role="status" data-testid="unsubscribed">
          <p className="alert__title">{t('alerts.unsubscribe.done')}</p>
          <p>{t('alerts.unsubscribe.doneLead')}</p>
          <p>
            <Link to="/settings/alerts">{t('alerts.unsubscribe.settings')}</Link>
          </p>
        </div>
      ) : (
        <div className="stack">
          <p>{t('alerts.unsubscribe.lead')}</p>
          <p>
            <button type="button" className="button" disabled={unsubscribe.isPending} onClick={() => unsubscribe.mutate(token)}>
              {t('alerts.unsubscribe.confirm')}
            </button>
          </p>
          {failed ? (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">{expired ? t('alerts.unsubscribe.invalid') : t('alerts.unsubscribe.failed')}</p>
              <p>
                <Link to="/settings/alerts">{t('alerts.unsubscribe.settings')}</Link>
              </p>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
