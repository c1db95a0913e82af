import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';

// The award as a bidder reads it (src/http/evaluation_routes.cc over AwardService::Read;
// docs/evaluation.md "Who sees what"): the award notice once it is out, the contract, and for
// a bidder its own regret letter with the debrief it may ask for during the standstill.

const text = z.string().nullish().transform((v) => v ?? '');
const optionalText = z.string().nullish().transform((v) => v ?? undefined);
const moneySchema = z.object({ amount: z.string(), currency: z.string() });
const points = z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? undefined : String(v)));

export const letterSchema = z
  .object({
    bid_id: text,
    outcome: text,
    reason: text,
    rank: z.number().nullish(),
    technical: points,
    financial: points,
    combined: points,
    price: moneySchema.nullish(),
    winner_name: text,
    winner_price: moneySchema.nullish(),
    winner_technical: points,
    winner_financial: points,
    winner_combined: points,
    sent_at: optionalText,
    debrief_until: optionalText,
  })
  .passthrough();
export type RegretLetter = z.infer<typeof letterSchema>;

export const awardResultSchema = z
  .object({
    stage: text,
    award: z
      .object({
        award_id: text,
        bid_id: text,
        supplier_name: text,
        value: moneySchema.nullish(),
        status: text,
        notified_at: optionalText,
        standstill_ends: optionalText,
      })
      .passthrough()
      .nullish(),
    contract: z.object({ contract_id: text, value: moneySchema.nullish(), period_start: optionalText, period_end: optionalText }).passthrough().nullish(),
    cancellation_reason: text,
    letters: z.array(letterSchema).nullish().transform((v) => v ?? []),
    debriefs: z
      .array(z.object({ requested_at: optionalText, message: text, answer: text, answered_at: optionalText }).passthrough())
      .nullish()
      .transform((v) => v ?? []),
    won: z.boolean().nullish().transform((v) => v ?? false),
  })
  .passthrough();
export type AwardResult = z.infer<typeof awardResultSchema>;

const path = (ocid: string) => `/tenders/${encodeURIComponent(ocid)}/award`;

export function useAwardResult(ocid: string, enabled = true) {
  return useQuery({
    queryKey: ['bidding', 'award', ocid],
    queryFn: ({ signal }) => apiGet(path(ocid), awardResultSchema, { signal }),
    enabled,
    retry: false,
  });
}

export function useRequestDebrief(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: string) => apiSend('POST', `${path(ocid)}/debrief`, { message }, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['bidding', 'award', ocid] }),
  });
}
