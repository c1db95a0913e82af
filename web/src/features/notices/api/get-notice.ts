import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { type NoticeDetail, noticeDetailSchema } from '../types/notice';

export function getNotice(id: string, signal?: AbortSignal): Promise<NoticeDetail> {
  return apiGet(`/notices/${encodeURIComponent(id)}`, noticeDetailSchema, { signal });
}

export function useNotice(id: string) {
  return useQuery({
    queryKey: ['notices', 'detail', id],
    queryFn: ({ signal }) => getNotice(id, signal),
  });
}
