import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, toQueryString } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';
import { type TenderDraft, toPatchBody } from '../model/draft';
import { tenderPageSchema, type Tender, tenderSchema, type TenderState } from './schemas';

// The tender routes of docs/tendering.md (src/http/tender_routes.cc over
// src/tenders/tender_service.h).

const enc = encodeURIComponent;

export const tenderKeys = {
  all: ['tenders'] as const,
  list: (states: readonly string[]) => ['tenders', 'list', [...states]] as const,
  one: (ocid: string) => ['tenders', 'one', ocid] as const,
  amendments: (ocid: string) => ['tenders', 'one', ocid, 'amendments'] as const,
  clarifications: (ocid: string) => ['tenders', 'one', ocid, 'clarifications'] as const,
};

// GET /tenders?state=&buyer=&limit=: public tenders plus the drafts of the actor's agencies and of
// tenders on whose committee the actor sits (TenderService::List), newest first.
// `buyer` narrows the list to one agency's tenders (its drafts included for its officers).
export function useTenderList(states: readonly TenderState[], buyer: string | undefined) {
  return useQuery({
    queryKey: [...tenderKeys.list(states), buyer ?? ''],
    queryFn: ({ signal }) => apiGet(`/tenders${toQueryString({ state: states, buyer, limit: 100 })}`, tenderPageSchema, { signal }),
  });
}

export function getTender(ocid: string, signal?: AbortSignal): Promise<Tender> {
  return apiGet(`/tenders/${enc(ocid)}`, tenderSchema, { signal });
}

// A published tender is read again now and then, so the page follows the deadline job's
// close (and a test clock) without a reload.
export function useTender(ocid: string) {
  return useQuery({
    queryKey: tenderKeys.one(ocid),
    queryFn: ({ signal }) => getTender(ocid, signal),
    refetchInterval: (query) => (query.state.data?.state === 'published' ? 10_000 : false),
  });
}

// POST /tenders: a new draft of the officer's agency (organisation_id when it has several).
export function useCreateTender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { organisation_id?: string; title?: string; source_notice?: string }) =>
      apiSend('POST', '/tenders', withOrganisation(body), tenderSchema),
    onSuccess: (tender) => {
      queryClient.setQueryData(tenderKeys.one(tender.ocid), tender);
      void queryClient.invalidateQueries({ queryKey: ['tenders', 'list'] });
    },
  });
}

function withOrganisation(body: { organisation_id?: string; title?: string; source_notice?: string }) {
  const { organisation_id, ...rest } = body;
  const numeric = organisation_id && /^\d+$/.test(organisation_id) ? Number(organisation_id) : organisation_id;
  return numeric === undefined ? rest : { ...rest, organisation_id: numeric };
}

// PATCH /tenders/{ocid} with If-Match: a JSON merge patch of a draft's editable fields.
export function patchTender(ocid: string, patch: Partial<TenderDraft>, draft: TenderDraft, version: number): Promise<Tender> {
  return apiSend('PATCH', `/tenders/${enc(ocid)}`, toPatchBody(patch, draft), tenderSchema, {
    headers: { 'If-Match': `"v${version}"` },
    contentType: 'application/merge-patch+json',
  });
}

function useTenderAction<V>(ocid: string, request: (variables: V) => Promise<Tender>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (tender) => {
      queryClient.setQueryData(tenderKeys.one(ocid), tender);
      void queryClient.invalidateQueries({ queryKey: ['tenders'] });
    },
  });
}

// POST /tenders/{ocid}/publish: completeness, procedure rules, committee and keys checked.
export function usePublishTender(ocid: string) {
  return useTenderAction(ocid, () => apiSend('POST', `/tenders/${enc(ocid)}/publish`, {}, tenderSchema));
}

// POST /tenders/{ocid}/cancel {reason}.
export function useCancelTender(ocid: string) {
  return useTenderAction(ocid, (reason: string) => apiSend('POST', `/tenders/${enc(ocid)}/cancel`, { reason }, tenderSchema));
}

// PATCH /tenders/{ocid}/deadline {deadline (local), time_zone, reason} (ET-04).
export function useChangeDeadline(ocid: string) {
  return useTenderAction(ocid, (body: { deadline: string; time_zone: string; reason: string }) =>
    apiSend('PATCH', `/tenders/${enc(ocid)}/deadline`, body, tenderSchema),
  );
}

// ---------------------------------------------------------------- amendments

export const amendmentSchema = z.object({
  number: z.number(),
  at: z.string().nullish(),
  rationale: z.string().nullish().transform((value) => value ?? ''),
  changed_fields: z.array(z.string()).nullish().transform((value) => value ?? []),
  substantive: z.boolean().nullish().transform((value) => value ?? false),
  deadline_before: z.string().nullish(),
  deadline_after: z.string().nullish(),
  deadline_extended: z.boolean().nullish().transform((value) => value ?? false),
});
export type Amendment = z.infer<typeof amendmentSchema>;

const amendmentListSchema = z
  .union([z.array(amendmentSchema), z.object({ items: z.array(amendmentSchema) })])
  .transform((value) => (Array.isArray(value) ? value : value.items));

export function useAmendments(ocid: string, enabled = true) {
  return useQuery({
    queryKey: tenderKeys.amendments(ocid),
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/amendments`, amendmentListSchema, { signal }),
    enabled,
  });
}

// POST /tenders/{ocid}/amendments {changes (merge patch), rationale, substantive}.
export function useAmend(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { changes: Record<string, unknown>; rationale: string; substantive: boolean }) =>
      apiSend('POST', `/tenders/${enc(ocid)}/amendments`, body, z.union([amendmentSchema, z.object({ amendment: amendmentSchema }).passthrough()])),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tenderKeys.one(ocid) });
    },
  });
}

// ---------------------------------------------------------------- clarifications

export const clarificationSchema = z.object({
  id: idSchema,
  number: z.number().nullish().transform((value) => value ?? 0),
  question: z.string(),
  asked_at: z.string().nullish(),
  answer: z.string().nullish().transform((value) => value ?? ''),
  answered_at: z.string().nullish(),
  mine: z.boolean().nullish(),
});
export type Clarification = z.infer<typeof clarificationSchema>;

const clarificationListSchema = z
  .union([z.array(clarificationSchema), z.object({ items: z.array(clarificationSchema) })])
  .transform((value) => (Array.isArray(value) ? value : value.items));

export function useClarifications(ocid: string, enabled = true) {
  return useQuery({
    queryKey: tenderKeys.clarifications(ocid),
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/clarifications`, clarificationListSchema, { signal }),
    enabled,
  });
}

// POST /tenders/{ocid}/clarifications/{id}/answer {answer}: published to every interested
// supplier, without the asker's name.
export function useAnswerClarification(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) =>
      apiSend('POST', `/tenders/${enc(ocid)}/clarifications/${enc(id)}/answer`, { answer }, clarificationSchema),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tenderKeys.clarifications(ocid) }),
  });
}
