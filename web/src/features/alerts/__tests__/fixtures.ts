import type { SessionOptions } from '@/testing/mock-api';

// Bodies shaped exactly as docs/alerts.md gives them; override what a test is about.

export const EXPLANATION = {
  codes: [{ notice_code: '26111600', supplier_code: '26111600', title: 'Solar cells and panels', similarity: 1.0, predicted: false }],
  shared_terms: ['solar', 'panels'],
  country_eligible: true,
  registered_with_agency: true,
  targeted: true,
  history_in_family: 0,
};

export function inboxItem(overrides: Record<string, unknown> = {}) {
  return {
    id: 41,
    reason: 'profile',
    created_at: '2026-11-22T09:00:00Z',
    read_at: null,
    version: 2,
    score: 0.83,
    notice: {
      id: 12,
      public_id: 'ungm-250311',
      title: 'Solar panels for clinics',
      agency: 'UNDP',
      type: 'rfq',
      deadline: '2099-12-01T12:00:00Z',
      codes: ['26111600'],
    },
    saved_search: null,
    explanation: EXPLANATION,
    ...overrides,
  };
}

export const SAVED_SEARCH_ITEM = inboxItem({
  id: 42,
  reason: 'saved_search',
  read_at: '2026-11-22T09:30:00Z',
  saved_search: { id: 3, name: 'Solar in Kenya' },
  explanation: null,
  notice: { id: 13, public_id: 'ocds-b5fd17-77', title: 'Water pumps for Turkana', agency: 'UNICEF', type: 'itb', deadline: '2099-11-30T12:00:00Z', codes: [] },
});

export function settingsBody(overrides: Record<string, unknown> = {}) {
  return {
    frequency: 'instant',
    email: true,
    use_profile: true,
    agencies: ['UNDP'],
    countries: ['KE'],
    value_currency: 'USD',
    value_min_minor: null,
    value_max_minor: 50000000,
    sustainable_only: false,
    updated_at: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

export const AGENCY_OFFICER: SessionOptions = {
  user: { id: 11, email: 'lena@undp.example', display_name: 'Lena Officer' },
  memberships: [{ organisation_id: 5, organisation_name: 'UNDP', kind: 'agency', owner: false, roles: ['agency_officer'] }],
  mfa: { enrolled: true, verified: true },
};

export function recommendedSupplier(overrides: Record<string, unknown> = {}) {
  return {
    supplier_id: 7,
    name: 'Sahel Energy',
    country: 'KE',
    sme: true,
    women_owned: false,
    score: 0.9,
    explanation: EXPLANATION,
    invited: false,
    ...overrides,
  };
}

// Chip texts carry Unicode isolates around codes, titles, words and names (for right-to-left
// pages); tests read them as a person sees them.
export const withoutIsolates = (text: string | null | undefined) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

// A getByText matcher for one explanation chip's visible text.
export const chipText = (expected: string) => (_: string, element: Element | null) =>
  element?.getAttribute('data-testid') === 'why-chip' && withoutIsolates(element.textContent) === expected;
