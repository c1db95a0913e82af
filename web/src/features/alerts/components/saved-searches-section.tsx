import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatDate, parseInstant } from '@/lib/format';
import { useDeleteSavedSearch, useSavedSearches } from '../api/alerts';
import { CopyUrl } from './copy-url';

// The user's saved searches: each opens the search page as saved, has its own Atom feed, and
// can be deleted (which also revokes the feed's address).
export function SavedSearchesSection() {
  const { t, i18n } = useTranslation();
  const searches = useSavedSearches();
  const remove = useDeleteSavedSearch();
  return (
    <section className="panel" aria-labelledby="saved-searches-title" data-testid="saved-searches">
      <h2 id="saved-searches-title" className="panel__title">
        {t('alerts.searches.title')}
      </h2>
      <p className="muted">{t('alerts.searches.lead')}</p>
      {searches.isPending ? <Loading /> : null}
      {searches.isError ? <ErrorMessage error={searches.error} onRetry={() => void searches.refetch()} /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {searches.data?.length === 0 ? (
        <p className="empty">
          {t('alerts.searches.empty')} <Link to="/notices">{t('alerts.searches.goSearch')}</Link>
        </p>
      ) : null}
      {searches.data && searches.data.length > 0 ? (
        <ul className="alerts-saved-list">
          {searches.data.map((search) => {
            const created = parseInstant(search.created_at);
            return (
              <li key={search.id} className="alerts-saved" data-testid="saved-search">
                <div className="alerts-saved__head">
                  <Link to={`/notices${search.query ? `?${search.query}` : ''}`} dir="auto" className="alerts-saved__name">
                    {search.name}
                  </Link>
                  {created ? <span className="muted">{t('alerts.searches.created', { date: formatDate(created, i18n.language) })}</span> : null}
                  <button
                    type="button"
                    className="button button--secondary button--danger button--small"
                    disabled={remove.isPending}
                    aria-label={t('alerts.searches.deleteNamed', { name: search.name })}
                    onClick={() => {
                      if (window.confirm(t('alerts.searches.confirmDelete', { name: search.name }))) remove.mutate(search.id);
                    }}
                  >
                    {t('alerts.searches.delete')}
                  </button>
                </div>
                {search.query ? (
                  <p className="mono muted alerts-saved__query" dir="ltr">
                    {search.query}
                  </p>
                ) : null}
                {search.feed_url ? <CopyUrl path={search.feed_url} label={t('alerts.searches.feed')} /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
