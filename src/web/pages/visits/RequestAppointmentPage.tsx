import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppointmentRequestSummary, SchedulingOptions } from '../../../shared/appointments.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useRequestAppointment, useSchedulingOptions } from '../../api/visits.ts';
import { FormShell } from '../../components/FormShell.tsx';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { VisitsFrame } from './visits-parts.tsx';

const fields = ['practitionerId', 'reason', 'preferred'] as const;
type Field = (typeof fields)[number];

/**
 * Request an appointment: a provider (or "Any provider"), what the visit is for, and the days and times that suit;
 * the front desk contacts the patient to book it. The page then says so.
 */
export function RequestAppointmentPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const options = useSchedulingOptions(patientId ?? '');
  const [sent, setSent] = useState<AppointmentRequestSummary | null>(null);
  return (
    <VisitsFrame title={t('visits.request.title')} intro={sent ? undefined : t('visits.request.intro')}>
      {sent ? (
        <Alert color="green" variant="light" role="status" title={t('visits.request.sentTitle')}>
          <Stack gap="sm" align="flex-start">
            <Text>{t('visits.request.sent')}</Text>
            <Button component={Link} to={paths.visits.list} variant="default">
              {t('visits.backToVisits')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <QueryBlock query={options}>
          {(data) => <RequestForm options={data} patientId={patientId ?? ''} onSent={setSent} />}
        </QueryBlock>
      )}
    </VisitsFrame>
  );
}

interface RequestFormProps {
  options: SchedulingOptions;
  patientId: string;
  onSent: (request: AppointmentRequestSummary) => void;
}

function RequestForm({ options, patientId, onSent }: RequestFormProps) {
  const { t } = useTranslation();
  const send = useRequestAppointment(patientId);
  const feedback = useFormFeedback(fields);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { values, bind } = useFormValues<Field>(
    { practitionerId: '', reason: '', preferred: '' },
    feedback.fieldErrors,
  );
  const providerChoices = [
    { value: '', label: t('visits.anyProvider') },
    ...options.requestable.map((p) => ({ value: p.id, label: `${p.name} · ${p.department}` })),
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const errors: FieldErrors<Field> = {};
    if (!values.reason.trim()) errors.reason = t('visits.request.reasonRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    const preferred = values.preferred.trim();
    send.mutate(
      {
        practitionerId: values.practitionerId || null,
        reason: values.reason.trim(),
        ...(preferred ? { preferred } : {}),
        idempotencyKey,
      },
      { onSuccess: onSent, onError: (err) => feedback.showApiError(err) },
    );
  }

  return (
    <HealthSection title={t('visits.request.formHeading')}>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        <NativeSelect label={t('visits.request.provider')} data={providerChoices} {...bind('practitionerId')} />
        <Textarea
          label={t('visits.request.reason')}
          description={t('visits.request.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={500}
          {...bind('reason')}
        />
        <TextInput
          label={t('visits.request.preferred')}
          description={t('visits.request.preferredHint')}
          maxLength={300}
          {...bind('preferred')}
        />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t('visits.request.send')}
          </Button>
        </Group>
      </FormShell>
    </HealthSection>
  );
}
