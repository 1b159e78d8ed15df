import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  describeAccessLogEntry,
  describeActor,
  type AccessLogActor,
  type AccessLogRecord,
} from '../../../shared/access-log-words.ts';
import type { accessLogEntrySchema } from '../../../shared/proxy.ts';
import { ApiError } from '../../api/client.ts';
import { useAccessLog, type AccessLogFilters } from '../../api/access-log.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { formatMoment, formatMomentRange } from '../../format.ts';
import { useAccessLogWords } from '../../hooks/use-access-log-words.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { AccessLogFilterForm, type Person } from './AccessLogFilterForm.tsx';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

type Entry = z.infer<typeof accessLogEntrySchema>;

/**
 * Who has seen my record: every read and change of the record in view — by the patient, a proxy, staff (with
 * their role) or a system — as a sentence with its time, repeated reads of one visit on one line, newest first a
 * page at a time ("Show older entries"); filtered by dates and person, downloadable as CSV.
 * A view-only proxy is refused by the server (403); its message is shown instead of the log.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  const { patientId, isOwn, record } = useRecordInView();
  const title = isOwn || !record ? t('accessLog.title') : t('accessLog.titleOther', { name: record.displayName });
  return (
    <ProfilePage title={title}>
      <Text>{t('accessLog.intro')}</Text>
      {patientId && <AccessLog key={patientId} patientId={patientId} />}
    </ProfilePage>
  );
}

function AccessLog({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const words = useAccessLogWords();
  const { isOwn, record } = useRecordInView();
  const [filters, setFilters] = useState<AccessLogFilters>({});
  // Everyone who has appeared in the log so far (a page lists only the people in it), named when any entry names them.
  const [seen, setSeen] = useState<ReadonlyMap<string, AccessLogActor>>(new Map());
  const query = useAccessLog(patientId, filters);
  const pages = query.data?.pages;
  const [seenPages, setSeenPages] = useState<typeof pages>(undefined);
  if (pages && pages !== seenPages) {
    setSeenPages(pages);
    setSeen((known) => {
      const next = new Map(known);
      for (const p of pages.flatMap((page) => page.people))
        if ((next.get(p.actorId)?.kind ?? 'unknown') === 'unknown') next.set(p.actorId, p.actor);
      return next;
    });
  }
  const people: Person[] = [...seen].map(([actorId, actor]) => ({ actorId, who: describeActor(actor, words) }));

  if (query.error instanceof ApiError && query.error.status === 403) {
    return (
      <Alert role="alert" color="yellow" variant="light" title={t('accessLog.notAllowedTitle')}>
        <Text size="sm">{query.error.message}</Text>
      </Alert>
    );
  }

  const about: AccessLogRecord = { own: isOwn, patientName: record?.displayName ?? '' };
  const entries = pages?.flatMap((p) => p.entries) ?? [];
  return (
    <>
      <ProfileCard title={t('accessLog.filtersHeading')}>
        <AccessLogFilterForm patientId={patientId} filters={filters} people={people} onApply={setFilters} />
      </ProfileCard>
      <ProfileCard title={t('accessLog.entriesHeading')}>
        {query.isPending ? (
          <PageLoading />
        ) : query.isError && entries.length === 0 ? (
          <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : entries.length === 0 && !query.hasNextPage ? (
          <Text c="dimmed" role="status">
            {t('accessLog.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            <ul className="activity-list" aria-label={t('accessLog.entriesLabel')}>
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} sentence={describeAccessLogEntry(entry, about, words)} />
              ))}
            </ul>
            {query.isFetchNextPageError && (
              <LoadErrorAlert
                error={query.error}
                onRetry={() => void query.fetchNextPage()}
                retrying={query.isFetchingNextPage}
              />
            )}
            {query.hasNextPage ? (
              <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                {t('accessLog.showOlder')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('accessLog.end')}
              </Text>
            )}
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {query.isFetchingNextPage ? t('accessLog.loadingOlder') : t('accessLog.count', { count: entries.length })}
            </Text>
          </Stack>
        )}
      </ProfileCard>
    </>
  );
}

/** One line: the sentence, the time (first and last of repeated reads), and "Refused" for a refusal. */
function EntryRow({ entry, sentence }: { entry: Entry; sentence: string }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const moment = (iso: string) => formatMoment(iso, i18n.language, timeZone);
  return (
    <li className="activity-item">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{sentence}</Text>
        {entry.outcome === 'failure' && (
          <Badge color="red" variant="light" className="status-badge">
            {t('accessLog.failed')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {entry.count > 1 ? (
          formatMomentRange(entry.firstAt, entry.at, i18n.language, timeZone)
        ) : (
          <time dateTime={entry.at}>{moment(entry.at)}</time>
        )}
      </Text>
    </li>
  );
}
