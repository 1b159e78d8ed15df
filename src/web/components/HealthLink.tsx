import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';

/** The header's way to Health (a heart, with the word from a tablet's width up), for a signed-in patient. */
export function HealthLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  const here = pathname === paths.health.overview || pathname.startsWith(`${paths.health.overview}/`);
  return (
    <Button
      component={Link}
      to={paths.health.overview}
      variant="subtle"
      aria-label={t('health.headerLink')}
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
        <path d="M19 14c1.49-1.46 3-3.21 3-5.5A5.5 5.5 0 0 0 16.5 3c-1.76 0-3 .5-4.5 2-1.5-1.5-2.74-2-4.5-2A5.5 5.5 0 0 0 2 8.5c0 2.3 1.5 4.05 3 5.5l7 7Z" />
      </svg>
      <Text component="span" visibleFrom="sm" inherit ml="xs">
        {t('health.headerLink')}
      </Text>
    </Button>
  );
}
