import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VisitDetail, VisitNote } from '../../../shared/appointments.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useRequestVisitNote } from '../../api/visits.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { paths } from '../../paths.ts';
import { EmptyList } from '../health/health-parts.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';
import { useVisitTime } from './visit-time.ts';

/**
 * The visit's released notes (author, signed date, the text with its line breaks). With none: "No notes from this
 * visit are available online." and "Request this note" (a medical-record request about the visit, after a
 * confirmation), or the request's status with a link to its conversation once sent.
 */
export function VisitNotes({ visit: v, patientId }: { visit: VisitDetail; patientId: string }) {
  const { t } = useTranslation();
  if (v.notes.length > 0)
    return (
      <Stack gap="md">
        {v.notes.map((n) => (
          <NoteCard key={n.id} note={n} />
        ))}
      </Stack>
    );
  return (
    <Stack gap="md" align="flex-start">
      <EmptyList>{t('visits.notes.none')}</EmptyList>
      {v.noteRequest ? (
        <NoteRequestStatus request={v.noteRequest} />
      ) : (
        v.canRequestNote && <RequestNoteButton visit={v} patientId={patientId} />
      )}
    </Stack>
  );
}

function NoteCard({ note }: { note: VisitNote }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      aria-label={t('visits.notes.byline', { author: note.author, date: when.date(note.signedAt) })}
    >
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('visits.notes.byline', { author: note.author, date: when.date(note.signedAt) })}
        </Title>
        <Text className="visit-note-text break-anywhere">{note.text}</Text>
      </Stack>
    </Paper>
  );
}

function NoteRequestStatus({ request }: { request: NonNullable<VisitDetail['noteRequest']> }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  return (
    <Alert color="blue" variant="light" title={t('visits.notes.requestedTitle')} role="status">
      <Stack gap={4}>
        <Text size="sm">
          {t('visits.notes.requested', {
            date: when.date(request.createdAt),
            status: t(`visits.notes.status.${request.status === 'closed' ? 'closed' : 'open'}`),
          })}
        </Text>
        <Anchor component={Link} to={paths.messages.thread(request.threadId)} size="sm" fw={600}>
          {t('visits.notes.conversation')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function RequestNoteButton({ visit: v, patientId }: { visit: VisitDetail; patientId: string }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const [open, setOpen] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const send = useRequestVisitNote(patientId, v.id);
  const date = when.date(v.start);

  function handleConfirm() {
    send.mutate(
      {
        kind: 'customer_service',
        topic: 'medical_record_request',
        subject: t('visits.notes.requestSubject', { date }),
        body: t('visits.notes.requestBody', { date, provider: v.provider ?? t('visits.notes.yourProvider') }),
        recordRequest: { records: t('visits.notes.requestRecords', { date }) },
        about: { type: 'Encounter', id: v.id },
        attachmentIds: [],
        idempotencyKey: key,
      },
      { onSuccess: () => setOpen(false) },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('visits.notes.request')}</Button>
      <ConfirmModal
        opened={open}
        title={t('visits.notes.confirmTitle')}
        confirmLabel={t('visits.notes.confirm')}
        keepLabel={t('common.cancel')}
        busy={send.isPending}
        onClose={() => setOpen(false)}
        onConfirm={handleConfirm}
      >
        <Stack gap="xs">
          <Text>{t('visits.notes.confirmBody', { date })}</Text>
          {send.isError && (
            <Text role="alert" c="red.9" fw={600}>
              {describeError(send.error, t)}
            </Text>
          )}
        </Stack>
      </ConfirmModal>
    </>
  );
}
