import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';
import type { EnvelopeKind } from './schemas';
import { tenderKeys } from './tenders';

// The opening routes of src/http/bid_routes.cc (docs/receipts.md, docs/bids.md "Opening").

const enc = encodeURIComponent;

const priceSchema = z
  .object({ amount: z.string(), amount_minor: z.number().nullish(), currency: z.string() })
  .nullish()
  .transform((value) => value ?? undefined);

export const openedBidSchema = z.object({
  bid: z.string(),
  supplier_id: idSchema.nullish(),
  supplier_name: z.string().nullish().transform((value) => value ?? ''),
  version: z.number().nullish(),
  receipt_time: z.string(),
  envelope_sha256: z.union([z.string(), z.record(z.string(), z.string())]).nullish(),
  decrypted: z.boolean().nullish().transform((value) => value ?? false),
  error: z.string().nullish(),
  price: priceSchema,
  qualified: z.boolean().nullish(),
  files: z
    .array(z.object({ index: z.number(), name: z.string(), size: z.number(), sha256: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
});
export type OpenedBid = z.infer<typeof openedBidSchema>;

export const openingRecordSchema = z.object({
  tender: z.string(),
  envelope: z.string(),
  opened_at: z.string(),
  members: z.array(idSchema).nullish().transform((value) => value ?? []),
  record_sha256: z.string().nullish().transform((value) => value ?? ''),
  bids: z.array(openedBidSchema),
});
export type OpeningRecord = z.infer<typeof openingRecordSchema>;

// GET /tenders/{ocid}/openings/{kind}: shares held of k, who gave one, and the record once
// opened. Nothing about bids before the opening (ET-03).
export const openingStatusSchema = z.object({
  threshold: z.number(),
  shares_held: z.number(),
  members_submitted: z.array(idSchema).nullish().transform((value) => value ?? []),
  opened: z.boolean(),
  opening: openingRecordSchema.nullish().transform((value) => value ?? undefined),
});
export type OpeningStatus = z.infer<typeof openingStatusSchema>;

export const openingKey = (ocid: string, kind: EnvelopeKind) => [...tenderKeys.one(ocid), 'opening', kind] as const;

export function useOpeningStatus(ocid: string, kind: EnvelopeKind, options: { enabled?: boolean; refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: openingKey(ocid, kind),
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/openings/${kind}`, openingStatusSchema, { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
    retry: false,
  });
}

const shareResultSchema = z.object({
  shares_held: z.number(),
  threshold: z.number(),
  opened: z.boolean(),
  opening: openingRecordSchema.nullish(),
});

// POST /tenders/{ocid}/openings/{kind}/shares {share}: 202 while fewer than k are held,
// 200 with the record when this share completed the opening. Needs a recent password and
// authenticator check (403 reauthentication_required otherwise).
export function submitShare(ocid: string, kind: EnvelopeKind, share: string) {
  return apiSend('POST', `/tenders/${enc(ocid)}/openings/${kind}/shares`, { share }, shareResultSchema);
}

// GET /tenders/{ocid}/bid-abstract (ET-11): after the technical (or single) opening.
export const bidAbstractSchema = z.object({
  tender: z.string(),
  opened_at: z.string(),
  bids: z.array(openedBidSchema),
});
export type BidAbstract = z.infer<typeof bidAbstractSchema>;

export function useBidAbstract(ocid: string, enabled = true) {
  return useQuery({
    queryKey: [...tenderKeys.one(ocid), 'abstract'],
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/bid-abstract`, bidAbstractSchema, { signal }),
    enabled,
    retry: false,
  });
}

export function bidDocumentUrl(ocid: string, bid: string, kind: EnvelopeKind, index: number): string {
  return `/api/v1/tenders/${enc(ocid)}/bids/${enc(bid)}/documents/${kind}/${index}`;
}
