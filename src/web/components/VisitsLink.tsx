import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';

/** The header's way to Visits (a calendar, with the word from a tablet's width up), for a signed-in patient. */
export function VisitsLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  const here = pathname === paths.visits.list || pathname.startsWith(`${paths.visits.list}/`);
  return (
    <Button
      component={Link}
      to={paths.visits.list}
      variant="subtle"
      aria-label={t('visits.headerLink')}
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
        <rect x="3" y="4" width="18" height="18" rx="2" />
        <path d="M16 2v4M8 2v4M3 10h18" />
      </svg>
      <Text component="span" visibleFrom="sm" inherit ml="xs">
        {t('visits.headerLink')}
      </Text>
    </Button>
  );
}
