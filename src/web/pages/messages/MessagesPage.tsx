import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ThreadSummary } from '../../../shared/messaging.ts';
import { useThreads, type MessageBox } from '../../api/messaging.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { formatDay } from '../../format.ts';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';

/**
 * The record in view's conversations: Inbox (those with a reply) and Sent (still waiting for one), a search, and the
 * way to Ask a Question. Unread replies are bold and say "New" in words.
 */
export function MessagesPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const [params, setParams] = useSearchParams();
  const box: MessageBox = params.get('box') === 'sent' ? 'sent' : 'inbox';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  usePageTitle(t('messages.title'));

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams({ box, ...(search.trim() ? { q: search.trim() } : {}) });
  }

  function handleClear() {
    setSearch('');
    setParams({ box });
  }

  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
          <Title order={1} size="h2">
            {t('messages.title')}
          </Title>
          <Button component={Link} to={paths.messages.new}>
            {t('messages.askQuestion')}
          </Button>
        </Group>
        <Text>{t('messages.intro')}</Text>
        <form role="search" aria-label={t('messages.searchLabel')} onSubmit={handleSearch}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="search"
              label={t('messages.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              maxLength={100}
              className="filter-field"
            />
            <Group gap="sm">
              <Button type="submit" variant="light">
                {t('messages.searchButton')}
              </Button>
              {q && (
                <Button variant="default" onClick={handleClear}>
                  {t('messages.clearSearch')}
                </Button>
              )}
            </Group>
          </Group>
        </form>
        <Tabs value={box} onChange={(b) => b && setParams({ box: b, ...(q ? { q } : {}) })} keepMounted={false}>
          <Tabs.List aria-label={t('messages.boxesLabel')}>
            <Tabs.Tab value="inbox">{t('messages.inbox')}</Tabs.Tab>
            <Tabs.Tab value="sent">{t('messages.sent')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="inbox" pt="md">
            {patientId && <ThreadList patientId={patientId} box="inbox" q={q} />}
          </Tabs.Panel>
          <Tabs.Panel value="sent" pt="md">
            {patientId && <ThreadList patientId={patientId} box="sent" q={q} />}
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}

function ThreadList({ patientId, box, q }: { patientId: string; box: MessageBox; q: string }) {
  const { t } = useTranslation();
  const threads = useThreads(patientId, box, q);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      {threads.isPending ? (
        <PageLoading />
      ) : threads.isError ? (
        <LoadErrorAlert error={threads.error} onRetry={() => void threads.refetch()} retrying={threads.isFetching} />
      ) : threads.data.threads.length === 0 ? (
        <Text c="dimmed" role="status">
          {q ? t('messages.noMatches', { q }) : box === 'inbox' ? t('messages.emptyInbox') : t('messages.emptySent')}
        </Text>
      ) : (
        <ul
          className="activity-list"
          aria-label={box === 'inbox' ? t('messages.inboxListLabel') : t('messages.sentListLabel')}
        >
          {threads.data.threads.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} />
          ))}
        </ul>
      )}
    </Paper>
  );
}

function ThreadRow({ thread }: { thread: ThreadSummary }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (
    <li className={thread.unread ? 'activity-item thread-row-unread' : 'activity-item'}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={2} className="notification-text">
          <Anchor
            component={Link}
            to={paths.messages.thread(thread.id)}
            fw={thread.unread ? 700 : 500}
            className="break-anywhere"
          >
            {thread.subject}
            {thread.unread && <VisuallyHidden> {t('messages.unreadHidden')}</VisuallyHidden>}
          </Anchor>
          <Text size="sm" fw={thread.unread ? 700 : 400} className="break-anywhere">
            {t('messages.with', { counterpart: thread.counterpart })}
          </Text>
          <Text size="sm" c="dimmed">
            <time dateTime={thread.lastMessageAt}>{formatDay(thread.lastMessageAt, i18n.language, timeZone)}</time>
            {' · '}
            {t('messages.messageCount', { count: thread.messageCount })}
            {thread.status === 'closed' && ` · ${t('messages.closed')}`}
          </Text>
        </Stack>
        {thread.unread && (
          <Badge color="lantern" variant="filled" className="status-badge notification-new" aria-hidden>
            {t('messages.new')}
          </Badge>
        )}
      </Group>
    </li>
  );
}
