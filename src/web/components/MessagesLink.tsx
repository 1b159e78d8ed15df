import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';

/** The header's way to Messages (an envelope, with the word from a tablet's width up), for a signed-in patient. */
export function MessagesLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  const here = pathname === paths.messages.list || pathname.startsWith(`${paths.messages.list}/`);
  return (
    <Button
      component={Link}
      to={paths.messages.list}
      variant="subtle"
      aria-label={t('messages.headerLink')}
      aria-current={here ? 'page' : undefined}
      className="messages-link"
    >
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
        <rect x="3" y="5" width="18" height="14" rx="2" />
        <path d="m3 7 9 6 9-6" />
      </svg>
      <Text component="span" visibleFrom="sm" inherit ml="xs">
        {t('messages.headerLink')}
      </Text>
    </Button>
  );
}
