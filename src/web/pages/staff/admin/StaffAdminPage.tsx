import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInSession } from '../../../components/RequireSession.tsx';
import { ListState } from '../ListState.tsx';
import { useStaffMay } from '../staff-access.ts';
import { staffPaths } from '../staff-paths.ts';
import { StaffFrame } from '../StaffFrame.tsx';
import { useStaffAccounts } from '../staff-api.ts';
import { CreateStaffForm } from './CreateStaffForm.tsx';
import { DeliveriesSection } from './DeliveriesSection.tsx';
import { EducationTopicsSection } from './EducationTopicsSection.tsx';
import { ChangeOrganisations, OrganisationsCell } from './StaffOrganisations.tsx';
import { ControlNoticeAlert, StaffAccountControls, type ControlNotice } from './StaffAccountControls.tsx';

/**
 * Staff accounts for admins: who has access in which role, whether 2-step is set up and the account is enabled;
 * reset a colleague's password or 2-step, disable or enable them; add a colleague; the outbox's deliveries; the
 * education topics health issues link to; the way to providers' schedules.
 */
export function StaffAdminPage() {
  const { t } = useTranslation('staff');
  const accounts = useStaffAccounts();
  const list = accounts.data?.accounts ?? [];
  const me = useSignedInSession().account.id;
  const may = useStaffMay();
  const [notice, setNotice] = useState<{ n: number; notice: ControlNotice } | null>(null);
  return (
    <StaffFrame title={t('admin.title')}>
      <Stack gap="xl">
        <section>
          <Title order={2} size="h3" id="staff-list-heading" mb="sm">
            {t('admin.listHeading')}
          </Title>
          {notice && (
            <Stack mb="sm">
              <ControlNoticeAlert key={notice.n} notice={notice.notice} onDone={() => setNotice(null)} />
            </Stack>
          )}
          <ListState
            isPending={accounts.isPending}
            error={accounts.error}
            isEmpty={list.length === 0}
            empty={t('admin.empty')}
            onRetry={() => void accounts.refetch()}
          >
            <Table.ScrollContainer
              minWidth={1000}
              type="native"
              tabIndex={0}
              role="region"
              aria-labelledby="staff-list-heading"
            >
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.name')}</Table.Th>
                    <Table.Th scope="col">{t('admin.username')}</Table.Th>
                    <Table.Th scope="col">{t('admin.role')}</Table.Th>
                    <Table.Th scope="col">{t('admin.twoStep')}</Table.Th>
                    <Table.Th scope="col">{t('admin.organisations')}</Table.Th>
                    <Table.Th scope="col">{t('admin.account')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Th scope="row" fw={600}>
                        {a.displayName}
                      </Table.Th>
                      <Table.Td>{a.username}</Table.Td>
                      <Table.Td>{a.role ? t(`roles.${a.role}`, { defaultValue: a.role }) : '—'}</Table.Td>
                      <Table.Td>
                        <Badge color="dark" variant={a.twoStepEnabled ? 'outline' : 'light'}>
                          {a.twoStepEnabled ? t('admin.twoStepOn') : t('admin.twoStepPending')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={6} align="flex-start">
                          <Text size="sm">
                            <OrganisationsCell account={a} />
                          </Text>
                          <ChangeOrganisations account={a} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={6} align="flex-start">
                          <Badge color={a.status === 'active' ? 'dark' : 'red.9'} variant="outline">
                            {a.status === 'active' ? t('admin.enabled') : t('admin.disabled')}
                          </Badge>
                          {a.mustChangePassword && <Text size="sm">{t('admin.oneTimePasswordPending')}</Text>}
                          <StaffAccountControls
                            account={a}
                            isOwn={a.id === me}
                            onNotice={(next) => setNotice((prev) => ({ n: (prev?.n ?? 0) + 1, notice: next }))}
                          />
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </ListState>
        </section>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <CreateStaffForm />
        </Paper>
        {may('schedule.manage') && (
          <section aria-labelledby="schedules-link-heading">
            <Title order={2} size="h3" id="schedules-link-heading" mb="xs">
              {t('schedules.linkHeading')}
            </Title>
            <Text mb="xs">{t('schedules.linkIntro')}</Text>
            <Anchor component={Link} to={staffPaths.adminSchedules} fw={600}>
              {t('schedules.link')}
            </Anchor>
          </section>
        )}
        <DeliveriesSection />
        <EducationTopicsSection />
      </Stack>
    </StaffFrame>
  );
}
