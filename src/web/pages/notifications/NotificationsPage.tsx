import { Anchor, Badge, Button, Container, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationItem } from '../../../shared/notifications.ts';
import { useMarkNotificationsRead, useNotificationInbox } from '../../api/notifications.ts';
import { useRecords } from '../../api/proxy.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { useSignedInSession } from '../../components/RequireSession.tsx';
import { formatMoment } from '../../format.ts';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { eventText } from './event-text.ts';

/**
 * What the bell leads to: the notifications of the signed-in account, newest first, each saying what kind of news
 * is waiting (never the news itself), when, whether it is unread and, for a record the account sees as a proxy,
 * whose record it is about. Opening an item marks it read and goes where the news is.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const inbox = useNotificationInbox();
  const markRead = useMarkNotificationsRead();
  const [allReadCount, setAllReadCount] = useState(0);
  usePageTitle(t('notifications.title'));

  function handleMarkAllRead() {
    markRead.mutate('all', { onSuccess: () => setAllReadCount((n) => n + 1) });
  }

  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('notifications.title')}
        </Title>
        <Text>{t('notifications.intro', { portalName })}</Text>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Anchor component={Link} to={paths.profile.notifications}>
            {t('notifications.settingsLink')}
          </Anchor>
          {inbox.data && inbox.data.unread > 0 && (
            <Button
              variant="light"
              onClick={handleMarkAllRead}
              loading={markRead.isPending && markRead.variables === 'all'}
            >
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        {allReadCount > 0 && inbox.data?.unread === 0 && (
          <ChangeNotice key={allReadCount}>{t('notifications.allReadNotice')}</ChangeNotice>
        )}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
          {inbox.isPending ? (
            <PageLoading />
          ) : inbox.isError ? (
            <LoadErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} retrying={inbox.isFetching} />
          ) : inbox.data.items.length === 0 ? (
            <Text c="dimmed">{t('notifications.empty')}</Text>
          ) : (
            <ul className="activity-list" aria-label={t('notifications.listLabel')}>
              {inbox.data.items.map((item) => (
                <NotificationRow key={item.id} item={item} onOpen={(id) => markRead.mutate(id)} />
              ))}
            </ul>
          )}
        </Paper>
      </Stack>
    </Container>
  );
}

/** One item: its title is the link; following it marks the item read (the link still works if that fails). */
function NotificationRow({ item, onOpen }: { item: NotificationItem; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const { title, description } = eventText(t, item.type);
  const recordName = useRecordName(item.patientId);
  const unread = item.readAt === null;
  const { patientId, ownPatientId, switchTo } = useRecordInView();
  // News about a record (a reply in a child's conversations) opens in that record: switch to it first.
  const target = item.patientId ?? (item.type.startsWith('message.') ? ownPatientId : null);

  function handleOpen() {
    if (target && target !== patientId) switchTo(target);
    if (unread) onOpen(item.id);
  }
  return (
    <li className={unread ? 'activity-item notification-item notification-unread' : 'activity-item notification-item'}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={2} className="notification-text">
          <Anchor component={Link} to={item.link} onClick={handleOpen} fw={unread ? 700 : 500}>
            {title}
            {unread && <VisuallyHidden> {t('notifications.unreadHidden')}</VisuallyHidden>}
          </Anchor>
          <Text size="sm">{description}</Text>
          {recordName && <Text size="sm">{recordName}</Text>}
          <Text size="sm" c="dimmed">
            <time dateTime={item.createdAt}>{formatMoment(item.createdAt, i18n.language, timeZone)}</time>
          </Text>
        </Stack>
        {unread && (
          <Badge color="lantern" variant="filled" className="status-badge notification-new" aria-hidden>
            {t('notifications.unread')}
          </Badge>
        )}
      </Group>
    </li>
  );
}

/** "In Sherron Kutch's record" for an item about a record other than the account's own; nothing for the own record or the account. */
function useRecordName(patientId: string | null): string | null {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const records = useRecords(patientId !== null && patientId !== session.account.patientId).data?.records;
  if (patientId === null || patientId === session.account.patientId || !records) return null;
  const record = records?.find((r) => r.patientId === patientId);
  return record ? t('notifications.inRecord', { name: record.displayName }) : t('notifications.inOtherRecord');
}
