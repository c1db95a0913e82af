import { z } from 'zod';
import { idSchema } from '@/lib/auth';

// The tender in the server's shapes (src/tenders/tender_json.cc EditableJson, TenderJson and
// TenderService::ViewJson; docs/tendering.md). Amounts are decimal strings in the tender's
// currency; times are RFC 3339 UTC; `deadline` in the read form is UTC and the editing form
// sends the agency's local wall-clock time ("2026-12-01T17:00") with `time_zone`.

const text = z.string().nullish().transform((value) => value ?? '');
const flag = z.boolean().nullish().transform((value) => value ?? false);
const whole = (fallback: number) => z.number().nullish().transform((value) => value ?? fallback);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);
const optionalText = z.string().nullish().transform((value) => value ?? undefined);

export const TENDER_STATES = [
  'draft',
  'published',
  'closed',
  'opened',
  'evaluation',
  'awarded',
  'completed',
  'cancelled',
] as const;
export type TenderState = (typeof TENDER_STATES)[number];

export const METHODS = ['rfq', 'itb', 'rfp'] as const;
export type Method = (typeof METHODS)[number];
export const MAIN_CATEGORIES = ['goods', 'services', 'works'] as const;
export const ENVELOPE_MODES = ['single', 'two'] as const;
export type EnvelopeMode = (typeof ENVELOPE_MODES)[number];
export type EnvelopeKind = 'single' | 'technical' | 'financial';
export const EVALUATION_METHODS = ['lowest_price', 'weighted'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];
export const UNGM_LEVELS = ['none', 'basic', 'level_1', 'level_2'] as const;

// The envelopes a bid has in each mode (src/tenders/tender.h EnvelopesOf).
export function envelopesOf(mode: EnvelopeMode | string): EnvelopeKind[] {
  return mode === 'two' ? ['technical', 'financial'] : ['single'];
}

export const lotSchema = z.object({ id: text, title: text, description: text, estimated_value: text });
export type Lot = z.infer<typeof lotSchema>;

export const itemSchema = z.object({
  id: text,
  lot_id: text,
  description: text,
  unspsc: text,
  quantity: z.number().nullish().transform((value) => value ?? 0),
  unit: text,
});
export type Item = z.infer<typeof itemSchema>;

// An uploaded document's versions (api/documents.ts reads them with their download urls).
// The builder keeps them as they came and sends them back unchanged: only an upload
// changes them (the server refuses anything else).
export const documentFileSchema = z.object({
  version: z.number(),
  filename: text,
  format: text,
  size: z.number(),
  sha256: text,
  uploaded_at: text,
});
export const documentSchema = z.object({
  id: text,
  title: text,
  url: text,
  document_type: text,
  language: text,
  kind: text,
  files: list(documentFileSchema),
  download_url: optionalText,
});
export type TenderDocument = z.infer<typeof documentSchema>;

export const criterionSchema = z.object({
  id: text,
  title: text,
  weight: whole(0),
  max_score: whole(10),
  sustainability: flag,
});
export type Criterion = z.infer<typeof criterionSchema>;

export const complianceSchema = z.object({ id: text, title: text });
export type ComplianceItem = z.infer<typeof complianceSchema>;

export const evaluationSchema = z.object({
  method: z.string().nullish().transform((value) => (value === 'weighted' ? 'weighted' : 'lowest_price') as EvaluationMethod),
  technical_weight: whole(70),
  financial_weight: whole(30),
  minimum_technical_percent: whole(0),
  criteria: list(criterionSchema),
  compliance: list(complianceSchema),
});
export type EvaluationRules = z.infer<typeof evaluationSchema>;

export const eligibilitySchema = z.object({
  minimum_ungm_level: z.string().nullish().transform((value) => value ?? 'none'),
  countries: list(z.string()),
  reserved_for_sme: flag,
  reserved_for_women_owned: flag,
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const bidSecuritySchema = z.object({ required: flag, amount: text });
export type BidSecurity = z.infer<typeof bidSecuritySchema>;

const envelopeKeyPublicSchema = z.object({
  envelope: z.string(),
  public_key: text,
  fingerprint: text,
});

export const submissionSchema = z
  .object({
    rule: text,
    boundary: text,
    time_source: text,
    envelopes: list(envelopeKeyPublicSchema),
    max_envelope_bytes: z.number().nullish(),
    max_files_per_envelope: z.number().nullish(),
    accepted_formats: list(z.string()),
  })
  .passthrough();

const EMPTY_EVALUATION: EvaluationRules = {
  method: 'lowest_price',
  technical_weight: 70,
  financial_weight: 30,
  minimum_technical_percent: 0,
  criteria: [],
  compliance: [],
};

// GET /tenders/{ocid} (and the answer of POST, PATCH and the state changes).
export const tenderSchema = z.object({
  ocid: z.string(),
  state: z.string().transform((value) => value as TenderState),
  version: z.number(),
  buyer: z
    .object({ id: idSchema, name: text })
    .nullish()
    .transform((value) => value ?? { id: '', name: '' }),
  reference: text,
  title: text,
  description: text,
  language: z.string().nullish().transform((value) => value || 'en'),
  method: z.string().nullish().transform((value) => (value || 'rfq') as Method),
  main_category: text,
  countries: list(z.string()),
  lots: list(lotSchema),
  items: list(itemSchema),
  documents: list(documentSchema),
  deadline: optionalText,
  deadline_local: optionalText,
  time_zone: text,
  envelope_mode: z.string().nullish().transform((value) => (value === 'two' ? 'two' : 'single') as EnvelopeMode),
  evaluation: evaluationSchema.nullish().transform((value) => value ?? EMPTY_EVALUATION),
  eligibility: eligibilitySchema.nullish().transform(
    (value) => value ?? { minimum_ungm_level: 'none', countries: [], reserved_for_sme: false, reserved_for_women_owned: false },
  ),
  bid_security: bidSecuritySchema.nullish().transform((value) => value ?? { required: false, amount: '' }),
  currency: z.string().nullish().transform((value) => value || 'USD'),
  estimated_value: text,
  source_notice: text,
  opening_threshold: whole(2),
  amendment_count: whole(0),
  reconfirm_required: flag,
  reconfirm_after: optionalText,
  cancellation_reason: text,
  created_at: optionalText,
  updated_at: optionalText,
  published_at: optionalText,
  closed_at: optionalText,
  clarifications_until: optionalText,
  can_edit: flag,
  submission: submissionSchema.nullish().transform((value) => value ?? undefined),
});
export type Tender = z.infer<typeof tenderSchema>;

// One line of GET /tenders (TenderSummaryJson).
export const tenderSummarySchema = z.object({
  ocid: z.string(),
  title: text,
  state: z.string().transform((value) => value as TenderState),
  buyer: z
    .object({ id: idSchema, name: text })
    .nullish()
    .transform((value) => value ?? { id: '', name: '' }),
  method: text,
  deadline: optionalText,
  time_zone: text,
  currency: text,
  published_at: optionalText,
});
export type TenderSummary = z.infer<typeof tenderSummarySchema>;

export const tenderPageSchema = z.object({
  items: list(tenderSummarySchema),
  next_cursor: z.union([z.string(), z.number()]).nullish().transform((value) => (value == null || value === '' ? undefined : String(value))),
});
