import { Alert, Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/identity.ts';
import { sessionQueryKey, storeSession, useSession } from '../../api/session.ts';
import { PageLoadError, PageLoading } from '../../components/PageStatus.tsx';
import { PasswordSignInForm } from '../../components/PasswordSignInForm.tsx';
import { SecondFactorForm } from '../../components/SecondFactorForm.tsx';
import { SignedOutNote } from '../../components/SignedOutNote.tsx';
import { TwoStepEnrolment } from '../../components/TwoStepEnrolment.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import { signedOutNoticeOf } from '../../session/session-state.ts';
import { abandonSignIn, type SignInLocationState } from '../../session/use-sign-out.ts';
import { StaffNewPasswordForm } from './StaffNewPasswordForm.tsx';

/**
 * The staff sign-in page, separate from the patients' (its own session). Staff must use 2-step
 * verification: someone who has not set it up enrols an authenticator app before anything else. Someone
 * who signed in with a one-time password an administrator gave chooses their own password last.
 */
export function StaffSignInPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const location = useLocation();
  const queryClient = useQueryClient();
  const sessionQuery = useSession('staff');
  const state = (location.state ?? {}) as SignInLocationState;
  // Read once: signing in clears the notice, but this visit's return path still follows it.
  const [signedOut] = useState(() => signedOutNoticeOf('staff'));
  // After a deliberate sign-out the next person starts at home, not on the page the last one left.
  const returnPath = signedOut === 'signedOut' || signedOut === 'everywhere' ? undefined : state.from;
  // After enrolment the session is complete, but the recovery codes are shown before moving on.
  const [enrolledSession, setEnrolledSession] = useState<SessionInfo | null>(null);
  usePageTitle(t('staffSignIn.title'));

  const session = sessionQuery.data;
  if (session?.stage === 'full' && !session.mustChangePassword && !enrolledSession)
    return <Navigate to={safeReturnPath(returnPath, paths.staff.home)} replace />;
  if (sessionQuery.isPending) return <PageLoading />;
  if (sessionQuery.isError)
    return <PageLoadError onRetry={() => void sessionQuery.refetch()} retrying={sessionQuery.isFetching} />;

  function handleEnrolmentFinished() {
    if (enrolledSession) storeSession(queryClient, enrolledSession);
    else void queryClient.invalidateQueries({ queryKey: sessionQueryKey('staff') });
    setEnrolledSession(null);
  }

  let step;
  if (session?.stage === 'full' && session.mustChangePassword && !enrolledSession) {
    step = <StaffNewPasswordForm onCancel={() => void abandonSignIn(queryClient, 'staff')} />;
  } else if (session?.stage === 'second_factor' && (session.mustEnrolSecondFactor || enrolledSession)) {
    step = (
      <Stack gap="md">
        <Alert color="lantern" variant="light" title={t('staffSignIn.enrolTitle')}>
          {t('staffSignIn.enrolIntro')}
        </Alert>
        <TwoStepEnrolment
          realm="staff"
          portalName={portalName}
          onConfirmed={(next) => setEnrolledSession(next)}
          onFinished={handleEnrolmentFinished}
        />
      </Stack>
    );
  } else if (session?.stage === 'second_factor') {
    step = (
      <SecondFactorForm
        realm="staff"
        onSignedIn={() => undefined}
        onCancel={() => void abandonSignIn(queryClient, 'staff')}
      />
    );
  } else {
    step = (
      <>
        <SignedOutNote reason={signedOut} />
        <PasswordSignInForm realm="staff" />
        <Text size="sm" c="dimmed">
          {t('staffSignIn.help')}
        </Text>
      </>
    );
  }

  return (
    <Container size="sm" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs" className="staff-card">
        <Stack gap="lg">
          <Box>
            <Text size="sm" fw={700} c="lantern.8" tt="uppercase" className="staff-eyebrow">
              {t('staffSignIn.eyebrow')}
            </Text>
            <Title order={1} size="h2">
              {t('staffSignIn.heading', { portalName })}
            </Title>
            <Text c="dimmed" mt="xs">
              {t('staffSignIn.intro')}
            </Text>
          </Box>
          {step}
        </Stack>
      </Paper>
    </Container>
  );
}
