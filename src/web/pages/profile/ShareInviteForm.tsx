import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeSharing } from '../../api/proxy.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';

const fields = ['username', 'relationship', 'level', 'password'] as const;
type Field = (typeof fields)[number];
type Level = 'full' | 'view_only';

/**
 * Invite another account holder to my record: their username, how they are related to me, what they may do
 * (full access or view only, explained in plain words) and my password again. They see my record once they accept.
 */
export function ShareInviteForm({ ownPatientId }: { ownPatientId: string }) {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const change = useChangeSharing(ownPatientId);
  const feedback = useFormFeedback(fields);
  const { values, setValues, bind } = useFormValues<Field>(
    { username: '', relationship: '', level: '', password: '' },
    feedback.fieldErrors,
  );
  const [invited, setInvited] = useState<string | null>(null);
  // One key per invitation: a double click or a retry sends it once; a new one after it was sent.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!values.username.trim()) errors.username = t('sharing.usernameRequired');
    if (!values.relationship.trim()) errors.relationship = t('sharing.relationshipRequired');
    if (values.level !== 'full' && values.level !== 'view_only') errors.level = t('sharing.levelRequired');
    if (!values.password) errors.password = t('forms.passwordRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    setInvited(null);
    try {
      const username = values.username.trim();
      await change.mutateAsync({
        kind: 'invite',
        body: {
          username,
          relationship: values.relationship.trim(),
          level: values.level as Level,
          password: values.password,
          idempotencyKey,
        },
      });
      setIdempotencyKey(newIdempotencyKey());
      feedback.clearErrors();
      setValues({ username: '', relationship: '', level: '', password: '' });
      setInvited(username);
    } catch (err) {
      feedback.showApiError(err);
    }
  }

  return (
    <Stack gap="md">
      {invited && <ChangeNotice key={invited}>{t('sharing.invitedNotice', { username: invited })}</ChangeNotice>}
      <FormShell
        feedback={feedback}
        onSubmit={handleSubmit}
        intro={<Text size="sm">{t('sharing.inviteIntro', { portalName })}</Text>}
      >
        <TextInput label={t('sharing.username')} autoComplete="off" spellCheck={false} {...bind('username')} />
        <TextInput
          label={t('sharing.relationshipLabel')}
          description={t('sharing.relationshipHint')}
          maxLength={60}
          {...bind('relationship')}
        />
        <Radio.Group
          name="level"
          label={t('sharing.levelLabel')}
          value={values.level || null}
          onChange={(level) => setValues((v) => ({ ...v, level }))}
          error={feedback.fieldErrors.level}
        >
          <Stack gap="sm" mt="xs">
            <Radio value="full" label={t('levels.full')} description={t('levels.fullExplained')} />
            <Radio value="view_only" label={t('levels.view_only')} description={t('levels.view_onlyExplained')} />
          </Stack>
        </Radio.Group>
        <PasswordField
          label={t('forms.currentPassword')}
          description={t('forms.passwordAgainShort')}
          autoComplete="current-password"
          {...bind('password')}
        />
        <SubmitButtonRow submitting={change.isPending}>{t('sharing.invite')}</SubmitButtonRow>
      </FormShell>
    </Stack>
  );
}
