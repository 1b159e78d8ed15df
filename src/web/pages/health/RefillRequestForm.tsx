import { Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medication } from '../../../shared/records.ts';
import { useMessageOptions } from '../../api/messaging.ts';
import { useRequestRefill } from '../../api/records.ts';
import { FormShell } from '../../components/FormShell.tsx';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';
import { ReplyTime } from '../messages/compose-parts.tsx';
import { newIdempotencyKey } from '../../api/idempotency.ts';

const fields = ['pharmacy', 'comment'] as const;
type Field = (typeof fields)[number];

interface RefillRequestFormProps {
  patientId: string;
  medication: Medication;
  /** The pharmacy of the latest earlier request, to start with. */
  lastPharmacy: string;
  onSent: (medication: Medication) => void;
  onCancel: () => void;
}

/**
 * A refill request for one current prescription: the pharmacy and an optional comment, with what happens next (the
 * care team approves or denies it, and how soon) said before sending. One idempotency key per form, kept across
 * retries, so a double click or a retry after a lost answer asks once.
 */
export function RefillRequestForm({ patientId, medication, lastPharmacy, onSent, onCancel }: RefillRequestFormProps) {
  const { t } = useTranslation();
  const send = useRequestRefill(patientId, medication.id);
  const options = useMessageOptions(patientId);
  const feedback = useFormFeedback(fields);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { values, bind } = useFormValues<Field>({ pharmacy: lastPharmacy, comment: '' }, feedback.fieldErrors);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const errors: FieldErrors<Field> = {};
    if (!values.pharmacy.trim()) errors.pharmacy = t('health.refill.pharmacyRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    const comment = values.comment.trim();
    send.mutate(
      { pharmacy: values.pharmacy.trim(), ...(comment ? { comment } : {}), idempotencyKey },
      { onSuccess: onSent, onError: (err) => feedback.showApiError(err) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" className="refill-form">
      <FormShell
        feedback={feedback}
        onSubmit={handleSubmit}
        intro={
          <Title order={3} size="h5" ref={headingRef} tabIndex={-1}>
            {t('health.refill.formTitle', { name: medication.name })}
          </Title>
        }
      >
        <TextInput
          label={t('health.refill.pharmacyLabel')}
          description={t('health.refill.pharmacyHint')}
          maxLength={200}
          required
          {...bind('pharmacy')}
        />
        <Textarea
          label={t('health.refill.commentLabel')}
          description={t('health.refill.commentHint')}
          autosize
          minRows={2}
          maxLength={1000}
          {...bind('comment')}
        />
        <Stack gap="xs">
          <Text size="sm">{t('health.refill.whatHappens')}</Text>
          {options.data && <ReplyTime days={options.data.replyBusinessDays} />}
          <Group gap="sm">
            <Button type="submit" loading={send.isPending} disabled={send.isPending}>
              {t('health.refill.send')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={send.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </FormShell>
    </Paper>
  );
}
