import { Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';

interface ReasonFormProps {
  /** Id of the section's heading (unique on the page). */
  headingId: string;
  heading: string;
  label: string;
  hint: string;
  /** Shown on the field when it is sent empty. */
  requiredMessage: string;
  submitLabel: string;
  pending: boolean;
  /** Sends the trimmed reason; call `onError` with the API error to show it on the form. */
  onSubmit: (reason: string, onError: (err: unknown) => void) => void;
}

/** A staff decision that needs a reason the requester will read (decline, deny): one required text and a button. */
export function ReasonForm({
  headingId,
  heading,
  label,
  hint,
  requiredMessage,
  submitLabel,
  pending,
  onSubmit,
}: ReasonFormProps) {
  const feedback = useFormFeedback(['reason'] as const);
  const { attachForm, attachFormError } = feedback;
  const [reason, setReason] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return feedback.showFieldErrors({ reason: requiredMessage });
    onSubmit(reason.trim(), (err) => feedback.showApiError(err));
  }

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {heading}
      </Title>
      <form ref={attachForm} onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
          <Textarea
            name="reason"
            label={label}
            description={hint}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={feedback.fieldErrors.reason}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <Group>
            <Button type="submit" variant="default" color="red" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
