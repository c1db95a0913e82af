import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { API_BASE, ApiError, apiGet, apiSend, currentCsrfToken, CSRF_HEADER, problemSchema, setCsrfToken } from '@/lib/api-client';
import type { SealedForUpload } from '../lib/progress';

// The supplier's side of src/http/bid_routes.cc (docs/receipts.md): its own bids of a tender
// with every version and receipt, submission and replacement (multipart, one part per
// envelope, with an Idempotency-Key), withdrawal, and the bid abstract after the opening.

const envelopeSchema = z.object({ kind: z.string(), sha256: z.string(), size: z.number() });

export const bidVersionSchema = z.object({
  version: z.number(),
  action: z.string(),
  receipt_time: z.string(),
  envelopes: z.array(envelopeSchema),
  receipt: z.unknown(),
});
export type BidVersion = z.infer<typeof bidVersionSchema>;

// A re-confirmation of a version after a substantive amendment (docs/bids.md), with its
// signed receipt (action "confirmed").
export const bidConfirmationSchema = z.object({
  version: z.number(),
  amendment: z.number(),
  confirmed_at: z.string(),
  receipt: z.unknown(),
});
export type BidConfirmation = z.infer<typeof bidConfirmationSchema>;

export const ownBidSchema = z.object({
  bid: z.string(),
  withdrawn: z.boolean(),
  versions: z.array(bidVersionSchema),
  awaiting_reconfirmation: z
    .boolean()
    .nullish()
    .transform((v) => v === true),
  confirmations: z
    .array(bidConfirmationSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type OwnBid = z.infer<typeof ownBidSchema>;

// GET /tenders/{ocid}/bids: a supplier gets `own` and its bids; the tender's staff get
// `sealed` before the opening (ET-03) and the opening after.
export const bidListingSchema = z
  .object({
    tender: z.string(),
    own: z.boolean().nullish(),
    bids: z.array(ownBidSchema).nullish(),
    sealed: z.boolean().nullish(),
    reconfirm_after: z.string().nullish(),
    reconfirm_amendment: z.number().nullish(),
  })
  .passthrough()
  .transform((body) => ({
    tender: body.tender,
    own: body.own === true,
    bids: body.bids ?? [],
    reconfirmAfter: body.reconfirm_after ?? undefined,
    reconfirmAmendment: body.reconfirm_amendment ?? undefined,
  }));
export type BidListing = z.infer<typeof bidListingSchema>;

const path = (ocid: string) => `/tenders/${encodeURIComponent(ocid)}`;
const supplierQuery = (supplier: string | undefined) => (supplier ? `?supplier=${encodeURIComponent(supplier)}` : '');

export const ownBidsKey = (ocid: string, supplier: string | undefined) => ['bidding', 'own-bids', ocid, supplier ?? ''] as const;

export function useOwnBids(ocid: string, supplier: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ownBidsKey(ocid, supplier),
    queryFn: ({ signal }) => apiGet(`${path(ocid)}/bids${supplierQuery(supplier)}`, bidListingSchema, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function fetchOwnBids(ocid: string, supplier: string | undefined, signal?: AbortSignal) {
  return apiGet(`${path(ocid)}/bids${supplierQuery(supplier)}`, bidListingSchema, { signal });
}

// The receipt body is the signed canonical JSON itself; it is kept as received so it can be
// downloaded byte for byte.
export interface UploadAnswer {
  text: string;
  json: unknown;
  replayed: boolean;
}

async function refreshCsrf(): Promise<void> {
  const session = await apiGet('/auth/session', z.object({ csrf_token: z.string().nullish() }).passthrough());
  setCsrfToken(session.csrf_token);
}

function xhrUpload(
  url: string,
  form: FormData,
  headers: Record<string, string>,
  onProgress: ((fraction: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<{ status: number; text: string; replayed: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () =>
      resolve({ status: xhr.status, text: xhr.responseText, replayed: xhr.getResponseHeader('Idempotent-Replayed') === 'true' });
    xhr.onerror = () => reject(new ApiError('network', 0, 'the upload was interrupted'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

// POST /tenders/{ocid}/bids/{bid}: the sealed envelopes as multipart parts named by kind.
// The same idempotency key and bytes may be sent again after a failure: the server answers
// with the receipt it stored, if the first attempt arrived (DU-03). A stale CSRF token is
// fetched again once, as apiSend does.
export async function uploadBid(
  ocid: string,
  bidId: string,
  idempotencyKey: string,
  envelopes: readonly SealedForUpload[],
  supplier: string | undefined,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  if (supplier) form.append('supplier', supplier);
  for (const envelope of envelopes) form.append(envelope.kind, envelope.blob, `${envelope.kind}.tbseal`);
  const url = `${API_BASE}${path(ocid)}/bids/${encodeURIComponent(bidId)}`;
  if (!currentCsrfToken()) await refreshCsrf().catch(() => undefined);
  const send = () => {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Idempotency-Key': idempotencyKey,
    };
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
    return xhrUpload(url, form, headers, options.onProgress, options.signal);
  };
  let answer = await send();
  if (answer.status === 403 && problemOf(answer.text)?.code === 'csrf') {
    await refreshCsrf();
    answer = await send();
  }
  if (answer.status < 200 || answer.status >= 300) {
    const problem = problemOf(answer.text);
    throw new ApiError('http', answer.status, problem?.detail ?? `HTTP ${answer.status}`, problem);
  }
  options.onProgress?.(1);
  try {
    return { text: answer.text, json: JSON.parse(answer.text), replayed: answer.replayed };
  } catch {
    throw new ApiError('invalid_response', answer.status, 'the receipt is not JSON');
  }
}

function problemOf(text: string) {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// POST /tenders/{ocid}/bids/{bid}/withdrawal: needs a recent password and code check
// (the server answers 403 with code reauthentication_required or mfa_required).
export function useWithdrawBid(ocid: string, supplier: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ bidId, idempotencyKey }: { bidId: string; idempotencyKey: string }) =>
      apiSend('POST', `${path(ocid)}/bids/${encodeURIComponent(bidId)}/withdrawal`, supplier ? { supplier: Number(supplier) } : {}, z.unknown(), {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bidding', 'own-bids', ocid] }),
  });
}

// POST /tenders/{ocid}/bids/{bid}/confirmation: re-confirms a bid received before a
// substantive amendment; the same step-up rules as a withdrawal. The answer is the signed
// receipt (action "confirmed").
export function useConfirmBid(ocid: string, supplier: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ bidId, idempotencyKey }: { bidId: string; idempotencyKey: string }) =>
      apiSend('POST', `${path(ocid)}/bids/${encodeURIComponent(bidId)}/confirmation`, supplier ? { supplier: Number(supplier) } : {}, z.unknown(), {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bidding', 'own-bids', ocid] }),
  });
}

// GET /tenders/{ocid}/bid-abstract (ET-11), for bidders after the technical or single opening.
const abstractLineSchema = z.object({
  bid: z.string(),
  supplier_name: z.string().nullish().transform((v) => v ?? ''),
  receipt_time: z.string(),
  envelope_sha256: z.record(z.string(), z.string()),
  decrypted: z.boolean().nullish(),
  price: z
    .object({ amount: z.string(), amount_minor: z.number(), currency: z.string() })
    .nullish()
    .transform((v) => v ?? undefined),
  qualified: z.boolean().nullish().transform((v) => v ?? undefined),
  // "not re-confirmed after amendment N": the opening left the bid sealed.
  excluded: z.string().nullish().transform((v) => v ?? undefined),
});
export type AbstractLine = z.infer<typeof abstractLineSchema>;

export const bidAbstractSchema = z.object({
  tender: z.string(),
  opened_at: z.string(),
  bids: z.array(abstractLineSchema),
});
export type BidAbstract = z.infer<typeof bidAbstractSchema>;

export function useBidAbstract(ocid: string, enabled: boolean) {
  return useQuery({
    queryKey: ['bidding', 'abstract', ocid],
    queryFn: ({ signal }) => apiGet(`${path(ocid)}/bid-abstract`, bidAbstractSchema, { signal }),
    enabled,
    retry: false,
  });
}

// GET /audit/public-key (src/http/audit_routes.cc): the platform's Ed25519 key that signs
// receipts and tree heads.
export const auditKeySchema = z
  .object({ key_id: z.string(), public_key: z.string(), public_key_base64url: z.string().nullish() })
  .passthrough();

export function useAuditPublicKey() {
  return useQuery({
    queryKey: ['bidding', 'audit-key'],
    queryFn: ({ signal }) => apiGet('/audit/public-key', auditKeySchema, { signal }),
    staleTime: 60 * 60_000,
  });
}
