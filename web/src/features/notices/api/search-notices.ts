import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, toQueryString } from '@/lib/api-client';
import { effectiveSort, type SearchResponse, type SearchState, searchResponseSchema } from '../types/search';

export const SEARCH_PAGE_SIZE = 20;

// The API query for a search: the page's own parameters plus the UI
// language (stemming, segmentation, titles of expansion codes).
export function searchQueryString(state: SearchState, language: string): string {
  return toQueryString({
    q: state.q.trim() || undefined,
    lang: language,
    agency: state.agency,
    type: state.type,
    country: state.country,
    region: state.region,
    unspsc: state.unspsc,
    language: state.language,
    status: state.status,
    closing_within_days: state.closingWithinDays,
    published_from: state.publishedFrom,
    published_to: state.publishedTo,
    deadline_from: state.deadlineFrom,
    deadline_to: state.deadlineTo,
    value_currency: state.valueCurrency,
    value_min: state.valueMin,
    value_max: state.valueMax,
    sustainable: state.sustainable,
    remove_code: state.removeCode,
    expand: state.expand ? undefined : 'false',
    sort: effectiveSort(state),
    limit: SEARCH_PAGE_SIZE,
    cursor: state.cursor,
    facets: 'true',
  });
}

export function searchNotices(state: SearchState, language: string, signal?: AbortSignal): Promise<SearchResponse> {
  return apiGet(`/search/notices${searchQueryString(state, language)}`, searchResponseSchema, { signal });
}

export function useSearchNotices(state: SearchState, language: string) {
  return useQuery({
    queryKey: ['search', 'notices', searchQueryString(state, language)],
    queryFn: ({ signal }) => searchNotices(state, language, signal),
    // Keep the previous results on screen while the next ones load.
    placeholderData: keepPreviousData,
  });
}
