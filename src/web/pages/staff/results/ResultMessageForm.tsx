import { Alert, Button, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { staffConversationStartedSchema } from '../../../../shared/messaging.ts';
import type { StaffResultDetail } from '../../../../shared/results.ts';
import { apiRequest } from '../../../api/client.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import { resultRecordType } from '../../results/result-words.ts';
import { useStaffMay } from '../staff-access.ts';

/**
 * A secure message to the patient about this result, from the clinician or nurse reviewing it: the patient reads it
 * in Messages (told by a notification that says only that there is a message) and may answer; an answer comes to the
 * care team's queue. One idempotency key per message, so a double click sends one.
 */
export function ResultMessageForm({ result }: { result: StaffResultDetail }) {
  const { t } = useTranslation('staff');
  const may = useStaffMay();
  const [subject, setSubject] = useState(() => t('results.messageSubject', { name: result.name }));
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const send = useMutation({
    mutationFn: () =>
      apiRequest(
        'POST',
        `/staff/patients/${encodeURIComponent(result.patientId)}/messages`,
        staffConversationStartedSchema,
        {
          body: {
            subject,
            body,
            about: { type: resultRecordType(result), id: result.id },
            idempotencyKey: key,
          },
        },
      ),
    onSuccess: () => {
      setBody('');
      setKey(newIdempotencyKey());
    },
  });
  if (!may('message.start')) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t('results.messageBodyRequired'));
      return;
    }
    setError(null);
    send.mutate();
  };
  return (
    <section aria-labelledby="result-message-heading">
      <Title order={2} size="h4" id="result-message-heading" mb="xs">
        {t('results.messageHeading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('results.messageBody')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('results.messageSubjectLabel')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            required
            maxLength={200}
          />
          <Textarea
            label={t('results.messageText')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            required
            error={error}
          />
          {send.isSuccess && (
            <Alert color="green" role="status">
              {t('results.messageSent', { name: result.patientName })}
            </Alert>
          )}
          {send.isError && (
            <Alert color="red" role="alert">
              {(send.error as Error).message}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={send.isPending}>
              {t('results.messageSend')}
            </Button>
          </div>
        </Stack>
      </form>
    </section>
  );
}
