import { useQuery } from '@tanstack/react-query';
import { apiGet, toQueryString } from '@/lib/api-client';
import { type Suggestion, suggestResponseSchema } from '../types/search';

export const SUGGEST_LIMIT = 8;
export const SUGGEST_MIN_CHARS = 2;

export async function getSuggestions(prefix: string, language: string, signal?: AbortSignal): Promise<Suggestion[]> {
  const body = await apiGet(
    `/search/suggest${toQueryString({ q: prefix, lang: language, limit: SUGGEST_LIMIT })}`,
    suggestResponseSchema,
    { signal },
  );
  return body.items;
}

// Type-ahead for `prefix` (already debounced by the caller). Short prefixes ask nothing.
export function useSuggestions(prefix: string, language: string) {
  const trimmed = prefix.trim();
  return useQuery({
    queryKey: ['search', 'suggest', language, trimmed],
    queryFn: ({ signal }) => getSuggestions(trimmed, language, signal),
    enabled: [...trimmed].length >= SUGGEST_MIN_CHARS,
    staleTime: 60_000,
  });
}
