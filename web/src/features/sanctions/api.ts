import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// Sanctions screening review for centre staff (docs/accounts.md). ASSUMED
// shapes, to reconcile with the server: a review pairs one supplier with one
// listed entry; `matches` says which of its names matched which, and how well.

const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);

// A name is a string, or {name, kind} with kind such as "legal", "latin", "trading", "alias".
const nameSchema = z
  .union([z.string(), z.object({ name: z.string(), kind: optionalText, script: optionalText })])
  .transform((value) => (typeof value === 'string' ? { name: value, kind: undefined, script: undefined } : value));
export type ListedName = z.infer<typeof nameSchema>;

export const reviewSummarySchema = z.object({
  id: idSchema,
  status: z.string(),
  score: z.number().nullish(),
  supplier: z.object({ id: idSchema, name: z.string() }),
  entry: z.object({ id: idSchema.nullish(), name: z.string(), list: optionalText }),
  list_version: optionalText,
  created_at: optionalText,
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

const reviewListSchema = z
  .union([z.object({ items: z.array(reviewSummarySchema) }), z.array(reviewSummarySchema)])
  .transform((body) => (Array.isArray(body) ? body : body.items));

export const reviewCaseSchema = z.object({
  id: idSchema,
  status: z.string(),
  score: z.number().nullish(),
  list_version: optionalText,
  created_at: optionalText,
  supplier: z.object({ id: idSchema, names: list(nameSchema), country: optionalText }),
  entry: z.object({
    id: idSchema.nullish(),
    reference: optionalText,
    list: optionalText,
    names: list(nameSchema),
    type: optionalText,
    listed_on: optionalText,
    program: optionalText,
    countries: list(z.string()),
    comments: optionalText,
  }),
  matches: list(z.object({ supplier_name: z.string(), entry_name: z.string(), score: z.number() })),
  decision: z
    .object({ decision: z.string(), note: optionalText, decided_by: optionalText, decided_at: optionalText })
    .nullish(),
});
export type ReviewCase = z.infer<typeof reviewCaseSchema>;

const reviewsKey = ['sanctions', 'reviews'] as const;

export function useReviewQueue(status = 'open') {
  return useQuery({
    queryKey: [...reviewsKey, 'list', status],
    queryFn: ({ signal }) => apiGet(`/sanctions/reviews?status=${encodeURIComponent(status)}`, reviewListSchema, { signal }),
    staleTime: 0,
  });
}

export function useReviewCase(id: string) {
  return useQuery({
    queryKey: [...reviewsKey, 'case', id],
    queryFn: ({ signal }) => apiGet(`/sanctions/reviews/${encodeURIComponent(id)}`, reviewCaseSchema, { signal }),
    staleTime: 0,
  });
}

export type Decision = 'clear' | 'confirm';

export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { decision: Decision; note: string }) =>
      apiSend('POST', `/sanctions/reviews/${encodeURIComponent(id)}/decision`, request, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewsKey }),
  });
}
