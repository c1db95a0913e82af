import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatDateTime, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useReviewQueue } from '../api';
import { Score } from './score';

// Possible sanctions-list hits waiting for a person to decide.
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  usePageTitle('sanctions.queueTitle');
  const queue = useReviewQueue('open');
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('sanctions.queueTitle')}</h1>
        <p className="page__lead">{t('sanctions.queueLead')}</p>
      </header>
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <ErrorMessage error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data?.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('sanctions.queueEmpty')}</p>
        </div>
      ) : null}
      {queue.data && queue.data.length > 0 ? (
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
              {queue.data.map((review) => {
                const created = parseInstant(review.created_at);
                return (
                  <tr key={review.id}>
                    <td>
                      <Link to={`/sanctions/reviews/${encodeURIComponent(review.id)}`} dir="auto">
                        {review.supplier.name}
                      </Link>
                    </td>
                    <td dir="auto">
                      {review.entry.name}
                      {review.entry.list ? <span className="muted"> · {review.entry.list}</span> : null}
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
