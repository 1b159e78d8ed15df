import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useNotificationInbox } from '../api/notifications.ts';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';

/**
 * The header's bell for a signed-in patient: a link to the notifications page whose name says how many are unread
 * ("Notifications, 2 unread"), with the count as a badge. The inbox is asked every minute and on window focus;
 * those reads do not keep the session alive.
 */
export function NotificationBell() {
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  return <BellLink />;
}

function BellLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const unread = useNotificationInbox().data?.unread ?? 0;
  const label = unread > 0 ? t('notifications.bell.labelUnread', { count: unread }) : t('notifications.bell.label');
  return (
    <Button
      component={Link}
      to={paths.notifications}
      variant="subtle"
      aria-label={label}
      aria-current={pathname === paths.notifications ? 'page' : undefined}
      className="notification-bell"
    >
      <BellIcon />
      <Text component="span" visibleFrom="sm" inherit className="notification-bell-text">
        {t('notifications.bell.short')}
      </Text>
      {/* The count is drawn from data-count (CSS), so the visible text stays the start of the link's name. */}
      {unread > 0 && (
        <span className="notification-bell-count" data-count={unread > 99 ? '99+' : String(unread)} aria-hidden />
      )}
    </Button>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden
      focusable="false"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
