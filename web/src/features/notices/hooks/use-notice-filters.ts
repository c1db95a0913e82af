import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { EMPTY_FILTERS, type NoticeFilters } from '../types/notice';

// The list's filters and page live in the URL query, so a list can be shared
// as a link and the back button returns to the previous filters or page.

const PARAM: Record<Exclude<keyof NoticeFilters, 'buyer' | 'open'>, string> = {
  type: 'type',
  country: 'country',
  unspsc: 'unspsc',
  status: 'status',
  order: 'order',
  publishedFrom: 'published_from',
  publishedTo: 'published_to',
  deadlineFrom: 'deadline_from',
  deadlineTo: 'deadline_to',
};

export function filtersFromSearch(search: URLSearchParams): NoticeFilters {
  const get = (name: string) => search.get(name)?.trim() ?? '';
  return {
    buyer: search.getAll('buyer').map((b) => b.trim()).filter(Boolean),
    type: get(PARAM.type),
    country: get(PARAM.country).toUpperCase(),
    unspsc: get(PARAM.unspsc),
    status: get(PARAM.status),
    open: search.get('open') === 'true',
    order: get(PARAM.order) === 'deadline' ? 'deadline' : EMPTY_FILTERS.order,
    publishedFrom: get(PARAM.publishedFrom),
    publishedTo: get(PARAM.publishedTo),
    deadlineFrom: get(PARAM.deadlineFrom),
    deadlineTo: get(PARAM.deadlineTo),
  };
}

// Only non-default values are written, so a plain list has a plain URL.
export function searchFromFilters(filters: NoticeFilters, cursor?: string): URLSearchParams {
  const search = new URLSearchParams();
  for (const buyer of filters.buyer) if (buyer) search.append('buyer', buyer);
  for (const [key, name] of Object.entries(PARAM) as Array<[keyof typeof PARAM, string]>) {
    const value = filters[key];
    if (value && value !== EMPTY_FILTERS[key]) search.set(name, value);
  }
  if (filters.open) search.set('open', 'true');
  if (cursor) search.set('cursor', cursor);
  return search;
}

export function useNoticeFilters() {
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  // Keyed on the query text: a new URLSearchParams object with the same
  // content must not look like a filter change (it would refetch).
  const filters = useMemo(() => filtersFromSearch(search), [key]);
  const cursor = search.get('cursor') ?? undefined;

  // A filter change starts again at the first page.
  const setFilters = useCallback(
    (next: NoticeFilters) => setSearch(searchFromFilters(next)),
    [setSearch],
  );
  const setCursor = useCallback(
    (nextCursor: string | undefined) => setSearch(searchFromFilters(filters, nextCursor)),
    [filters, setSearch],
  );
  return { filters, cursor, setFilters, setCursor };
}
