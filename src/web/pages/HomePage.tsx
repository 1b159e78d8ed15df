import { Anchor, Container, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInSession } from '../components/RequireSession.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

/** The signed-in patient's home. Health, visits and messages arrive with later issues; for now a welcome and the account links. */
export function HomePage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const session = useSignedInSession();
  usePageTitle(t('home.title'));

  return (
    <Container size="lg" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('home.welcome', { name: session.account.displayName })}
        </Title>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('home.comingHeading')}
            </Title>
            <Text>{t('home.coming', { portalName })}</Text>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('home.accountHeading')}
            </Title>
            <List spacing="xs">
              <List.Item>
                <Anchor component={Link} to={paths.profile.contact}>
                  {t('profile.nav.contact')}
                </Anchor>
              </List.Item>
              <List.Item>
                <Anchor component={Link} to={paths.profile.security}>
                  {t('profile.nav.security')}
                </Anchor>
              </List.Item>
              <List.Item>
                <Anchor component={Link} to={paths.profile.twoStep}>
                  {t('profile.nav.twoStep')}
                </Anchor>
              </List.Item>
              <List.Item>
                <Anchor component={Link} to={paths.profile.activity}>
                  {t('profile.nav.activity')}
                </Anchor>
              </List.Item>
            </List>
            {!session.account.twoStepEnabled && <Text size="sm">{t('home.twoStepTip')}</Text>}
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
