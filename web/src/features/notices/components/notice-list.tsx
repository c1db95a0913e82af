import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatNumber } from '@/lib/format';
import { useNotices } from '../api/get-notices';
import { useNoticeFilters } from '../hooks/use-notice-filters';
import { NoticeCard } from './notice-card';

// One page of notices for the filters in the URL, with cursor paging.
export function NoticeList() {
  const { t, i18n } = useTranslation();
  const { filters, cursor, setCursor } = useNoticeFilters();
  const query = useNotices(filters, cursor);

  if (query.isPending) return <Loading label={t('notices.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;

  const { items, next_cursor: nextCursor, total } = query.data;
  return (
    <section aria-labelledby="results-heading" aria-busy={query.isFetching}>
      <h2 id="results-heading" className="results__summary" aria-live="polite">
        {total !== undefined
          ? t('notices.total', { count: total, formatted: formatNumber(total, i18n.language) })
          : t('notices.shown', { count: items.length })}
      </h2>
      {items.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('notices.empty')}</p>
          <p className="muted">{t('notices.emptyHint')}</p>
        </div>
      ) : (
        <ul className="notice-list">
          {items.map((notice) => (
            <li key={notice.id}>
              <NoticeCard notice={notice} />
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t('notices.pagination')}>
        {cursor ? (
          <button type="button" className="button button--secondary" onClick={() => setCursor(undefined)}>
            {t('notices.firstPage')}
          </button>
        ) : null}
        {nextCursor ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setCursor(nextCursor);
              window.scrollTo({ top: 0 });
            }}
          >
            {t('notices.nextPage')}
          </button>
        ) : null}
      </nav>
    </section>
  );
}
