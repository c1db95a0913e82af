import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, toQueryString } from '@/lib/api-client';
import {
  type AlertSettingsInput,
  alertSettingsSchema,
  type InboxPage,
  inboxPageSchema,
  invitedSchema,
  recommendationListSchema,
  recommendedSupplierListSchema,
  savedNoticeListSchema,
  savedSearchListSchema,
  savedSearchSchema,
} from './schemas';

// The routes of docs/alerts.md (all under /api/v1): inbox, settings, saved searches and
// notices, recommendations for suppliers and for buyers, unsubscribe.

const enc = (id: string | number) => encodeURIComponent(String(id));

export const alertKeys = {
  all: ['alerts'] as const,
  inboxes: ['alerts', 'inbox'] as const,
  inbox: (unreadOnly: boolean) => ['alerts', 'inbox', unreadOnly ? 'unread' : 'all'] as const,
  unread: ['alerts', 'unread-count'] as const,
  settings: ['alerts', 'settings'] as const,
  savedSearches: ['alerts', 'saved-searches'] as const,
  savedNotices: ['alerts', 'saved-notices'] as const,
  recommendations: ['alerts', 'recommendations'] as const,
  suppliers: (noticeId: string | number) => ['alerts', 'recommended-suppliers', String(noticeId)] as const,
};

export const INBOX_PAGE_SIZE = 20;
// The header badge asks again this often, and whenever the window regains focus.
export const UNREAD_POLL_MS = 60_000;

export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: alertKeys.inbox(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      apiGet(
        `/me/inbox${toQueryString({ unread: unreadOnly ? 'true' : undefined, limit: INBOX_PAGE_SIZE, cursor: pageParam })}`,
        inboxPageSchema,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor || undefined,
    staleTime: 0,
  });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.unread,
    queryFn: ({ signal }) => apiGet('/me/inbox?unread=true&limit=1', inboxPageSchema, { signal }).then((page) => page.unread),
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

// Marks alerts read in every cached inbox list at once, so the page does not wait for a refetch.
function markCachedRead(queryClient: QueryClient, ids: ReadonlySet<string> | 'all') {
  const now = new Date().toISOString();
  queryClient.setQueriesData<InfiniteData<InboxPage>>({ queryKey: alertKeys.inboxes }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) =>
              !item.read_at && (ids === 'all' || ids.has(String(item.id))) ? { ...item, read_at: now } : item,
            ),
          })),
        }
      : data,
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | number) => apiSend('POST', `/me/inbox/${enc(id)}/read`),
    onSuccess: (_, id) => {
      markCachedRead(queryClient, new Set([String(id)]));
      void queryClient.invalidateQueries({ queryKey: alertKeys.unread });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/me/inbox/read-all'),
    onSuccess: () => {
      markCachedRead(queryClient, 'all');
      queryClient.setQueryData(alertKeys.unread, 0);
      void queryClient.invalidateQueries({ queryKey: alertKeys.unread });
    },
  });
}

export function useAlertSettings() {
  return useQuery({
    queryKey: alertKeys.settings,
    queryFn: ({ signal }) => apiGet('/me/alert-settings', alertSettingsSchema, { signal }),
    staleTime: 0,
  });
}

export function useSaveAlertSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AlertSettingsInput) => apiSend('PUT', '/me/alert-settings', settings, alertSettingsSchema),
    onSuccess: (stored) => queryClient.setQueryData(alertKeys.settings, stored),
  });
}

export function useSavedSearches(enabled = true) {
  return useQuery({
    queryKey: alertKeys.savedSearches,
    queryFn: ({ signal }) => apiGet('/me/saved-searches', savedSearchListSchema, { signal }).then((body) => body.items),
    enabled,
    staleTime: 0,
  });
}

export function useCreateSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) => apiSend('POST', '/me/saved-searches', body, savedSearchSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.savedSearches }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | number) => apiSend('DELETE', `/me/saved-searches/${enc(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.savedSearches }),
  });
}

export function useSavedNotices(enabled = true) {
  return useQuery({
    queryKey: alertKeys.savedNotices,
    queryFn: ({ signal }) => apiGet('/me/saved-notices', savedNoticeListSchema, { signal }),
    enabled,
    staleTime: 0,
  });
}

// PUT saves, DELETE removes; both are idempotent on the server.
export function useSetNoticeSaved() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ noticeId, saved }: { noticeId: string | number; saved: boolean }) =>
      apiSend(saved ? 'PUT' : 'DELETE', `/me/saved-notices/${enc(noticeId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.savedNotices }),
  });
}

export function useRecommendations(enabled = true) {
  return useQuery({
    queryKey: alertKeys.recommendations,
    queryFn: ({ signal }) => apiGet('/me/recommendations?limit=20', recommendationListSchema, { signal }).then((body) => body.items),
    enabled,
  });
}

export function useRecommendedSuppliers(noticeId: string | number | undefined) {
  return useQuery({
    queryKey: alertKeys.suppliers(noticeId ?? ''),
    queryFn: ({ signal }) =>
      apiGet(`/notices/${enc(noticeId ?? '')}/recommended-suppliers?limit=20`, recommendedSupplierListSchema, { signal }).then(
        (body) => body.items,
      ),
    enabled: noticeId !== undefined,
    staleTime: 0,
  });
}

export function useInviteSuppliers(noticeId: string | number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (supplierIds: Array<string | number>) =>
      apiSend('POST', `/notices/${enc(noticeId)}/invitations`, { supplier_ids: supplierIds }, invitedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.suppliers(noticeId) }),
  });
}

export function useUnsubscribe() {
  return useMutation({ mutationFn: (token: string) => apiSend('POST', '/alerts/unsubscribe', { token }) });
}
