import { Anchor, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { sessionInfoSchema } from '../../shared/identity.ts';
import { apiRequest } from '../api/client.ts';
import { storeSession, useSession } from '../api/session.ts';
import { FormShell, SubmitButtonRow } from '../components/FormShell.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { UsernameField } from '../components/UsernameField.tsx';
import { useFormFeedback, type FieldErrors } from '../hooks/use-form-feedback.ts';
import { useFormValues } from '../hooks/use-form-values.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

const fields = ['activationCode', 'dateOfBirth', 'username', 'password', 'email', 'phone'] as const;
type Field = (typeof fields)[number];

/**
 * Sign-up with the activation code staff gave the patient: the code and date of birth prove who they
 * are; they choose a username and password; email and phone are optional. Success signs them in.
 */
export function SignUpPage() {
  const { t } = useTranslation();
  const {
    portalName,
    rules: { activationCodeValidDays, passwordMinLength: passwordMinLengthHint },
  } = usePortalConfig();
  const queryClient = useQueryClient();
  const session = useSession('patient').data;
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(fields);
  const { values, bind } = useFormValues<Field>(
    { activationCode: '', dateOfBirth: '', username: '', password: '', email: '', phone: '' },
    feedback.fieldErrors,
  );

  if (session?.stage === 'full') return <Navigate to={paths.home} replace />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!values.activationCode.trim()) errors.activationCode = t('signUp.errors.activationCode');
    if (!values.dateOfBirth) errors.dateOfBirth = t('forms.dateOfBirthRequired');
    if (!values.username.trim()) errors.username = t('signUp.errors.username');
    if (!values.password) errors.password = t('forms.newPasswordRequired');
    else if (values.password.length < passwordMinLengthHint)
      errors.password = t('forms.passwordTooShort', { min: passwordMinLengthHint });
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);

    setSubmitting(true);
    try {
      const body = {
        activationCode: values.activationCode.trim(),
        dateOfBirth: values.dateOfBirth,
        username: values.username.trim(),
        password: values.password,
        email: values.email.trim() || undefined,
        phone: values.phone.trim() || undefined,
      };
      storeSession(queryClient, await apiRequest('POST', '/auth/signup', sessionInfoSchema, { body }));
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <PageCard title={t('signUp.title', { portalName })}>
      <Text>{t('signUp.intro', { portalName, days: activationCodeValidDays })}</Text>
      <FormShell feedback={feedback} onSubmit={handleSubmit} gap="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('signUp.aboutYou')}
          </Title>
          <TextInput
            label={t('signUp.activationCode')}
            description={t('signUp.activationCodeHint')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...bind('activationCode')}
          />
          <TextInput type="date" label={t('forms.dateOfBirth')} autoComplete="bday" {...bind('dateOfBirth')} />
        </Stack>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('signUp.yourSignIn')}
          </Title>
          <UsernameField label={t('signUp.username')} description={t('signUp.usernameHint')} {...bind('username')} />
          <PasswordField
            label={t('signUp.password')}
            description={t('forms.passwordHint', { min: passwordMinLengthHint })}
            autoComplete="new-password"
            {...bind('password')}
          />
        </Stack>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('signUp.contact')}
          </Title>
          <Text size="sm">{t('signUp.contactIntro', { portalName })}</Text>
          <TextInput type="email" label={t('forms.emailOptional')} autoComplete="email" {...bind('email')} />
          <TextInput
            type="tel"
            label={t('forms.phoneOptional')}
            description={t('forms.phoneHint')}
            autoComplete="tel"
            {...bind('phone')}
          />
        </Stack>
        <SubmitButtonRow submitting={submitting} size="md">
          {t('signUp.submit')}
        </SubmitButtonRow>
      </FormShell>
      <Text size="sm">
        {t('signUp.noCode')}{' '}
        <Anchor component={Link} to={paths.activationCode} inherit>
          {t('signIn.requestCode')}
        </Anchor>
      </Text>
      <Anchor component={Link} to={paths.signIn} size="sm">
        {t('common.backToSignIn')}
      </Anchor>
    </PageCard>
  );
}
