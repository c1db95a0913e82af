import { type SessionOptions } from '@/testing/mock-api';

// A draft as GET /tenders/{ocid} sends it (src/tenders/tender_json.cc TenderJson + ViewJson).
export const OCID = 'ocds-tbrdg1-000042';

export function tenderBody(over: Record<string, unknown> = {}) {
  return {
    ocid: OCID,
    state: 'draft',
    version: 3,
    buyer: { id: 5, name: 'UNDP Mali' },
    reference: 'RFQ/UNDP/2026/017',
    title: 'Solar water pumps for Mopti',
    description: 'Twelve solar-powered pumps with installation.',
    language: 'en',
    method: 'rfq',
    main_category: 'goods',
    countries: ['ML'],
    lots: [],
    items: [{ id: 'item-1', lot_id: '', description: 'Solar pump 2 kW', unspsc: '40151500', quantity: 12, unit: 'EA' }],
    documents: [],
    time_zone: 'America/New_York',
    deadline: '2026-06-15T21:00:00Z',
    deadline_local: '2026-06-15T17:00:00-04:00',
    envelope_mode: 'single',
    evaluation: { method: 'lowest_price', minimum_technical_percent: 0, criteria: [], compliance: [] },
    eligibility: { minimum_ungm_level: 'none', countries: [], reserved_for_sme: false, reserved_for_women_owned: false },
    bid_security: { required: false, amount: null },
    currency: 'USD',
    estimated_value: '150000.00',
    source_notice: '',
    opening_threshold: 2,
    amendment_count: 0,
    reconfirm_required: false,
    reconfirm_after: null,
    cancellation_reason: '',
    created_at: '2026-05-01T10:00:00Z',
    updated_at: '2026-05-01T10:00:00Z',
    published_at: null,
    closed_at: null,
    clarifications_until: null,
    can_edit: true,
    ...over,
  };
}

export const OFFICER: SessionOptions = {
  user: { id: 3, email: 'awa@undp.example', display_name: 'Awa Traoré' },
  memberships: [{ organisation_id: 5, organisation_name: 'UNDP Mali', kind: 'agency', owner: false, roles: ['agency_officer'] }],
  mfa: { enrolled: true, verified: true },
};

export const MEMBER: SessionOptions = {
  user: { id: 11, email: 'ines@undp.example', display_name: 'Inès Coulibaly' },
  memberships: [{ organisation_id: 5, organisation_name: 'UNDP Mali', kind: 'agency', owner: false, roles: ['committee_member'] }],
  mfa: { enrolled: true, verified: true },
};
