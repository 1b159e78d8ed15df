import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFocusOnMount } from '../../../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../../../hooks/use-form-feedback.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useGrantProxyDirectly } from '../staff-api.ts';

const fields = ['username', 'relationship', 'reason'] as const;
type Field = (typeof fields)[number];

/**
 * For a request that came by phone or email: give a parent or legal guardian (who has their own account) full
 * access to a minor's record, after confirming. The access ends on the child's 18th birthday.
 */
export function GrantProxySection({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const grant = useGrantProxyDirectly(view.patient.id);
  const feedback = useFormFeedback(fields);
  const { attachForm, attachFormError } = feedback;
  const [username, setUsername] = useState('');
  const [relationship, setRelationship] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [granted, setGranted] = useState<string | null>(null);
  const name = view.patient.displayName;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!username.trim()) errors.username = t('grantProxy.usernameRequired');
    if (!relationship) errors.relationship = t('grantProxy.relationshipRequired');
    if (reason.trim().length < 10) errors.reason = t('grantProxy.reasonRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    setConfirming(true);
  }

  function handleConfirm() {
    setConfirming(false);
    const who = username.trim();
    grant.mutate(
      { username: who, relationship: t(`grantProxy.relationshipValues.${relationship}`), reason: reason.trim() },
      {
        onSuccess: () => {
          setGranted(who);
          setUsername('');
          setRelationship('');
          setReason('');
        },
        onError: (err) => feedback.showApiError(err),
      },
    );
  }

  return (
    <section aria-labelledby="grant-proxy-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="grant-proxy-heading">
          {t('grantProxy.heading')}
        </Title>
        <Text size="sm">{t('grantProxy.intro')}</Text>
        {granted && <Granted text={t('grantProxy.done', { username: granted, name })} />}
        <form ref={attachForm} onSubmit={handleSubmit} noValidate>
          <Stack gap="sm">
            <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                name="username"
                label={t('grantProxy.username')}
                description={t('grantProxy.usernameHint')}
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={feedback.fieldErrors.username}
                autoComplete="off"
                spellCheck={false}
                style={{ flex: '1 1 14rem' }}
              />
              <NativeSelect
                name="relationship"
                label={t('grantProxy.relationship')}
                data={[
                  { value: '', label: t('grantProxy.choose') },
                  { value: 'parent', label: t('grantProxy.relationships.parent') },
                  { value: 'legal_guardian', label: t('grantProxy.relationships.legal_guardian') },
                ]}
                value={relationship}
                onChange={(e) => setRelationship(e.currentTarget.value)}
                error={feedback.fieldErrors.relationship}
                style={{ flex: '1 1 12rem' }}
              />
            </Group>
            <Textarea
              name="reason"
              label={t('grantProxy.reason')}
              description={t('grantProxy.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={feedback.fieldErrors.reason}
              autosize
              minRows={2}
              maxLength={1000}
            />
            <Group>
              <Button type="submit" variant="light" loading={grant.isPending}>
                {t('grantProxy.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('grantProxy.confirmTitle')}
        confirmLabel={t('grantProxy.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Text>
          {t('grantProxy.confirmBody', {
            username: username.trim(),
            name,
            relationship: relationship ? t(`grantProxy.relationshipValues.${relationship}`) : '',
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('grantProxy.confirmNote')}
        </Text>
      </ConfirmDialog>
    </section>
  );
}

function Granted({ text }: { text: string }) {
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light">
      {text}
    </Alert>
  );
}
