import { Alert, Button, Checkbox, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useRequestMinorAccess } from '../../api/proxy.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { PhoneLink } from '../../components/PhoneLink.tsx';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';

const fields = ['childFirstName', 'childLastName', 'childDateOfBirth', 'relationship', 'attestation'] as const;
type Field = (typeof fields)[number];
const empty: Record<Field, string> = {
  childFirstName: '',
  childLastName: '',
  childDateOfBirth: '',
  relationship: '',
  attestation: '',
};

/**
 * A parent or legal guardian asks for a child's record: the child's name and date of birth, the relationship and
 * the guardianship attestation. Health-information staff check it against the child's record; the answer shows
 * in "Your requests". Says plainly that the access ends at 18.
 */
export function MinorAccessRequestForm() {
  const { t } = useTranslation();
  const { contacts } = usePortalConfig();
  const request = useRequestMinorAccess();
  const feedback = useFormFeedback(fields);
  const { values, setValues, bind } = useFormValues<Field>(empty, feedback.fieldErrors);
  const [sentFor, setSentFor] = useState<string | null>(null);
  // One key per request: a double click or a retry files it once; a new one after it was sent.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!values.childFirstName.trim()) errors.childFirstName = t('family.childFirstNameRequired');
    if (!values.childLastName.trim()) errors.childLastName = t('family.childLastNameRequired');
    if (!values.childDateOfBirth) errors.childDateOfBirth = t('family.childDateOfBirthRequired');
    if (values.relationship !== 'parent' && values.relationship !== 'legal_guardian')
      errors.relationship = t('family.relationshipRequired');
    if (values.attestation !== 'yes') errors.attestation = t('family.attestationRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    const childFirstName = values.childFirstName.trim();
    const childLastName = values.childLastName.trim();
    try {
      await request.mutateAsync({
        childFirstName,
        childLastName,
        childDateOfBirth: values.childDateOfBirth,
        relationship: values.relationship as 'parent' | 'legal_guardian',
        attestation: true,
        idempotencyKey,
      });
      setIdempotencyKey(newIdempotencyKey());
      feedback.clearErrors();
      setValues(empty);
      setSentFor(`${childFirstName} ${childLastName}`);
    } catch (err) {
      feedback.showApiError(err);
    }
  }

  if (sentFor)
    return <RequestSent name={sentFor} phone={contacts.proxyRequests.phone} onAnother={() => setSentFor(null)} />;

  return (
    <FormShell
      feedback={feedback}
      onSubmit={handleSubmit}
      intro={
        <Stack gap="xs">
          <Text size="sm">{t('family.childIntro')}</Text>
          <Text size="sm" fw={600}>
            {t('family.age')}
          </Text>
        </Stack>
      }
    >
      <TextInput label={t('family.childFirstName')} autoComplete="off" maxLength={100} {...bind('childFirstName')} />
      <TextInput label={t('family.childLastName')} autoComplete="off" maxLength={100} {...bind('childLastName')} />
      <TextInput type="date" label={t('family.childDateOfBirth')} autoComplete="off" {...bind('childDateOfBirth')} />
      <Radio.Group
        name="relationship"
        label={t('family.relationshipLabel')}
        value={values.relationship || null}
        onChange={(relationship) => setValues((v) => ({ ...v, relationship }))}
        error={feedback.fieldErrors.relationship}
      >
        <Group gap="lg" mt="xs">
          <Radio value="parent" label={t('family.relationships.parent')} />
          <Radio value="legal_guardian" label={t('family.relationships.legal_guardian')} />
        </Group>
      </Radio.Group>
      <Checkbox
        name="attestation"
        label={t('family.attestation')}
        checked={values.attestation === 'yes'}
        onChange={(e) => {
          const checked = e.currentTarget.checked;
          setValues((v) => ({ ...v, attestation: checked ? 'yes' : '' }));
        }}
        error={feedback.fieldErrors.attestation}
        aria-invalid={feedback.fieldErrors.attestation ? true : undefined}
      />
      <SubmitButtonRow submitting={request.isPending}>{t('family.submit')}</SubmitButtonRow>
      <Text size="sm" c="dimmed">
        <Trans
          i18nKey="family.byPhone"
          values={{ phone: contacts.proxyRequests.phone }}
          components={{ phone: <PhoneLink phone={contacts.proxyRequests.phone} underline="always" /> }}
        />
      </Text>
    </FormShell>
  );
}

function RequestSent({ name, phone, onAnother }: { name: string; phone: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Stack gap="md" align="flex-start">
      <Alert ref={ref} role="status" color="green" variant="light" title={t('family.sentTitle')}>
        <Trans
          i18nKey="family.sentBody"
          values={{ name, phone }}
          components={{ phone: <PhoneLink phone={phone} underline="always" /> }}
        />
      </Alert>
      <Button variant="default" onClick={onAnother}>
        {t('family.another')}
      </Button>
    </Stack>
  );
}
