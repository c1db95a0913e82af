import { countryName } from '@/lib/format';

const MAX_NAME = 120;

// A name for a saved search from the search page's query string: the words, then the
// countries and agencies it is narrowed to ("solar · Kenya, Uganda · UNDP"). Other filters
// are counted, not spelled out. Empty when the search has neither words nor filters.
export function defaultSearchName(query: string, language: string): string {
  const params = new URLSearchParams(query);
  const parts: string[] = [];
  const words = params.get('q')?.trim();
  if (words) parts.push(words);
  const countries = params.getAll('country').map((code) => countryName(code.toUpperCase(), language));
  if (countries.length > 0) parts.push(countries.join(', '));
  const agencies = params.getAll('agency');
  if (agencies.length > 0) parts.push(agencies.join(', '));
  const name = parts.join(' · ');
  return [...name].length > MAX_NAME ? `${[...name].slice(0, MAX_NAME - 1).join('')}…` : name;
}

// The query string to save: the search without its page cursor, which points into one
// result list and means nothing to an alert.
export function savedSearchQuery(search: string): string {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  params.delete('cursor');
  return params.toString();
}
