import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  notificationInboxSchema,
  notificationSettingsSchema,
  type NotificationInbox,
  type UpdateNotificationSettings,
} from '../../shared/notifications.ts';
import { apiGet, apiRequest } from './client.ts';
import { noContentSchema } from './session.ts';

/** The notification calls of the signed-in patient (src/shared/notifications.ts lists the routes). */
export const notificationKeys = {
  settings: ['account', 'notification-settings'] as const,
  inbox: ['account', 'notifications'] as const,
};

/** How often the bell asks for news while the page is open. */
const INBOX_POLL_MS = 60_000;

/** Where notifications go (the contacts on file, verified or not) and one row per event with its channels. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationKeys.settings,
    queryFn: ({ signal }) => apiGet('/account/notification-settings', notificationSettingsSchema, signal),
  });
}

/** Saves the channels of the events a person chooses for; the reply is the settings as stored. */
export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationSettings) =>
      apiRequest('PUT', '/account/notification-settings', notificationSettingsSchema, { body }),
    onSuccess: (settings) => queryClient.setQueryData(notificationKeys.settings, settings),
  });
}

/**
 * The bell: unread count and the newest items. Asked again every minute and when the window regains focus;
 * the server does not count these reads as activity, so an open tab does not keep a session alive.
 */
export function useNotificationInbox(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.inbox,
    queryFn: ({ signal }) =>
      apiRequest('GET', '/account/notifications?limit=50', notificationInboxSchema, { signal, background: true }),
    enabled,
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** Marks one item read (or all, with `'all'`); the bell's count drops at once and is then checked with the server. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      apiRequest(
        'POST',
        id === 'all' ? '/account/notifications/read-all' : `/account/notifications/${encodeURIComponent(id)}/read`,
        noContentSchema,
      ),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.inbox });
      queryClient.setQueryData<NotificationInbox>(
        notificationKeys.inbox,
        (inbox) => inbox && markRead(inbox, id, new Date().toISOString()),
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.inbox }),
  });
}

/** The inbox as it will be once the item (or every item) is read. */
function markRead(inbox: NotificationInbox, id: string | 'all', at: string): NotificationInbox {
  const items = inbox.items.map((item) =>
    item.readAt === null && (id === 'all' || item.id === id) ? { ...item, readAt: at } : item,
  );
  const newlyRead = items.filter((item, i) => item.readAt !== inbox.items[i]!.readAt).length;
  return { unread: id === 'all' ? 0 : Math.max(0, inbox.unread - newlyRead), items };
}
