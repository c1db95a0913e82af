import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// The public side of a tender as a supplier reads it (src/http/tender_routes.cc,
// docs/tendering.md): the tender with its submission specification (ET-12), the published
// clarifications (never who asked), the amendments, and the supplier's interest and
// questions.

const text = z.string().nullish().transform((value) => value ?? '');
const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const flag = z.boolean().nullish().transform((value) => value ?? false);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);

export const envelopeKeySchema = z.object({
  envelope: z.string(),
  public_key: z.string(),
  fingerprint: z.string(),
  algorithm: optionalText,
});
export type EnvelopeKey = z.infer<typeof envelopeKeySchema>;

// TenderService::SubmissionJson.
export const submissionSpecSchema = z.object({
  rule: text,
  deadline: optionalText,
  time_source: text,
  boundary: text,
  encryption: text,
  envelope_format: text,
  max_envelope_bytes: z.number().nullish().transform((v) => v ?? 64 * 1024 * 1024),
  max_files_per_envelope: z.number().nullish().transform((v) => v ?? 100),
  accepted_formats: list(z.string()),
  envelopes: list(envelopeKeySchema),
});
export type SubmissionSpec = z.infer<typeof submissionSpecSchema>;

const moneyText = z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v)));

export const publicTenderSchema = z.object({
  ocid: z.string(),
  state: z.string(),
  reference: text,
  title: text,
  description: text,
  language: text,
  method: text,
  main_category: text,
  buyer: z.object({ id: idSchema, name: text }).nullish().transform((v) => v ?? { id: '', name: '' }),
  countries: list(z.string()),
  lots: list(z.object({ id: text, title: text, description: text, estimated_value: moneyText })),
  items: list(
    z.object({
      id: text,
      lot_id: text,
      description: text,
      unspsc: text,
      quantity: z.number().nullish().transform((v) => v ?? 0),
      unit: text,
    }),
  ),
  // Uploaded documents also have download_url and their versions (size, SHA-256).
  documents: list(
    z.object({
      id: text,
      title: text,
      url: text,
      document_type: text,
      language: text,
      kind: text,
      download_url: optionalText,
      files: list(z.object({ version: z.number(), filename: text, format: text, size: z.number(), sha256: text, uploaded_at: text, url: text })),
    }),
  ),
  deadline: optionalText,
  deadline_local: optionalText,
  time_zone: text,
  envelope_mode: z.string().nullish().transform((v) => (v === 'two' ? 'two' : 'single') as 'single' | 'two'),
  evaluation: z
    .object({
      method: text,
      technical_weight: z.number().nullish(),
      financial_weight: z.number().nullish(),
      minimum_technical_percent: z.number().nullish(),
      criteria: list(z.object({ id: text, title: text, weight: z.number().nullish(), sustainability: flag }).passthrough()),
    })
    .passthrough()
    .nullish(),
  eligibility: z
    .object({
      minimum_ungm_level: text,
      countries: list(z.string()),
      reserved_for_sme: flag,
      reserved_for_women_owned: flag,
    })
    .nullish()
    .transform((v) => v ?? { minimum_ungm_level: 'none', countries: [], reserved_for_sme: false, reserved_for_women_owned: false }),
  bid_security: z.object({ required: flag, amount: moneyText }).nullish(),
  currency: z.string().nullish().transform((v) => v || 'USD'),
  estimated_value: moneyText,
  amendment_count: z.number().nullish().transform((v) => v ?? 0),
  reconfirm_required: flag,
  reconfirm_after: optionalText,
  cancellation_reason: text,
  published_at: optionalText,
  closed_at: optionalText,
  clarifications_until: optionalText,
  can_edit: flag,
  submission: submissionSpecSchema.nullish().transform((v) => v ?? undefined),
});
export type PublicTender = z.infer<typeof publicTenderSchema>;

const tenderPath = (ocid: string) => `/tenders/${encodeURIComponent(ocid)}`;

