import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileQueryKey, useProfile } from '../../api/account.ts';
import { apiRequest } from '../../api/client.ts';
import { noContentSchema, sessionQueryKey } from '../../api/session.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { TwoStepEnrolment } from '../../components/TwoStepEnrolment.tsx';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.ts';
import { useFormFeedback } from '../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

type Mode = 'view' | 'enrol' | 'replace' | 'disable';

/** 2-step verification: turn it on with an authenticator app (and get recovery codes), or off again (patients only). */
export function TwoStepPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const queryClient = useQueryClient();
  const profileQuery = useProfile();
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<Result | null>(null);
  const profile = profileQuery.data;

  function refreshAccount() {
    void queryClient.invalidateQueries({ queryKey: profileQueryKey });
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey('patient') });
  }

  function finish(result: Result) {
    setMode('view');
    setNotice(result);
  }

  return (
    <ProfilePage title={t('twoStep.title')}>
      <Text>{t('twoStep.intro', { portalName })}</Text>
      {profileQuery.isPending ? (
        <PageLoading />
      ) : profileQuery.isError || !profile ? (
        <LoadErrorAlert
          error={profileQuery.error}
          onRetry={() => void profileQuery.refetch()}
          retrying={profileQuery.isFetching}
        />
      ) : mode === 'enrol' || mode === 'replace' ? (
        <EnrolCard
          portalName={portalName}
          replacing={mode === 'replace'}
          onConfirmed={() => refreshAccount()}
          onFinished={() => finish(mode === 'replace' ? 'replaced' : 'enabled')}
          onCancel={() => setMode('view')}
        />
      ) : mode === 'disable' ? (
        <DisableForm
          onDone={() => {
            refreshAccount();
            finish('disabled');
          }}
          onCancel={() => setMode('view')}
        />
      ) : (
        <>
          {notice && <Notice key={notice} notice={notice} />}
          <ProfileCard title={t('twoStep.statusHeading')}>
            <Group gap="sm">
              <Text>{t('twoStep.status')}</Text>
              <Badge color={profile.twoStepEnabled ? 'green' : 'gray'} variant="light" className="status-badge">
                {profile.twoStepEnabled ? t('twoStep.on') : t('twoStep.off')}
              </Badge>
            </Group>
            <Text size="sm">{profile.twoStepEnabled ? t('twoStep.onExplain') : t('twoStep.offExplain')}</Text>
            <div>
              {!profile.twoStepEnabled ? (
                <Button
                  onClick={() => {
                    setNotice(null);
                    setMode('enrol');
                  }}
                >
                  {t('twoStep.turnOn')}
                </Button>
              ) : (
                <Group gap="sm">
                  <Button
                    variant="default"
                    onClick={() => {
                      setNotice(null);
                      setMode('replace');
                    }}
                  >
                    {t('twoStep.replace')}
                  </Button>
                  {profile.canDisableTwoStep && (
                    <Button
                      variant="default"
                      onClick={() => {
                        setNotice(null);
                        setMode('disable');
                      }}
                    >
                      {t('twoStep.turnOff')}
                    </Button>
                  )}
                </Group>
              )}
            </div>
          </ProfileCard>
        </>
      )}
    </ProfilePage>
  );
}

type Result = 'enabled' | 'replaced' | 'disabled';

interface EnrolCardProps {
  portalName: string;
  replacing: boolean;
  onConfirmed: () => void;
  onFinished: () => void;
  onCancel: () => void;
}

function EnrolCard({ portalName, replacing, onConfirmed, onFinished, onCancel }: EnrolCardProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  // Once the app is confirmed, 2-step is on: there is nothing left to cancel.
  const [confirmed, setConfirmed] = useState(false);
  return (
    <ProfileCard title={t(replacing ? 'twoStep.replaceHeading' : 'twoStep.turnOnHeading')} headingRef={headingRef}>
      <TwoStepEnrolment
        realm="patient"
        portalName={portalName}
        headingOrder={3}
        replacing={replacing}
        onConfirmed={() => {
          setConfirmed(true);
          onConfirmed();
        }}
        onFinished={onFinished}
      />
      {!confirmed && (
        <div>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      )}
    </ProfileCard>
  );
}

function Notice({ notice }: { notice: Result }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light" title={t(`twoStep.notice.${notice}`)}>
      {t(`twoStep.notice.${notice}Body`)}
    </Alert>
  );
}

function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(['password'] as const);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) return feedback.showFieldErrors({ password: t('forms.passwordRequired') });
    setSubmitting(true);
    try {
      await apiRequest('POST', '/account/two-step/disable', noContentSchema, { body: { password } });
      onDone();
    } catch (err) {
      setPassword('');
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <ProfileCard title={t('twoStep.turnOffHeading')} headingRef={headingRef}>
      <FormShell feedback={feedback} onSubmit={handleSubmit} intro={<Text size="sm">{t('twoStep.turnOffIntro')}</Text>}>
        <PasswordField
          label={t('forms.currentPassword')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={feedback.fieldErrors.password}
        />
        <SubmitButtonRow submitting={submitting} color="red" onCancel={onCancel}>
          {t('twoStep.turnOffSubmit')}
        </SubmitButtonRow>
      </FormShell>
    </ProfileCard>
  );
}
