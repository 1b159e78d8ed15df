import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionInfoSchema, type SessionInfo } from '../../shared/identity.ts';
import { apiRequest } from '../api/client.ts';
import { realmRoutes, storeSession } from '../api/session.ts';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';
import { useFormFeedback } from '../hooks/use-form-feedback.ts';
import type { Realm } from '../session/session-state.ts';
import { FormShell } from './FormShell.tsx';
import { isSixDigitCode, OneTimeCodeField } from './OneTimeCodeField.tsx';

const fields = ['code', 'recoveryCode'] as const;

interface SecondFactorFormProps {
  realm: Realm;
  /** Called with the full session once the code was accepted. */
  onSignedIn: (info: SessionInfo) => void;
  onCancel: () => void;
}

/** The second sign-in step: the 6-digit code from the authenticator app, or instead one of the recovery codes. */
export function SecondFactorForm({ realm, onSignedIn, onCancel }: SecondFactorFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(fields);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (useRecoveryCode ? !recoveryCode.trim() : !isSixDigitCode(code)) {
      feedback.showFieldErrors(
        useRecoveryCode
          ? { recoveryCode: t('secondFactor.recoveryCodeRequired') }
          : { code: t('secondFactor.codeInvalid') },
      );
      return;
    }
    setSubmitting(true);
    try {
      const body = useRecoveryCode ? { recoveryCode: recoveryCode.trim() } : { code: code.trim() };
      const info = await apiRequest('POST', realmRoutes[realm].secondFactor, sessionInfoSchema, { body });
      storeSession(queryClient, info);
      onSignedIn(info);
    } catch (err) {
      feedback.showApiError(err);
    } finally {
      setSubmitting(false);
    }
  }

  function handleSwitchMethod() {
    feedback.clearErrors();
    setUseRecoveryCode((v) => !v);
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3" ref={headingRef}>
        {t('secondFactor.heading')}
      </Title>
      <Text>{useRecoveryCode ? t('secondFactor.recoveryIntro') : t('secondFactor.intro')}</Text>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        {useRecoveryCode ? (
          <TextInput
            key="recovery"
            label={t('secondFactor.recoveryCode')}
            name="recoveryCode"
            value={recoveryCode}
            onChange={(e) => setRecoveryCode(e.currentTarget.value)}
            error={feedback.fieldErrors.recoveryCode}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            size="md"
          />
        ) : (
          <OneTimeCodeField
            key="code"
            label={t('secondFactor.code')}
            description={t('secondFactor.codeHint')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={feedback.fieldErrors.code}
            size="md"
          />
        )}
        <Button type="submit" size="md" fullWidth loading={submitting}>
          {t('secondFactor.submit')}
        </Button>
      </FormShell>
      <Stack gap={6} align="flex-start">
        <Anchor component="button" type="button" size="sm" onClick={handleSwitchMethod}>
          {useRecoveryCode ? t('secondFactor.useApp') : t('secondFactor.useRecovery')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={onCancel}>
          {t('secondFactor.cancel')}
        </Anchor>
      </Stack>
    </Stack>
  );
}
