import { Anchor, Fieldset, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiRequest } from '../api/client.ts';
import { noContentSchema } from '../api/session.ts';
import { FormShell, SubmitButtonRow } from '../components/FormShell.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { PhoneLink } from '../components/PhoneLink.tsx';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../hooks/use-form-feedback.ts';
import { useFormValues } from '../hooks/use-form-values.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

const fields = ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'address'] as const;
type Field = (typeof fields)[number];

/**
 * The online activation code form (FAQ: "If your activation code has expired, you can fill out the online
 * activation code form"). The request lands in the front desk's work queue; staff verify the person and
 * send a new code.
 */
export function ActivationCodeRequestPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const feedback = useFormFeedback(fields);
  const { values, bind } = useFormValues<Field>(
    { firstName: '', lastName: '', dateOfBirth: '', email: '', phone: '', address: '' },
    feedback.fieldErrors,
  );

  if (sent) return <RequestSent />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!values.firstName.trim()) errors.firstName = t('activationRequest.errors.firstName');
    if (!values.lastName.trim()) errors.lastName = t('activationRequest.errors.lastName');
    if (!values.dateOfBirth) errors.dateOfBirth = t('forms.dateOfBirthRequired');
    if (!values.email.trim() && !values.phone.trim() && !values.address.trim())
      errors.email = t('activationRequest.errors.contact');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);

    setSubmitting(true);
    try {
      const body = {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        dateOfBirth: values.dateOfBirth,
        email: values.email.trim() || undefined,
        phone: values.phone.trim() || undefined,
        address: values.address.trim() || undefined,
      };
      await apiRequest('POST', '/activation-code-requests', noContentSchema, { body });
      setSent(true);
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <PageCard title={t('activationRequest.title')}>
      <Text>{t('activationRequest.intro', { portalName })}</Text>
      <FormShell feedback={feedback} onSubmit={handleSubmit} gap="lg">
        <Stack gap="md">
          <TextInput label={t('forms.firstName')} autoComplete="given-name" {...bind('firstName')} />
          <TextInput label={t('forms.lastName')} autoComplete="family-name" {...bind('lastName')} />
          <TextInput type="date" label={t('forms.dateOfBirth')} autoComplete="bday" {...bind('dateOfBirth')} />
        </Stack>
        <Fieldset legend={t('activationRequest.contactLegend')} variant="unstyled" className="plain-fieldset">
          <Stack gap="md">
            <Text size="sm">{t('activationRequest.contactIntro')}</Text>
            <TextInput type="email" label={t('forms.email')} autoComplete="email" {...bind('email')} />
            <TextInput
              type="tel"
              label={t('forms.mobilePhone')}
              description={t('forms.phoneHint')}
              autoComplete="tel"
              {...bind('phone')}
            />
            <Textarea
              label={t('forms.address')}
              autoComplete="street-address"
              autosize
              minRows={3}
              {...bind('address')}
            />
          </Stack>
        </Fieldset>
        <SubmitButtonRow submitting={submitting} size="md">
          {t('activationRequest.submit')}
        </SubmitButtonRow>
      </FormShell>
      <Anchor component={Link} to={paths.signIn} size="sm">
        {t('common.backToSignIn')}
      </Anchor>
    </PageCard>
  );
}

function RequestSent() {
  const { t } = useTranslation();
  const { portalName, contacts } = usePortalConfig();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <PageCard title={t('activationRequest.sentTitle')} headingRef={headingRef}>
      <Text>{t('activationRequest.sentBody')}</Text>
      <Title order={2} size="h4">
        {t('activationRequest.nextHeading')}
      </Title>
      <Text>{t('activationRequest.next', { portalName })}</Text>
      <Text>
        <Trans
          i18nKey="activationRequest.help"
          values={{ portalName, phone: contacts.portalSupport.phone }}
          components={{ phone: <PhoneLink phone={contacts.portalSupport.phone} fw={600} /> }}
        />
      </Text>
      <Anchor component={Link} to={paths.signIn}>
        {t('common.backToSignIn')}
      </Anchor>
    </PageCard>
  );
}
