import { Anchor, Badge, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Thread } from '../../../shared/messaging.ts';
import { ApiError } from '../../api/client.ts';
import { attachmentHref, useMarkThreadRead, useThread } from '../../api/messaging.ts';
import { notificationKeys } from '../../api/notifications.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { MessageList } from '../../components/MessageList.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { AboutLine } from './compose-parts.tsx';
import { ReplyForm } from './ReplyForm.tsx';
import { RequestDetails } from './RequestDetails.tsx';

/** One conversation of the record in view, oldest message first, marked read when opened, with a reply form when replies are allowed. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { threadId = '' } = useParams();
  const { patientId: inView } = useRecordInView();
  // A conversation belongs to one record: once another record comes into view, it is not asked for under that one.
  const [patientId] = useState(inView);
  const switched = inView !== patientId;
  const thread = useThread(patientId ?? '', threadId, !switched);
  const notFound = switched || (thread.error instanceof ApiError && thread.error.status === 404);
  usePageTitle(thread.data && !switched ? thread.data.subject : t('messages.thread.title'));
  useMarkReadOnOpen(patientId ?? '', switched ? undefined : thread.data);

  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Anchor component={Link} to={paths.messages.list} size="sm">
          {t('messages.backToMessages')}
        </Anchor>
        {thread.isPending && !notFound ? (
          <>
            <Title order={1} size="h2">
              {t('messages.thread.title')}
            </Title>
            <PageLoading />
          </>
        ) : notFound ? (
          <>
            <Title order={1} size="h2">
              {t('messages.thread.notFound')}
            </Title>
            <Text>{t('messages.thread.notFoundBody')}</Text>
          </>
        ) : thread.isError ? (
          <>
            <Title order={1} size="h2">
              {t('messages.thread.title')}
            </Title>
            <LoadErrorAlert error={thread.error} onRetry={() => void thread.refetch()} retrying={thread.isFetching} />
          </>
        ) : (
          thread.data && <ThreadBody thread={thread.data} patientId={patientId ?? ''} />
        )}
      </Stack>
    </Container>
  );
}

function ThreadBody({ thread, patientId }: { thread: Thread; patientId: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const justSent = (location.state as { sent?: boolean } | null)?.sent === true;
  const kind =
    thread.kind === 'medical'
      ? t('messages.thread.medical')
      : t('messages.thread.customerService', { topic: thread.topic ? t(`messages.topics.${thread.topic}`) : '' });
  return (
    <>
      <Stack gap={4}>
        <Title order={1} size="h2" className="break-anywhere">
          {thread.subject}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" className="break-anywhere">
            {t('messages.with', { counterpart: thread.counterpart })} · {kind}
          </Text>
          <Badge color="dark" variant={thread.status === 'closed' ? 'light' : 'outline'} className="status-badge">
            {thread.status === 'closed' ? t('messages.closed') : t('messages.open')}
          </Badge>
        </Group>
        {thread.about && <AboutLine about={thread.about} label={thread.about.label} />}
      </Stack>
      {justSent && <ChangeNotice>{t('messages.thread.sentNotice')}</ChangeNotice>}
      <RequestDetails thread={thread} />
      <section aria-labelledby="conversation-heading">
        <Title order={2} size="h3" id="conversation-heading" mb="sm">
          {t('messages.thread.conversation')}
        </Title>
        <MessageList messages={thread.messages} attachmentHref={(id) => attachmentHref(patientId, id)} />
      </section>
      {thread.canReply ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
          <ReplyForm key={thread.id} patientId={patientId} threadId={thread.id} />
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          {thread.status === 'closed' ? t('messages.thread.closedNoReply') : t('messages.thread.cannotReply')}
        </Text>
      )}
    </>
  );
}

/** Opening a conversation with a reply not yet read marks it read (once per visit), and the bell is asked again. */
function useMarkReadOnOpen(patientId: string, thread: Thread | undefined): void {
  const markRead = useMarkThreadRead(patientId);
  const queryClient = useQueryClient();
  const marked = useRef<string | null>(null);
  const { mutate } = markRead;
  useEffect(() => {
    if (!thread || !thread.unread || marked.current === thread.id) return;
    marked.current = thread.id;
    mutate(thread.id, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.inbox }) });
  }, [thread, mutate, queryClient]);
}
