import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, toQueryString } from '@/lib/api-client';
import { type NoticeFilters, type NoticePage, noticePageSchema } from '../types/notice';

export const NOTICES_PAGE_SIZE = 20;

export function noticesQueryString(filters: NoticeFilters, cursor: string | undefined): string {
  return toQueryString({
    buyer: filters.buyer,
    type: filters.type,
    country: filters.country,
    unspsc: filters.unspsc,
    status: filters.status,
    open: filters.open ? 'true' : undefined,
    published_from: filters.publishedFrom,
    published_to: filters.publishedTo,
    deadline_from: filters.deadlineFrom,
    deadline_to: filters.deadlineTo,
    order: filters.order,
    limit: NOTICES_PAGE_SIZE,
    cursor,
  });
}

export function getNotices(
  filters: NoticeFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<NoticePage> {
  return apiGet(`/notices${noticesQueryString(filters, cursor)}`, noticePageSchema, { signal });
}

export function useNotices(filters: NoticeFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['notices', 'list', filters, cursor ?? null],
    queryFn: ({ signal }) => getNotices(filters, cursor, signal),
    // Keep the previous page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
