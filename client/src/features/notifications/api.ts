import type {
  NotificationDto,
  NotificationPreferences,
  NotificationPush,
  Page,
  UpdateNotificationPreferencesInput,
} from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useSocketEvent } from '../../app/socket';
import { invalidateLater } from '../workspaces/liveInvalidation';

const key = ['notifications'] as const;

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'unread'],
    queryFn: () => api<{ unreadCount: number }>('/notifications/unread-count'),
    enabled,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => api<Page<NotificationDto>>('/notifications', { query: { limit: 30 } }),
    enabled,
  });
}

/** The server pushes every new notification and every read with the new unread count. */
export function useLiveNotifications() {
  const qc = useQueryClient();
  const onPush = useCallback(
    (push: NotificationPush) => {
      qc.setQueryData([...key, 'unread'], { unreadCount: push.unreadCount });
      // Not tied to a workspace: the notifications are the user's.
      invalidateLater(qc, 'notification', '');
    },
    [qc],
  );
  useSocketEvent('notification', onPush);
}

export function useNotificationActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key });
  return {
    read: useMutation({
      mutationFn: (id: string) =>
        api<NotificationDto>(`/notifications/${id}/read`, { method: 'POST' }),
      onSuccess: done,
    }),
    readAll: useMutation({
      mutationFn: () => api<{ unreadCount: number }>('/notifications/read-all', { method: 'POST' }),
      onSuccess: done,
    }),
  };
}

export function usePreferences() {
  return useQuery({
    queryKey: [...key, 'preferences'],
    queryFn: () => api<NotificationPreferences>('/me/notification-preferences'),
  });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesInput) =>
      api<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body }),
    onSuccess: (p) => qc.setQueryData([...key, 'preferences'], p),
  });
}