export const tenderKey = (ocid: string) => ['bidding', 'tender', ocid] as const;

export function usePublicTender(ocid: string) {
  return useQuery({
    queryKey: tenderKey(ocid),
    queryFn: ({ signal }) => apiGet(tenderPath(ocid), publicTenderSchema, { signal }),
    staleTime: 10_000,
  });
}

// GET /tenders: one line per tender the viewer may see.
export const tenderSummarySchema = z.object({
  ocid: z.string(),
  title: text,
  state: text,
  buyer: z.object({ id: idSchema, name: text }).nullish().transform((v) => v ?? { id: '', name: '' }),
  method: text,
  deadline: optionalText,
  time_zone: text,
  currency: text,
});
export type TenderSummary = z.infer<typeof tenderSummarySchema>;

// GET /tenders?state=…&limit=…&cursor=…: `next_cursor` continues the list, newest first.
export const tenderListSchema = z
  .object({ items: list(tenderSummarySchema), next_cursor: z.union([z.string(), z.number()]).nullish() })
  .passthrough();

export function fetchTenders(query: string, signal?: AbortSignal) {
  return apiGet(`/tenders${query}`, tenderListSchema, { signal });
}

// A clarification as published: never who asked; `mine` marks the viewer's own company's.
export const clarificationSchema = z
  .object({
    id: idSchema,
    number: z.number().nullish(),
    question: text,
    answer: text,
    asked_at: optionalText,
    answered_at: optionalText,
    mine: flag,
  })
  .passthrough();
export type Clarification = z.infer<typeof clarificationSchema>;

const clarificationListSchema = z
  .union([z.array(clarificationSchema), z.object({ items: z.array(clarificationSchema) }).passthrough()])
  .transform((body) => (Array.isArray(body) ? body : body.items));

export function useClarifications(ocid: string, enabled = true) {
  return useQuery({
    queryKey: ['bidding', 'clarifications', ocid],
    queryFn: ({ signal }) => apiGet(`${tenderPath(ocid)}/clarifications`, clarificationListSchema, { signal }),
    enabled,
  });
}

export function useAskQuestion(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ question, supplier }: { question: string; supplier: string }) =>
      apiSend('POST', `${tenderPath(ocid)}/clarifications`, { question, supplier_id: Number(supplier) }, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['bidding', 'clarifications', ocid] }),
  });
}

export const amendmentSchema = z
  .object({
    number: z.number(),
    at: optionalText,
    rationale: text,
    changed_fields: list(z.string()),
    substantive: flag,
    deadline_before: optionalText,
    deadline_after: optionalText,
    deadline_extended: flag,
  })
  .passthrough();
export type Amendment = z.infer<typeof amendmentSchema>;

const amendmentListSchema = z
  .union([z.array(amendmentSchema), z.object({ items: z.array(amendmentSchema) }).passthrough()])
  .transform((body) => (Array.isArray(body) ? body : body.items));

export function useAmendments(ocid: string, enabled = true) {
  return useQuery({
    queryKey: ['bidding', 'amendments', ocid],
    queryFn: ({ signal }) => apiGet(`${tenderPath(ocid)}/amendments`, amendmentListSchema, { signal }),
    enabled,
  });
}

const interestSchema = z.object({ interested: z.boolean() }).passthrough();

export function useInterest(ocid: string, supplier: string | undefined) {
  return useQuery({
    queryKey: ['bidding', 'interest', ocid, supplier ?? ''],
    queryFn: ({ signal }) =>
      apiGet(`${tenderPath(ocid)}/interest?supplier_id=${encodeURIComponent(supplier ?? '')}`, interestSchema, { signal }),
    enabled: !!supplier,
    retry: false,
  });
}

export function useExpressInterest(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (supplier: string) => apiSend('POST', `${tenderPath(ocid)}/interest`, { supplier_id: Number(supplier) }, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['bidding', 'interest', ocid] }),
  });
}
