import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_MAX_LENGTH, type Thread } from '../../../../shared/messaging.ts';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { MessageList } from '../../../components/MessageList.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { ListState } from '../ListState.tsx';
import { ChartCorrectionSection, RecordRequestSection } from './PatientRequestSections.tsx';
import { staffAttachmentHref, useInBasketAction, useItemThread } from './in-basket-api.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';

/**
 * Working a patient's message: the whole conversation (the patient's words as text, attachments to download), a
 * reply the patient reads with the staff member's name and role, and for a chart correction or a record request
 * the decision that closes it.
 */
export function PatientMessagePanel({ item }: { item: WorkItem }) {
  const thread = useItemThread(item.id);
  return (
    <ListState
      isPending={thread.isPending}
      error={thread.error}
      isEmpty={false}
      empty=""
      onRetry={() => void thread.refetch()}
    >
      {thread.data && <ThreadView item={item} thread={thread.data} />}
    </ListState>
  );
}

function ThreadView({ item, thread }: { item: WorkItem; thread: Thread }) {
  const { t } = useTranslation('staff');
  const open = item.status !== 'closed';
  const kind =
    thread.kind === 'medical'
      ? t('message.medical', { counterpart: thread.counterpart })
      : t('message.customerService', { topic: t(`message.topics.${thread.topic ?? 'other'}`) });
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap={4}>
          <Title order={2} size="h4" className="break-anywhere">
            {t('message.subject', { subject: thread.subject })}
          </Title>
          <Text size="sm">{kind}</Text>
          {thread.about && (
            <Text size="sm">
              {t('message.about', { what: thread.about.label ?? `${thread.about.type}/${thread.about.id}` })}
            </Text>
          )}
        </Stack>
      </Paper>
      <section aria-labelledby="conversation-heading">
        <Title order={2} size="h4" id="conversation-heading" mb="sm">
          {t('message.conversation')}
        </Title>
        <MessageList ns="staff" messages={thread.messages} attachmentHref={(id) => staffAttachmentHref(item.id, id)} />
      </section>
      {thread.topic === 'chart_correction' && <ChartCorrectionSection item={item} thread={thread} />}
      {thread.topic === 'medical_record_request' && <RecordRequestSection item={item} thread={thread} />}
      {open && item.actions.canClose && <ReplyForm item={item} />}
      {open && !item.actions.canClose && <Text>{t('message.cannotWork')}</Text>}
    </Stack>
  );
}

/** A reply to the patient; "Send and mark done" also closes the item as answered. */
function ReplyForm({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const action = useInBasketAction(item.id);
  const feedback = useFormFeedback(['body'] as const);
  const { attachForm, attachFormError } = feedback;
  const [body, setBody] = useState('');
  const [done, setDone] = useState(false);
  const [sent, setSent] = useState(false);
  // One key per reply: a double click or a retry after a lost answer sends it once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  function send(markDone: boolean) {
    if (action.isPending) return;
    if (!body.trim()) return feedback.showFieldErrors({ body: t('message.replyRequired') });
    feedback.clearErrors();
    setDone(markDone);
    action.mutate(
      { kind: 'reply', body, done: markDone, idempotencyKey },
      {
        onSuccess: () => {
          setIdempotencyKey(newIdempotencyKey());
          setBody('');
          setSent(true);
        },
        onError: (err) => feedback.showApiError(err),
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(false);
  }

  return (
    <section aria-labelledby="reply-heading">
      <Title order={2} size="h4" id="reply-heading" mb="xs">
        {t('message.replyHeading')}
      </Title>
      <form ref={attachForm} onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
          {sent && !body && (
            <Text role="status" size="sm" c="green.9">
              {t('message.replySent')}
            </Text>
          )}
          <Textarea
            name="body"
            label={t('message.replyLabel')}
            description={t('message.replyHint')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={feedback.fieldErrors.body}
            autosize
            minRows={4}
            maxLength={MESSAGE_MAX_LENGTH}
          />
          <Group gap="sm" wrap="wrap">
            <Button type="submit" variant="light" loading={action.isPending && !done}>
              {t('message.sendReply')}
            </Button>
            <Button onClick={() => send(true)} loading={action.isPending && done}>
              {t('message.sendAndDone')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
