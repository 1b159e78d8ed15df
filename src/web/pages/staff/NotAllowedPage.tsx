import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StaffFrame } from './StaffFrame.tsx';
import { PAGE_PERMISSION, useStaffMay, type StaffPage } from './staff-access.ts';
import { staffPaths } from './staff-paths.ts';

/** A staff page for the roles that hold its permission (staff-access.ts); anyone else gets one "not allowed" page. */
export function ForRoles({ page, children }: { page: StaffPage; children: ReactNode }) {
  const may = useStaffMay();
  return may(PAGE_PERMISSION[page]) ? <>{children}</> : <NotAllowedPage />;
}

/** Said once, in words, instead of a page whose every part fails: what this is, and where to go instead. */
export function NotAllowedPage() {
  const { t } = useTranslation('staff');
  return (
    <StaffFrame title={t('notAllowed.title')}>
      <Text>{t('notAllowed.body')}</Text>
      <Anchor component={Link} to={staffPaths.queue}>
        {t('notAllowed.back')}
      </Anchor>
    </StaffFrame>
  );
}
