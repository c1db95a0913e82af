import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { formatElapsed, formatNumber } from '@/lib/format';
import type { useSearchNotices } from '../api/search-notices';
import { hasFilters, paramsFromSearchState, useSearchState, withoutFilters } from '../hooks/use-search-state';
import { effectiveSort, type SearchResponse, type SearchState, SORT_ORDERS, type SortOrder } from '../types/search';
import { ExpansionChips } from './expansion-chips';
import { SearchResultCard } from './search-result-card';

type SearchQuery = ReturnType<typeof useSearchNotices>;

// The results column: summary line, notes about how the query was read,
// expansion chips, sort order, the hits and the pager.
// `searched` is the search `query` was made for (the URL's, which can lag
// behind a control's pending change).
export function SearchResults({ query, searched }: { query: SearchQuery; searched: SearchState }) {
  const { t } = useTranslation();
  const { state, update } = useSearchState();

  if (query.isPending) return <Loading label={t('notices.loading')} />;
  if (query.isError) {
    const problem = query.error instanceof ApiError ? query.error.problem : undefined;
    // A cursor from an old link (or a server restart) is not an error the user made.
    if (problem?.field === 'cursor') {
      return (
        <div className="alert" role="alert">
          <p className="alert__title">{t('search.cursorExpired')}</p>
          <button type="button" className="button" onClick={() => update({ ...state, cursor: '' })}>
            {t('notices.firstPage')}
          </button>
        </div>
      );
    }
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <ResultsBody
      data={query.data}
      busy={query.isFetching}
      answers={query.isPlaceholderData ? undefined : paramsFromSearchState(searched).toString()}
    />
  );
}

interface BodyProps {
  data: SearchResponse;
  busy: boolean;
  // The search these results answer (absent while older ones stay on
  // screen), so browser journeys can wait for the page to catch up.
  answers: string | undefined;
}

function ResultsBody({ data, busy, answers }: BodyProps) {
  const { t, i18n } = useTranslation();
  const { state, update } = useSearchState();
  const id = useId();
  const total = formatNumber(data.total, i18n.language);
  const sort = effectiveSort(state);

  return (
    <section className="results" aria-labelledby={`${id}-summary`} aria-busy={busy} data-search={answers}>
      <div className="results__header">
        <h2 id={`${id}-summary`} className="results__summary" aria-live="polite">
          {data.total_exact ? t('notices.total', { formatted: total }) : t('search.totalAbout', { formatted: total })}
          {data.elapsed_micros !== undefined ? (
            <>
              {' '}
              <span className="results__elapsed">
                {t('search.elapsed', { time: formatElapsed(data.elapsed_micros, i18n.language) })}
              </span>
            </>
          ) : null}
        </h2>
        <div className="field field--inline">
          <label htmlFor={`${id}-sort`}>{t('search.sort')}</label>
          <select
            id={`${id}-sort`}
            className="select"
            value={sort}
            onChange={(e) => update({ ...state, sort: e.target.value as SortOrder, cursor: '' })}
          >
            {SORT_ORDERS.map((order) => (
              <option key={order} value={order}>
                {t(`search.sortOrders.${order}`)}
              </option>
            ))}
          </select>
        </div>
        {/* Layout slot for "Save this search" (alerts issue): it will sit here,
            beside the sort order, and save the page URL's query. No dead button
            until alerts exist. */}
      </div>
      {data.query_reinterpreted ? (
        <p className="note" role="status">
          {t('search.reinterpreted')}
        </p>
      ) : null}
      {data.query_truncated ? (
        <p className="note" role="status">
          {t('search.truncated')}
        </p>
      ) : null}
      <ExpansionChips expansions={data.expansions} />
      {data.hits.length === 0 ? (
        <EmptyHelp />
      ) : (
        <ul className="notice-list">
          {data.hits.map((hit) => (
            <li key={hit.id}>
              <SearchResultCard hit={hit} />
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t('notices.pagination')}>
        {state.cursor ? (
          <button type="button" className="button button--secondary" onClick={() => update({ ...state, cursor: '' })}>
            {t('notices.firstPage')}
          </button>
        ) : null}
        {data.next_cursor ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              update({ ...state, cursor: data.next_cursor ?? '' });
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

function EmptyHelp() {
  const { t } = useTranslation();
  const { state, update } = useSearchState();
  return (
    <div className="empty">
      <p className="empty__title">{t('search.emptyTitle')}</p>
      <p className="muted">{t('search.emptyTips')}</p>
      <ul className="empty__tips">
        <li>{t('search.tipFewerWords')}</li>
        <li>{t('search.tipOtherLanguage')}</li>
        {hasFilters(state) ? <li>{t('search.tipRemoveFilters')}</li> : null}
      </ul>
      {hasFilters(state) ? (
        <button type="button" className="button button--secondary" onClick={() => update(withoutFilters(state))}>
          {t('search.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
