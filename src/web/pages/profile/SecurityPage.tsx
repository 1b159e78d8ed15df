import { Alert, Button, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client.ts';
import { noContentSchema } from '../../api/session.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.ts';
import { describeError, useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useSignOut } from '../../session/use-sign-out.ts';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

/** Password and security: change the password (the current one again), and sign out on every device. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <ProfilePage title={t('security.title')}>
      <ChangePassword />
      <SignOutEverywhere />
    </ProfilePage>
  );
}

const passwordFields = ['currentPassword', 'newPassword'] as const;
type PasswordFieldName = (typeof passwordFields)[number];

function ChangePassword() {
  const { t } = useTranslation();
  const passwordMinLengthHint = usePortalConfig().rules.passwordMinLength;
  const [submitting, setSubmitting] = useState(false);
  const [changed, setChanged] = useState(false);
  const feedback = useFormFeedback(passwordFields);
  const { values, setValues, bind } = useFormValues<PasswordFieldName>(
    { currentPassword: '', newPassword: '' },
    feedback.fieldErrors,
  );

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<PasswordFieldName> = {};
    if (!values.currentPassword) errors.currentPassword = t('forms.passwordRequired');
    if (!values.newPassword) errors.newPassword = t('forms.newPasswordRequired');
    else if (values.newPassword.length < passwordMinLengthHint)
      errors.newPassword = t('forms.passwordTooShort', { min: passwordMinLengthHint });
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    setSubmitting(true);
    setChanged(false);
    try {
      await apiRequest('POST', '/account/password', noContentSchema, { body: values });
      setValues({ currentPassword: '', newPassword: '' });
      feedback.clearErrors();
      setChanged(true);
    } catch (err) {
      feedback.showApiError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <ProfileCard title={t('security.password.heading')}>
      {changed && <PasswordChanged />}
      <FormShell
        feedback={feedback}
        onSubmit={handleSubmit}
        intro={<Text size="sm">{t('security.password.intro')}</Text>}
      >
        <PasswordField
          label={t('forms.currentPassword')}
          autoComplete="current-password"
          {...bind('currentPassword')}
        />
        <PasswordField
          label={t('forms.newPassword')}
          description={t('forms.passwordHint', { min: passwordMinLengthHint })}
          autoComplete="new-password"
          {...bind('newPassword')}
        />
        <SubmitButtonRow submitting={submitting}>{t('security.password.submit')}</SubmitButtonRow>
      </FormShell>
    </ProfileCard>
  );
}

function PasswordChanged() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light" title={t('security.password.changedTitle')}>
      {t('security.password.changed')}
    </Alert>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const signOut = useSignOut('patient');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleClick() {
    setSubmitting(true);
    setError(null);
    try {
      await apiRequest('POST', '/auth/signout-everywhere', noContentSchema);
      await signOut('everywhere');
    } catch (err) {
      setError(describeError(err, t));
      setSubmitting(false);
    }
  }

  return (
    <ProfileCard title={t('security.everywhere.heading')}>
      <Text size="sm">{t('security.everywhere.intro')}</Text>
      {error && (
        <Alert role="alert" color="red" variant="light">
          {error}
        </Alert>
      )}
      <div>
        <Button variant="default" color="red" onClick={handleClick} loading={submitting}>
          {t('security.everywhere.submit')}
        </Button>
      </div>
    </ProfileCard>
  );
}
