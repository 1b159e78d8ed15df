import { Anchor, Container, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { PAGE_PERMISSION, useStaffMay } from './staff-access.ts';
import { staffPaths } from './staff-paths.ts';

/** A staff work page: the staff sections (admin only for admins), one h1 that is also the document title. */
export function StaffFrame({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation('staff');
  const may = useStaffMay();
  usePageTitle(title);
  const links = [
    { to: staffPaths.queue, label: t('nav.queue') },
    ...(may(PAGE_PERMISSION.results) ? [{ to: staffPaths.results, label: t('nav.results') }] : []),
    ...(may(PAGE_PERMISSION.schedule) ? [{ to: staffPaths.schedule, label: t('nav.schedule') }] : []),
    ...(may(PAGE_PERMISSION.patients) ? [{ to: staffPaths.patients, label: t('nav.patients') }] : []),
    ...(may(PAGE_PERMISSION.admin) ? [{ to: staffPaths.admin, label: t('nav.admin') }] : []),
  ];
  return (
    <Container size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <nav aria-label={t('nav.label')} className="staff-nav">
          <Group gap="lg" wrap="wrap">
            {links.map((l) => (
              <Anchor key={l.to} component={NavLink} to={l.to} fw={600} className="staff-nav-link">
                {l.label}
              </Anchor>
            ))}
          </Group>
        </nav>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Title order={1} size="h2">
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Container>
  );
}
