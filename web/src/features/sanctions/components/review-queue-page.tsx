import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatDateTime, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { type ListVersion, useCurrentList, useReviewQueue } from '../api';
import { Score } from './score';

// Possible sanctions-list hits waiting for a person to decide.
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  usePageTitle('sanctions.queueTitle');
  const queue = useReviewQueue('open');
  const list = useCurrentList();
  const items = queue.data?.items;
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('sanctions.queueTitle')}</h1>
        <p className="page__lead">{t('sanctions.queueLead')}</p>
      </header>
      {list.data !== undefined ? <CurrentList version={list.data} /> : null}
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <ErrorMessage error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {items?.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('sanctions.queueEmpty')}</p>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <div className="table-scroll panel">
          <table className="table">
            <caption className="visually-hidden">{t('sanctions.queueTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sanctions.supplier')}</th>
                <th scope="col">{t('sanctions.listedEntry')}</th>
                <th scope="col">{t('sanctions.score')}</th>
                <th scope="col">{t('sanctions.listVersion')}</th>
                <th scope="col">{t('sanctions.found')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((review) => {
                const created = parseInstant(review.created_at);
                return (
                  <tr key={review.id}>
                    <td>
                      <Link to={`/sanctions/reviews/${encodeURIComponent(review.id)}`} dir="auto">
                        {review.supplier.name}
                      </Link>
                    </td>
                    <td dir="auto">
                      {review.entry?.name ?? ''}
                      {review.entry?.reference ? <span className="muted mono"> · {review.entry.reference}</span> : null}
                    </td>
                    <td>
                      <Score value={review.score} />
                    </td>
                    <td className="mono">{review.list_version ?? ''}</td>
                    <td>{created ? formatDateTime(created, i18n.language) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

// Which version of the UN list screening uses now; without one nobody is cleared.
function CurrentList({ version }: { version: ListVersion | null }) {
  const { t, i18n } = useTranslation();
  if (!version) {
    return (
      <div className="alert alert--warning" role="status">
        <p className="alert__title">{t('sanctions.noList')}</p>
      </div>
    );
  }
  const loaded = parseInstant(version.loaded_at);
  return (
    <dl className="facts panel" aria-label={t('sanctions.currentList')}>
      <div className="facts__row">
        <dt>{t('sanctions.currentList')}</dt>
        <dd className="mono">{version.date_generated}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('sanctions.entries')}</dt>
        <dd>
          {t('sanctions.entryCounts', {
            entities: version.entity_count.toLocaleString(i18n.language),
            individuals: version.individual_count.toLocaleString(i18n.language),
          })}
        </dd>
      </div>
      {loaded ? (
        <div className="facts__row">
          <dt>{t('sanctions.loadedAt')}</dt>
          <dd>{formatDateTime(loaded, i18n.language)}</dd>
        </div>
      ) : null}
      <div className="facts__row">
        <dt>{t('sanctions.listHash')}</dt>
        <dd className="mono hash" dir="ltr">
          {version.sha256}
        </dd>
      </div>
    </dl>
  );
}
