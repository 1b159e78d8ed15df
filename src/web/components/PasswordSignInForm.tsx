import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionInfoSchema } from '../../shared/identity.ts';
import { apiRequest } from '../api/client.ts';
import { realmRoutes, storeSession } from '../api/session.ts';
import { useFormFeedback, type FieldErrors } from '../hooks/use-form-feedback.ts';
import type { Realm } from '../session/session-state.ts';
import { FormShell } from './FormShell.tsx';
import { PasswordField } from './PasswordField.tsx';
import { UsernameField } from './UsernameField.tsx';

const fields = ['username', 'password'] as const;

/**
 * Username and password. The server's failure message is deliberately the same whether or not the
 * username exists; it is shown as it comes. The session it opens goes where every page reads it.
 */
export function PasswordSignInForm({ realm }: { realm: Realm }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const feedback = useFormFeedback(fields);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<(typeof fields)[number]> = {};
    if (!username.trim()) errors.username = t('signIn.usernameRequired');
    if (!password) errors.password = t('forms.passwordRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);

    setSubmitting(true);
    try {
      const info = await apiRequest('POST', realmRoutes[realm].signIn, sessionInfoSchema, {
        body: { username: username.trim(), password },
      });
      feedback.clearErrors();
      storeSession(queryClient, info);
    } catch (err) {
      setPassword('');
      feedback.showApiError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit}>
      <UsernameField
        label={t('signIn.username')}
        size="md"
        value={username}
        onChange={(e) => setUsername(e.currentTarget.value)}
        error={feedback.fieldErrors.username}
      />
      <PasswordField
        label={t('signIn.password')}
        name="password"
        autoComplete="current-password"
        size="md"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={feedback.fieldErrors.password}
      />
      <Button type="submit" size="md" fullWidth loading={submitting}>
        {t('signIn.submit')}
      </Button>
    </FormShell>
  );
}
