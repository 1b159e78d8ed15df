import { Anchor, Box, Container, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { PageLoadError, PageLoading } from '../components/PageStatus.tsx';
import { PasswordSignInForm } from '../components/PasswordSignInForm.tsx';
import { SecondFactorForm } from '../components/SecondFactorForm.tsx';
import { SignedOutNote } from '../components/SignedOutNote.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths, safeReturnPath } from '../paths.ts';
import { signedOutNoticeOf } from '../session/session-state.ts';
import { abandonSignIn, type SignInLocationState } from '../session/use-sign-out.ts';

/**
 * What the portal offers today, from the FAQ's "What is <portal>?" list; shown beside the form. Only what exists:
 * results, visits and billing join the list when their pages land.
 */
const featureKeys = ['records', 'instructions', 'messages', 'proxy'] as const;

/**
 * The front door: username and password, then the code from the authenticator app when 2-step
 * verification is on. A signed-in patient goes on to the page they wanted, or home.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { portalName, organisationName } = usePortalConfig();
  const location = useLocation();
  const queryClient = useQueryClient();
  const sessionQuery = useSession('patient');
  const state = (location.state ?? {}) as SignInLocationState;
  // Read once: signing in clears the notice, but this visit's return path still follows it.
  const [signedOut] = useState(() => signedOutNoticeOf('patient'));
  // After a deliberate sign-out the next person starts at home, not on the page the last one left.
  const returnPath = signedOut === 'signedOut' || signedOut === 'everywhere' ? undefined : state.from;
  usePageTitle(t('signIn.title'));

  const session = sessionQuery.data;
  if (session?.stage === 'full') return <Navigate to={safeReturnPath(returnPath, paths.home)} replace />;
  if (sessionQuery.isPending) return <PageLoading />;
  if (sessionQuery.isError)
    return <PageLoadError onRetry={() => void sessionQuery.refetch()} retrying={sessionQuery.isFetching} />;

  return (
    <Container size="lg" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing={{ base: 'xl', md: 64 }}>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs" className="sign-in-card">
          <Stack gap="lg">
            <Box>
              <Title order={1} size="h2">
                {t('signIn.heading', { portalName })}
              </Title>
              <Text c="dimmed" mt="xs">
                {t('signIn.intro', { organisationName })}
              </Text>
            </Box>

            {session?.stage === 'second_factor' ? (
              <SecondFactorForm
                realm="patient"
                onSignedIn={() => undefined}
                onCancel={() => void abandonSignIn(queryClient, 'patient')}
              />
            ) : (
              <>
                <SignedOutNote reason={signedOut} />
                <PasswordSignInForm realm="patient" />
                <Stack gap={6}>
                  <Anchor component={Link} to={paths.accountRecovery} size="sm">
                    {t('signIn.forgot')}
                  </Anchor>
                  <Text size="sm">
                    {t('signIn.newHere', { portalName })}{' '}
                    <Anchor component={Link} to={paths.signUp} inherit>
                      {t('signIn.signUp')}
                    </Anchor>
                  </Text>
                  <Text size="sm">
                    {t('signIn.noCode')}{' '}
                    <Anchor component={Link} to={paths.activationCode} inherit>
                      {t('signIn.requestCode')}
                    </Anchor>
                  </Text>
                </Stack>
              </>
            )}
          </Stack>
        </Paper>

        <Box className="sign-in-features">
          <Title order={2} size="h3">
            {t('signIn.featuresHeading', { portalName })}
          </Title>
          <List spacing="sm" mt="md" className="feature-list">
            {featureKeys.map((key) => (
              <List.Item key={key}>{t(`signIn.features.${key}`, { organisationName })}</List.Item>
            ))}
          </List>
        </Box>
      </SimpleGrid>
    </Container>
  );
}
