import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { type UnspscEntry, unspscListSchema } from '../types/notice';

// One batch request for all the codes on screen (GET /unspsc?codes=a,b,c).
export async function getUnspscCodes(
  codes: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, UnspscEntry>> {
  const body = await apiGet(
    `/unspsc?codes=${codes.map(encodeURIComponent).join(',')}`,
    unspscListSchema,
    { signal },
  );
  return new Map(body.items.map((entry) => [entry.code, entry]));
}

// The server takes up to 200 codes of 2, 4, 6 or 8 digits and refuses the
// whole batch for one bad code, so odd codes from imported data are left out
// here (they still show, without a title).
const MAX_BATCH = 200;
const VALID_CODE = /^(?:\d{2}){1,4}$/;

export function useUnspscCodes(codes: readonly string[]) {
  const unique = [...new Set(codes.filter((code) => VALID_CODE.test(code)))].sort().slice(0, MAX_BATCH);
  return useQuery({
    queryKey: ['unspsc', 'codes', unique],
    queryFn: ({ signal }) => getUnspscCodes(unique, signal),
    enabled: unique.length > 0,
    staleTime: 60 * 60_000, // the catalogue changes with imports only
  });
}

// The title in the UI language, else English, else any title there is.
export function unspscTitle(entry: UnspscEntry | undefined, language: string): string | undefined {
  if (!entry) return undefined;
  return entry.titles[language] ?? entry.titles.en ?? Object.values(entry.titles)[0];
}
