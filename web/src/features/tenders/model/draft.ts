import type {
  BidSecurity,
  ComplianceItem,
  Criterion,
  Eligibility,
  EnvelopeMode,
  EvaluationRules,
  Item,
  Lot,
  Tender,
  TenderDocument,
} from '../api/schemas';
import { wallTimeIn } from './deadline';

// What the builder edits: the editable fields of src/tenders/tender_json.h, with the
// deadline as the agency's local wall-clock text. Saved as you go with JSON merge patches of
// the top-level fields that changed.
export interface TenderDraft {
  reference: string;
  title: string;
  description: string;
  language: string;
  method: string;
  main_category: string;
  countries: string[];
  currency: string;
  estimated_value: string;
  lots: Lot[];
  items: Item[];
  documents: TenderDocument[];
  time_zone: string;
  deadline: string;
  envelope_mode: EnvelopeMode;
  evaluation: EvaluationRules;
  eligibility: Eligibility;
  bid_security: BidSecurity;
}

export type DraftField = keyof TenderDraft;

export function draftOf(tender: Tender, fallbackZone: string): TenderDraft {
  const zone = tender.time_zone || fallbackZone;
  const deadline = tender.deadline ? (wallTimeIn(new Date(tender.deadline), zone) ?? '') : '';
  return {
    reference: tender.reference,
    title: tender.title,
    description: tender.description,
    language: tender.language,
    method: tender.method,
    main_category: tender.main_category,
    countries: tender.countries,
    currency: tender.currency,
    estimated_value: tender.estimated_value,
    lots: tender.lots,
    items: tender.items,
    documents: tender.documents,
    time_zone: zone,
    deadline,
    envelope_mode: tender.envelope_mode,
    evaluation: tender.evaluation,
    eligibility: tender.eligibility,
    bid_security: tender.bid_security,
  };
}

const emptyToNull = (value: string) => (value.trim() === '' ? null : value.trim());

// The body of a PATCH (application/merge-patch+json): empty amounts and an empty deadline
// become null (the server's "not given"), a lowest-price evaluation carries no weights, and
// an amount is dropped from a bid security that is not required. A changed zone carries the
// deadline with it so the server reads that wall-clock time in the new zone.
export function toPatchBody(patch: Partial<TenderDraft>, draft: TenderDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { ...patch };
  if ('estimated_value' in patch) body.estimated_value = emptyToNull(patch.estimated_value ?? '');
  if ('deadline' in patch || 'time_zone' in patch) {
    body.deadline = emptyToNull(draft.deadline);
    body.time_zone = draft.time_zone;
  }
  if (patch.lots) body.lots = patch.lots.map((lot) => ({ ...lot, estimated_value: emptyToNull(lot.estimated_value) }));
  if (patch.evaluation) {
    const { technical_weight, financial_weight, ...rest } = patch.evaluation;
    body.evaluation = patch.evaluation.method === 'weighted' ? { ...rest, technical_weight, financial_weight } : { ...rest, technical_weight: null, financial_weight: null };
  }
  if (patch.bid_security) {
    body.bid_security = {
      required: patch.bid_security.required,
      amount: patch.bid_security.required ? emptyToNull(patch.bid_security.amount) : null,
    };
  }
  return body;
}

// The next free id with `prefix` ("1", "2" for lots; "i1" for items): the server wants
// unique printable ids, and officers should not have to invent them.
export function nextId(existing: readonly { id: string }[], prefix: string): string {
  const used = new Set(existing.map((entry) => entry.id));
  for (let n = existing.length + 1; ; n += 1) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}

export function newLot(lots: readonly Lot[]): Lot {
  return { id: nextId(lots, 'lot-'), title: '', description: '', estimated_value: '' };
}

export function newItem(items: readonly Item[], lots: readonly Lot[]): Item {
  return { id: nextId(items, 'item-'), lot_id: lots[0]?.id ?? '', description: '', unspsc: '', quantity: 1, unit: 'EA' };
}

export function newDocument(documents: readonly TenderDocument[]): TenderDocument {
  return { id: nextId(documents, 'doc-'), title: '', url: 'https://', document_type: 'biddingDocuments', language: '', kind: '', files: [], download_url: undefined };
}

export function newCriterion(criteria: readonly Criterion[], sustainability = false): Criterion {
  return { id: nextId(criteria, 'c'), title: '', weight: 10, max_score: 10, sustainability };
}

export function newComplianceItem(items: readonly ComplianceItem[]): ComplianceItem {
  return { id: nextId(items, 'r'), title: '' };
}
