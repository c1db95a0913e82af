import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, toQueryString } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// GET /api/v1/directory/suppliers?q=&code=&country=&size=&women_owned=&certificate=&level=
// (officers and staff), src/http/directory_routes.cc: {items, total, facets,
// next_cursor}; facets are lists of {value, count} per filter, largest first.

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);
const optionalText = z.string().nullish().transform((value) => value ?? undefined);

export const directoryEntrySchema = z.object({
  id: idSchema,
  legal_name: z.string(),
  legal_name_latin: optionalText,
  country: optionalText,
  size: optionalText,
  women_owned: z.boolean().nullish(),
  // "none", "basic", "level_1" or "level_2"
  readiness_level: optionalText,
  state: optionalText,
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

const facetValueSchema = z.object({ value: z.union([z.string(), z.number(), z.boolean()]).transform(String), count: z.number() });
export type FacetValue = z.infer<typeof facetValueSchema>;

export const DIRECTORY_LEVELS = ['none', 'basic', 'level_1', 'level_2'] as const;

export const DIRECTORY_FACETS = ['country', 'size', 'women_owned', 'certificate', 'level'] as const;
export type DirectoryFacet = (typeof DIRECTORY_FACETS)[number];

export const directoryResponseSchema = z.object({
  items: z.array(directoryEntrySchema),
  total: z.number().nullish(),
  facets: z
    .object({
      country: list(facetValueSchema),
      size: list(facetValueSchema),
      women_owned: list(facetValueSchema),
      certificate: list(facetValueSchema),
      level: list(facetValueSchema),
    })
    .partial()
    .nullish(),
  next_cursor: optionalText,
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;

export interface DirectoryFilters {
  q: string;
  code: string;
  country: string;
  size: string;
  women_owned: string;
  certificate: string;
  level: string;
  cursor: string;
}

export const DIRECTORY_PARAMS = ['q', 'code', 'country', 'size', 'women_owned', 'certificate', 'level', 'cursor'] as const;

export function directoryQueryString(filters: DirectoryFilters): string {
  return toQueryString({ ...filters, q: filters.q.trim() });
}

export function useDirectory(filters: DirectoryFilters) {
  const query = directoryQueryString(filters);
  return useQuery({
    queryKey: ['directory', 'suppliers', query],
    queryFn: ({ signal }) => apiGet(`/directory/suppliers${query}`, directoryResponseSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}
