import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  EMPTY_SEARCH,
  LIST_FILTERS,
  SORT_ORDERS,
  type ListFilter,
  type SearchState,
  type SortOrder,
} from '../types/search';

// The whole search (words, every filter, sort, removed expansion codes and
// the page cursor) lives in the page URL under the API's own parameter
// names, so a search is a shareable link and the back button steps through
// what the user did.

// Single-valued text parameters: state field -> URL parameter.
const SINGLE = {
  q: 'q',
  closingWithinDays: 'closing_within_days',
  publishedFrom: 'published_from',
  publishedTo: 'published_to',
  deadlineFrom: 'deadline_from',
  deadlineTo: 'deadline_to',
  valueCurrency: 'value_currency',
  valueMin: 'value_min',
  valueMax: 'value_max',
} as const satisfies Partial<Record<keyof SearchState, string>>;

const MAX_QUERY_CHARS = 1024;

function normaliseListValue(name: ListFilter, value: string): string {
  const trimmed = value.trim();
  if (name === 'country') return trimmed.toUpperCase();
  if (name === 'region' || name === 'status' || name === 'type' || name === 'language') return trimmed.toLowerCase();
  if (name === 'unspsc') return trimmed.replace(/\D/g, '');
  return trimmed;
}

export function searchStateFromParams(params: URLSearchParams): SearchState {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const state: SearchState = { ...EMPTY_SEARCH };
  for (const [field, name] of Object.entries(SINGLE) as Array<[keyof typeof SINGLE, string]>) {
    state[field] = get(name);
  }
  state.q = (params.get('q') ?? '').slice(0, MAX_QUERY_CHARS);
  for (const name of LIST_FILTERS) {
    state[name] = [...new Set(params.getAll(name).map((v) => normaliseListValue(name, v)).filter(Boolean))];
  }
  state.removeCode = [...new Set(params.getAll('remove_code').map((c) => c.trim()).filter(Boolean))];
  const sustainable = get('sustainable');
  state.sustainable = sustainable === 'true' || sustainable === 'false' ? sustainable : '';
  state.expand = get('expand') !== 'false';
  const sort = get('sort');
  state.sort = (SORT_ORDERS as readonly string[]).includes(sort) ? (sort as SortOrder) : '';
  state.cursor = get('cursor');
  return state;
}

// Only what differs from an empty search is written, so a plain page has a plain URL.
export function paramsFromSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  for (const name of LIST_FILTERS) for (const value of state[name]) params.append(name, value);
  for (const [field, name] of Object.entries(SINGLE) as Array<[keyof typeof SINGLE, string]>) {
    if (field !== 'q' && state[field]) params.set(name, state[field]);
  }
  if (state.sustainable) params.set('sustainable', state.sustainable);
  for (const code of state.removeCode) params.append('remove_code', code);
  if (!state.expand) params.set('expand', 'false');
  if (state.sort) params.set('sort', state.sort);
  if (state.cursor) params.set('cursor', state.cursor);
  return params;
}

// True when any filter narrows the search (words and sort do not count).
export function hasFilters(state: SearchState): boolean {
  return (
    LIST_FILTERS.some((name) => state[name].length > 0) ||
    Boolean(
      state.publishedFrom ||
        state.publishedTo ||
        state.deadlineFrom ||
        state.deadlineTo ||
        state.valueMin ||
        state.valueMax ||
        state.sustainable,
    )
  );
}

export function withoutFilters(state: SearchState): SearchState {
  return { ...EMPTY_SEARCH, q: state.q, sort: state.sort, removeCode: state.removeCode, expand: state.expand };
}

export function toggleValue(state: SearchState, name: ListFilter, value: string): SearchState {
  const current = state[name];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, [name]: next, cursor: '' };
}

export function useSearchState() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // Keyed on the text: an equal URLSearchParams must not look like a change.
  const fromUrl = useMemo(() => searchStateFromParams(params), [key]);
  // The router applies URL changes in a transition, so a control bound to
  // the URL alone would show its old value until the transition ends (a
  // ticked box flicks back). The change shows at once from here, until the
  // URL moves on.
  const [pending, setPending] = useState<{ from: string; state: SearchState } | null>(null);
  const state = pending && pending.from === key ? pending.state : fromUrl;
  // Once the URL moves (the change landed, or back/forward), it is the truth
  // again. A quick back can land on the key the pending change started from
  // before the router rendered the change at all; the browser's event says so.
  useEffect(() => setPending(null), [key]);
  useEffect(() => {
    const onPopState = () => setPending(null);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  // Every change is a new history entry (back returns to the previous search).
  const update = useCallback(
    (next: SearchState) => {
      setPending({ from: key, state: next });
      setParams(paramsFromSearchState(next));
    },
    [key, setParams],
  );
  return { state, update };
}
