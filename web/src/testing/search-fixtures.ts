import type { Hit, SearchResponse } from '@/features/notices/types/search';

// Search API answers as the server sends them; override what a test is about.

export function makeHit(overrides: Partial<Hit> = {}): Hit {
  return {
    id: 12,
    public_id: 'ungm-273637',
    title: 'Supply of computers',
    title_language: 'en',
    agency: 'UNDP',
    buyer: 'United Nations Development Programme',
    type: 'rfq',
    countries: ['KE'],
    codes: ['43211503'],
    published: '2024-03-01T00:00:00Z',
    deadline: '2024-03-20T21:00:00Z',
    status: 'open',
    score: 12.3,
    title_html: 'Supply of <mark>computers</mark>',
    snippet_html: 'Desktop and notebook <mark>computers</mark> for the country office.',
    ...overrides,
  };
}

export function makeSearchResponse(overrides: Partial<SearchResponse> = {}): SearchResponse {
  return {
    hits: [
      makeHit(),
      makeHit({
        id: 13,
        public_id: 'ocds-b5fd17-99',
        title: 'Pumps for water points',
        title_html: 'Pumps for water points',
        agency: 'UNICEF',
        buyer: 'UNICEF',
        type: 'itb',
        countries: ['ET'],
        codes: ['40151500'],
        deadline: '2024-03-19T12:00:00Z',
        status: 'closing',
        snippet_html: '',
      }),
    ],
    total: 2,
    total_exact: true,
    facets: {
      agency: [
        { value: 'UNDP', count: 5 },
        { value: 'UNICEF', count: 3 },
      ],
      type: [{ value: 'rfq', count: 4 }],
      country: [
        { value: 'KE', count: 4 },
        { value: 'ET', count: 1 },
      ],
      region: [{ value: 'africa', count: 2 }],
      segment: [{ value: '40', count: 1 }],
      status: [
        { value: 'open', count: 2 },
        { value: 'closing', count: 1 },
      ],
      language: [{ value: 'en', count: 2 }],
    },
    expansions: [],
    query_reinterpreted: false,
    query_truncated: false,
    next_cursor: 'r20',
    elapsed_micros: 850,
    ...overrides,
  };
}
