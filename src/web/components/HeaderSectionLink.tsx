import { Button, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';

/**
 * A header link to one of the patient's sections (Health, Visits, Messages): an icon, with the word from a tablet's
 * width up; marked as the current page anywhere in its section. Only for a signed-in patient.
 */
export function HeaderSectionLink({ to, label, icon }: { to: string; label: string; icon: ReactNode }) {
  const { pathname } = useLocation();
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  const here = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Button
      component={Link}
      to={to}
      variant="subtle"
      aria-label={label}
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
        {icon}
      </svg>
      <Text component="span" visibleFrom="sm" inherit ml="xs">
        {label}
      </Text>
    </Button>
  );
}
