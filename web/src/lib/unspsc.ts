import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, toQueryString } from '@/lib/api-client';

// UNSPSC look-ups shared by the supplier profile and the directory
// (GET /api/v1/unspsc?prefix=&lang=&limit= and ?codes=, docs/api.md).

export const unspscEntrySchema = z.object({
  code: z.string(),
  level: z.string(),
  titles: z.record(z.string(), z.string()),
  parent: z.string().nullish(),
});
export type UnspscEntry = z.infer<typeof unspscEntrySchema>;

const unspscListSchema = z.object({ items: z.array(unspscEntrySchema) });

// The catalogue has titles in these languages; other UI languages search English titles.
const TITLE_LANGUAGES = ['en', 'fr', 'es', 'zh'];
export const unspscSearchLanguage = (language: string) => (TITLE_LANGUAGES.includes(language) ? language : 'en');

export const UNSPSC_CODE = /^(?:\d{2}){1,4}$/;
export const UNSPSC_SEARCH_LIMIT = 10;

export function useUnspscSearch(text: string, language: string) {
  const trimmed = text.trim();
  const byCode = UNSPSC_CODE.test(trimmed);
  const lang = unspscSearchLanguage(language);
  return useQuery({
    queryKey: ['unspsc', 'find', lang, trimmed],
    queryFn: ({ signal }) =>
      apiGet(
        `/unspsc${byCode ? toQueryString({ codes: trimmed }) : toQueryString({ prefix: trimmed, lang, limit: UNSPSC_SEARCH_LIMIT })}`,
        unspscListSchema,
        { signal },
      ).then((body) => body.items),
    enabled: [...trimmed].length >= 2,
    staleTime: 60 * 60_000,
  });
}

export function useUnspscEntries(codes: readonly string[]) {
  const unique = [...new Set(codes.filter((code) => UNSPSC_CODE.test(code)))].sort().slice(0, 200);
  return useQuery({
    queryKey: ['unspsc', 'codes', unique],
    queryFn: ({ signal }) =>
      apiGet(`/unspsc?codes=${unique.join(',')}`, unspscListSchema, { signal }).then(
        (body) => new Map(body.items.map((entry) => [entry.code, entry])),
      ),
    enabled: unique.length > 0,
    staleTime: 60 * 60_000,
  });
}

export function unspscTitle(entry: UnspscEntry | undefined, language: string): string | undefined {
  if (!entry) return undefined;
  return entry.titles[language] ?? entry.titles.en ?? Object.values(entry.titles)[0];
}
