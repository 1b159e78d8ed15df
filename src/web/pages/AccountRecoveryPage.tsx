import { Alert, Anchor, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest } from '../api/client.ts';
import { noContentSchema } from '../api/session.ts';
import { FormShell, SubmitButtonRow } from '../components/FormShell.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { UsernameField } from '../components/UsernameField.tsx';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

/**
 * Forgot password (a short-lived code to the email or phone on file, then a new password) and forgot
 * username (sent to the email or phone given). The answers never say whether an account matched.
 * Without an email or phone on file, the way back in is a new activation code.
 */
export function AccountRecoveryPage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('recovery.title')}>
      <Text>{t('recovery.intro')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <ForgotPassword />
      </Paper>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
        <ForgotUsername />
      </Paper>
      <Text size="sm">
        {t('recovery.noContact')}{' '}
        <Anchor component={Link} to={paths.activationCode} inherit>
          {t('recovery.requestCode')}
        </Anchor>
      </Text>
      <Anchor component={Link} to={paths.signIn} size="sm">
        {t('common.backToSignIn')}
      </Anchor>
    </PageCard>
  );
}

function ForgotPassword() {
  const { t } = useTranslation();
  const [username, setUsername] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('recovery.password.heading')}
      </Title>
      {done ? (
        <PasswordResetDone />
      ) : username === null ? (
        <UsernameStep onSent={setUsername} />
      ) : (
        <ResetStep username={username} onDone={() => setDone(true)} onRestart={() => setUsername(null)} />
      )}
    </Stack>
  );
}

function UsernameStep({ onSent }: { onSent: (username: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(['username'] as const);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim()) return feedback.showFieldErrors({ username: t('signIn.usernameRequired') });
    setSubmitting(true);
    try {
      await apiRequest('POST', '/auth/forgot-password', noContentSchema, { body: { username: username.trim() } });
      onSent(username.trim());
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <FormShell
      feedback={feedback}
      onSubmit={handleSubmit}
      intro={<Text size="sm">{t('recovery.password.intro')}</Text>}
    >
      <UsernameField
        label={t('signIn.username')}
        value={username}
        onChange={(e) => setUsername(e.currentTarget.value)}
        error={feedback.fieldErrors.username}
      />
      <SubmitButtonRow submitting={submitting}>{t('recovery.password.send')}</SubmitButtonRow>
    </FormShell>
  );
}

const resetFields = ['code', 'newPassword'] as const;

function ResetStep({ username, onDone, onRestart }: { username: string; onDone: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const passwordMinLengthHint = usePortalConfig().rules.passwordMinLength;
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(resetFields);
  const noteRef = useFocusOnMount<HTMLDivElement>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<(typeof resetFields)[number]> = {};
    if (!code.trim()) errors.code = t('recovery.password.codeRequired');
    if (!newPassword) errors.newPassword = t('forms.newPasswordRequired');
    else if (newPassword.length < passwordMinLengthHint)
      errors.newPassword = t('forms.passwordTooShort', { min: passwordMinLengthHint });
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    setSubmitting(true);
    try {
      await apiRequest('POST', '/auth/reset-password', noContentSchema, {
        body: { username, code: code.trim(), newPassword },
      });
      onDone();
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <Stack gap="md">
      <Alert ref={noteRef} role="status" color="lantern" variant="light" title={t('recovery.password.sentTitle')}>
        {t('recovery.password.sent')}
      </Alert>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        <TextInput
          label={t('recovery.password.code')}
          name="code"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={feedback.fieldErrors.code}
          autoComplete="one-time-code"
          inputMode="numeric"
          className="code-input"
        />
        <PasswordField
          label={t('forms.newPassword')}
          description={t('forms.passwordHint', { min: passwordMinLengthHint })}
          name="newPassword"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={feedback.fieldErrors.newPassword}
        />
        <SubmitButtonRow submitting={submitting}>{t('recovery.password.submit')}</SubmitButtonRow>
      </FormShell>
      <Anchor component="button" type="button" size="sm" onClick={onRestart}>
        {t('recovery.password.restart')}
      </Anchor>
    </Stack>
  );
}

function PasswordResetDone() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light" title={t('recovery.password.doneTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('recovery.password.done')}</Text>
        <Anchor component={Link} to={paths.signIn} size="sm">
          {t('common.goToSignIn')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function ForgotUsername() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const [contact, setContact] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const feedback = useFormFeedback(['contact'] as const);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (contact.trim().length < 3) return feedback.showFieldErrors({ contact: t('recovery.username.contactRequired') });
    setSubmitting(true);
    try {
      await apiRequest('POST', '/auth/forgot-username', noContentSchema, { body: { contact: contact.trim() } });
      setSent(true);
    } catch (err) {
      feedback.showApiError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('recovery.username.heading')}
      </Title>
      {sent ? (
        <UsernameSent onAgain={() => setSent(false)} />
      ) : (
        <FormShell
          feedback={feedback}
          onSubmit={handleSubmit}
          intro={<Text size="sm">{t('recovery.username.intro', { portalName })}</Text>}
        >
          <TextInput
            label={t('recovery.username.contact')}
            name="contact"
            autoComplete="email"
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
            error={feedback.fieldErrors.contact}
          />
          <SubmitButtonRow submitting={submitting}>{t('recovery.username.send')}</SubmitButtonRow>
        </FormShell>
      )}
    </Stack>
  );
}

function UsernameSent({ onAgain }: { onAgain: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="lantern" variant="light" title={t('recovery.username.sentTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('recovery.username.sent')}</Text>
        <Anchor component="button" type="button" size="sm" onClick={onAgain}>
          {t('recovery.username.again')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
