import { Button, Stack, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_MAX_LENGTH } from '../../../shared/messaging.ts';
import { useMessageOptions, useSendReply } from '../../api/messaging.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { FormShell } from '../../components/FormShell.tsx';
import { useFormFeedback } from '../../hooks/use-form-feedback.ts';
import { AttachmentsField, useAttachments } from './AttachmentsField.tsx';
import { ReplyTime } from './compose-parts.tsx';
import { newIdempotencyKey } from '../../api/idempotency.ts';

const fields = ['body', 'attachmentIds'] as const;

/** A reply in the conversation, with attachments; one idempotency key per reply, a new one once it is sent. */
export function ReplyForm({ patientId, threadId }: { patientId: string; threadId: string }) {
  const { t } = useTranslation();
  const send = useSendReply(patientId, threadId);
  const options = useMessageOptions(patientId);
  const feedback = useFormFeedback(fields);
  const attachments = useAttachments(patientId);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [body, setBody] = useState('');
  const [sentCount, setSentCount] = useState(0);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending || attachments.uploading) return;
    if (!body.trim()) return feedback.showFieldErrors({ body: t('messages.compose.bodyRequired') });
    feedback.clearErrors();
    send.mutate(
      { body, attachmentIds: attachments.files.map((f) => f.id), idempotencyKey },
      {
        onSuccess: () => {
          setBody('');
          attachments.reset();
          setIdempotencyKey(newIdempotencyKey());
          setSentCount((n) => n + 1);
        },
        onError: (err) => feedback.showApiError(err),
      },
    );
  }

  return (
    <section aria-labelledby="reply-heading">
      <Title order={2} size="h3" id="reply-heading" mb="sm">
        {t('messages.thread.replyHeading')}
      </Title>
      <FormShell feedback={feedback} onSubmit={handleSubmit}>
        {sentCount > 0 && !body && <ChangeNotice key={sentCount}>{t('messages.thread.replySent')}</ChangeNotice>}
        <Textarea
          name="body"
          label={t('messages.thread.replyLabel')}
          autosize
          minRows={4}
          maxLength={MESSAGE_MAX_LENGTH}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={feedback.fieldErrors.body}
        />
        <AttachmentsField state={attachments} />
        <Stack gap="xs">
          {options.data && <ReplyTime days={options.data.replyBusinessDays} />}
          <div>
            <Button type="submit" loading={send.isPending} disabled={attachments.uploading}>
              {t('messages.thread.sendReply')}
            </Button>
          </div>
        </Stack>
      </FormShell>
    </section>
  );
}
