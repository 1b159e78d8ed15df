import { Alert, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client.ts';
import { noContentSchema, sessionQueryKey } from '../../api/session.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';

const fields = ['currentPassword', 'newPassword'] as const;
type Field = (typeof fields)[number];

/**
 * The last step of a sign-in with a one-time password an administrator gave: the colleague chooses their own
 * password (the server's password rules judge it) before any staff page opens. Then the session is complete.
 */
export function StaffNewPasswordForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const minLength = usePortalConfig().rules.passwordMinLength;
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(fields);
  const { values, bind } = useFormValues<Field>({ currentPassword: '', newPassword: '' }, feedback.fieldErrors);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!values.currentPassword) errors.currentPassword = t('forms.passwordRequired');
    if (!values.newPassword) errors.newPassword = t('forms.newPasswordRequired');
    else if (values.newPassword.length < minLength)
      errors.newPassword = t('forms.passwordTooShort', { min: minLength });
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    setSubmitting(true);
    try {
      await apiRequest('POST', '/staff/account/password', noContentSchema, { body: values });
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey('staff') });
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <Stack gap="md">
      <Alert color="lantern" variant="light" title={t('staffSignIn.newPasswordTitle')}>
        {t('staffSignIn.newPasswordIntro')}
      </Alert>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        <PasswordField
          label={t('staffSignIn.oneTimePassword')}
          autoComplete="current-password"
          {...bind('currentPassword')}
        />
        <PasswordField
          label={t('forms.newPassword')}
          description={t('forms.passwordHint', { min: minLength })}
          autoComplete="new-password"
          {...bind('newPassword')}
        />
        <SubmitButtonRow submitting={submitting} onCancel={onCancel}>
          {t('staffSignIn.newPasswordSubmit')}
        </SubmitButtonRow>
      </FormShell>
      <Text size="sm" c="dimmed">
        {t('staffSignIn.newPasswordHelp')}
      </Text>
    </Stack>
  );
}
