import { Anchor, Container, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInSession } from '../../components/RequireSession.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { paths } from '../../paths.ts';
import { PAGE_PERMISSION, useStaffMay } from './staff-access.ts';
import { staffPaths } from './staff-paths.ts';

/** The staff home: who is signed in, in which role, and the way to the work queue and (for roles they are for) the results queue and patient search. */
export function StaffHomePage() {
  const { t } = useTranslation();
  // The staff chunk's own strings (registered before this page renders: staff-pages.ts).
  const { t: tStaff } = useTranslation('staff');
  const session = useSignedInSession();
  const role = session.account.staffRole;
  const may = useStaffMay();
  usePageTitle(t('staffHome.title'));

  return (
    <Container size="lg" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {t('staffHome.welcome', { name: session.account.displayName })}
          </Title>
          <Text c="dimmed" mt="xs">
            {t('staffHome.role', {
              role: role ? t(`staffRoles.${role}`, { defaultValue: role }) : t('staffRoles.unknown'),
            })}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
            <Stack gap="xs">
              <Title order={2} size="h3">
                <Anchor component={Link} to={paths.staff.queue} inherit>
                  {t('staffHome.queue')}
                </Anchor>
              </Title>
              <Text size="sm">{t('staffHome.queueText')}</Text>
            </Stack>
          </Paper>
          {may(PAGE_PERMISSION.results) && (
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
              <Stack gap="xs">
                <Title order={2} size="h3">
                  <Anchor component={Link} to={staffPaths.results} inherit>
                    {tStaff('results.homeTitle')}
                  </Anchor>
                </Title>
                <Text size="sm">{tStaff('results.homeText')}</Text>
              </Stack>
            </Paper>
          )}
          {may(PAGE_PERMISSION.patients) && (
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
              <Stack gap="xs">
                <Title order={2} size="h3">
                  <Anchor component={Link} to={paths.staff.patients} inherit>
                    {t('staffHome.patients')}
                  </Anchor>
                </Title>
                <Text size="sm">{t('staffHome.patientsText')}</Text>
              </Stack>
            </Paper>
          )}
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
