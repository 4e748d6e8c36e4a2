import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type Notification = Schemas['NotificationRead'];
export type NotificationKind = Schemas['NotificationKind'];

export interface NotificationFilters {
  unread?: boolean;
  kind?: NotificationKind;
}

/** The bell polls once a minute; a new 交办 or 督办 shows up without a reload. */
export const POLL_MS = 60_000;
export const LATEST = 8;

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: LATEST } } })),
    enabled,
    staleTime: 0,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['notifications'] });
}

export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onSuccess: invalidate,
  });
}

/** 消息中心: all of the caller's notifications, filtered, a page at a time (加载更多). */
export function useNotificationList(filters: NotificationFilters) {
  return useCursorList<Notification>(['notifications', 'list', filters], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/notifications', {
        params: {
          query: {
            limit: PAGE_SIZE,
            cursor,
            include_total: includeTotal,
            unread: filters.unread,
            kind: filters.kind ? [filters.kind] : undefined,
          },
        },
      }),
    ),
  );
}
