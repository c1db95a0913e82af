import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// Sanctions screening review for centre staff (docs/accounts.md), in the
// shapes of src/http/sanctions_routes.cc. A case pairs one screened subject
// (a supplier, or one of its owners) with the best listed entry.

const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);

// A listed name: kind "primary", "alias" or "original_script", and the list's quality ("Good", "Low").
const listedNameSchema = z.object({ name: z.string(), kind: optionalText, quality: optionalText });
export type ListedName = z.infer<typeof listedNameSchema>;

export const listVersionSchema = z.object({
  id: z.number(),
  date_generated: z.string(),
  generated_at: optionalText,
  sha256: z.string(),
  loaded_at: optionalText,
  individual_count: z.number(),
  entity_count: z.number(),
  entry_count: z.number(),
});
export type ListVersion = z.infer<typeof listVersionSchema>;

const currentListSchema = z.object({ current: listVersionSchema.nullable() }).transform((body) => body.current);

export const reviewSummarySchema = z.object({
  id: idSchema,
  status: z.string(),
  screening_decision: optionalText,
  score: z.number().nullish(),
  subject: z.object({ kind: z.string(), id: z.string() }).nullish(),
  supplier: z.object({ id: idSchema, name: z.string() }),
  entry: z
    .object({ id: z.string().nullish(), name: z.string(), reference: optionalText, list: optionalText })
    .nullish(),
  list_version: optionalText,
  list_sha256: optionalText,
  created_at: optionalText,
  decided_at: optionalText,
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

const reviewListSchema = z.object({ items: z.array(reviewSummarySchema), next_cursor: z.string().nullish() });

const entrySchema = z.object({
  id: z.string().nullish(),
  reference: optionalText,
  list: optionalText,
  type: optionalText,
  listed_on: optionalText,
  names: list(listedNameSchema),
  countries: list(z.string()),
  nationalities: list(z.string()),
  address_countries: list(z.string()),
  comments: optionalText,
});
export type ListedEntry = z.infer<typeof entrySchema>;

export const reviewCaseSchema = reviewSummarySchema.extend({
  supplier: z.object({
    id: idSchema,
    name: z.string(),
    names: list(z.string()),
    country: optionalText,
  }),
  entry: entrySchema.nullish(),
  matches: list(z.object({ supplier_name: z.string(), entry_name: z.string(), entry_id: z.string().nullish(), score: z.number() })),
  candidates: list(z.object({ entry: entrySchema, score: z.number() })),
  screening: z
    .object({ id: z.number().nullish(), decision: optionalText, reason: optionalText, at: optionalText })
    .nullish(),
  decision: z
    .object({ decision: z.string(), note: optionalText, decided_by: z.string().nullish(), decided_at: optionalText })
    .nullish(),
});
export type ReviewCase = z.infer<typeof reviewCaseSchema>;

const reviewsKey = ['sanctions', 'reviews'] as const;

export function useCurrentList() {
  return useQuery({
    queryKey: ['sanctions', 'list'],
    queryFn: ({ signal }) => apiGet('/sanctions/list', currentListSchema, { signal }),
  });
}

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
      apiSend('POST', `/sanctions/reviews/${encodeURIComponent(id)}/decision`, request, reviewCaseSchema),
    onSuccess: (decided) => {
      queryClient.setQueryData([...reviewsKey, 'case', id], decided);
      return queryClient.invalidateQueries({ queryKey: [...reviewsKey, 'list'] });
    },
  });
}
