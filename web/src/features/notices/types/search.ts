import { z } from 'zod';

// Schemas for the search API (GET /api/v1/search/notices and /search/suggest),
// and the search state the page keeps in its URL.

const text = z.string().nullish().transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).nullish().transform((value) => value ?? []);

export const SEARCH_STATUSES = ['open', 'closing', 'closed'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export const REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;

export const SORT_ORDERS = ['relevance', 'deadline', 'published'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const hitSchema = z.object({
  id: z.number(),
  public_id: text,
  title: text,
  title_language: text,
  agency: text,
  buyer: text,
  type: text,
  countries: list(z.string()),
  codes: list(z.string()),
  published: text,
  deadline: text,
  status: text,
  score: z.number().nullish(),
  title_html: text,
  snippet_html: text,
});
export type Hit = z.infer<typeof hitSchema>;

export const facetValueSchema = z.object({ value: z.string(), count: z.number() });
export type FacetValue = z.infer<typeof facetValueSchema>;

export const FACET_NAMES = ['agency', 'type', 'country', 'region', 'segment', 'status', 'language'] as const;
export type FacetName = (typeof FACET_NAMES)[number];

const facetList = list(facetValueSchema);
export const facetsSchema = z.object({
  agency: facetList,
  type: facetList,
  country: facetList,
  region: facetList,
  segment: facetList,
  status: facetList,
  language: facetList,
});
export type Facets = z.infer<typeof facetsSchema>;

export const expansionSchema = z.object({
  code: z.string(),
  prefix: text,
  title: text,
  matched_text: text,
  matched_language: text,
});
export type Expansion = z.infer<typeof expansionSchema>;

export const searchResponseSchema = z.object({
  hits: z.array(hitSchema),
  total: z.number(),
  total_exact: z.boolean().nullish().transform((value) => value ?? true),
  facets: facetsSchema.nullish().transform((value) => value ?? undefined),
  expansions: list(expansionSchema),
  query_reinterpreted: z.boolean().nullish().transform((value) => value ?? false),
  query_truncated: z.boolean().nullish().transform((value) => value ?? false),
  next_cursor: text,
  elapsed_micros: z.number().nullish().transform((value) => value ?? undefined),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const suggestionSchema = z.object({
  kind: z.string(),
  text: z.string(),
  id: z.number().nullish().transform((value) => value ?? undefined),
  code: text,
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestResponseSchema = z.object({ items: list(suggestionSchema) });

// Everything a search is, as the page URL carries it (the same parameter
// names as the API). The UI language is not part of it: it comes from the
// language switcher.
export interface SearchState {
  q: string;
  agency: string[];
  type: string[];
  country: string[];
  region: string[];
  unspsc: string[];
  language: string[];
  status: string[];
  closingWithinDays: string;
  publishedFrom: string;
  publishedTo: string;
  deadlineFrom: string;
  deadlineTo: string;
  valueCurrency: string;
  valueMin: string;
  valueMax: string;
  sustainable: '' | 'true' | 'false';
  removeCode: string[];
  expand: boolean;
  sort: SortOrder | '';
  cursor: string;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  agency: [],
  type: [],
  country: [],
  region: [],
  unspsc: [],
  language: [],
  status: [],
  closingWithinDays: '',
  publishedFrom: '',
  publishedTo: '',
  deadlineFrom: '',
  deadlineTo: '',
  valueCurrency: '',
  valueMin: '',
  valueMax: '',
  sustainable: '',
  removeCode: [],
  expand: true,
  sort: '',
  cursor: '',
};

// Multi-valued filters; the facet panel toggles values in them.
export const LIST_FILTERS = ['agency', 'type', 'country', 'region', 'unspsc', 'language', 'status'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

// The facet each list filter is counted by (UNSPSC filters by segment prefix).
export const FACET_OF_FILTER: Record<ListFilter, FacetName> = {
  agency: 'agency',
  type: 'type',
  country: 'country',
  region: 'region',
  unspsc: 'segment',
  language: 'language',
  status: 'status',
};

// Without words there is nothing to rank: newest first.
export function effectiveSort(state: SearchState): SortOrder {
  if (state.sort) return state.sort;
  return state.q.trim() ? 'relevance' : 'published';
}
