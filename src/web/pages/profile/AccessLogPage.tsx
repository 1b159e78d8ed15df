import { Alert, Badge, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { accessLogEntrySchema } from '../../../shared/proxy.ts';
import { ApiError } from '../../api/client.ts';
import { useAccessLog, type AccessLogFilters } from '../../api/proxy.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { formatMoment } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { AccessLogFilterForm, type Person } from './AccessLogFilterForm.tsx';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

type Entry = z.infer<typeof accessLogEntrySchema>;

/**
 * Who has seen my record: every read and change of the record in view — by the patient, a proxy, staff (with
 * their role) or a system — with time, what and outcome; filtered by dates and person, downloadable as CSV.
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
  const [filters, setFilters] = useState<AccessLogFilters>({});
  // Everyone who has appeared in the log so far: a filtered reply lists only the people it contains.
  const [people, setPeople] = useState<Person[]>([]);
  const query = useAccessLog(patientId, filters);
  const replyPeople = query.data?.people;
  const [seenPeople, setSeenPeople] = useState<typeof replyPeople>(undefined);
  if (replyPeople && replyPeople !== seenPeople) {
    setSeenPeople(replyPeople);
    setPeople((known) => [...known, ...replyPeople.filter((p) => !known.some((k) => k.actorId === p.actorId))]);
  }

  if (query.error instanceof ApiError && query.error.status === 403) {
    return (
      <Alert role="alert" color="yellow" variant="light" title={t('accessLog.notAllowedTitle')}>
        <Text size="sm">{query.error.message}</Text>
      </Alert>
    );
  }

  return (
    <>
      <ProfileCard title={t('accessLog.filtersHeading')}>
        <AccessLogFilterForm patientId={patientId} filters={filters} people={people} onApply={setFilters} />
      </ProfileCard>
      <ProfileCard title={t('accessLog.entriesHeading')}>
        {query.isPending ? (
          <PageLoading />
        ) : query.isError ? (
          <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : query.data.entries.length === 0 ? (
          <Text c="dimmed" role="status">
            {t('accessLog.empty')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" role="status">
              {t('accessLog.count', { count: query.data.entries.length })}
            </Text>
            <ul className="activity-list" aria-label={t('accessLog.entriesLabel')}>
              {query.data.entries.map((entry, index) => (
                <EntryRow key={`${entry.at}-${entry.action}-${index}`} entry={entry} />
              ))}
            </ul>
          </>
        )}
      </ProfileCard>
    </>
  );
}

function EntryRow({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (
    <li className="activity-item">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{entry.what}</Text>
        {entry.outcome === 'failure' && (
          <Badge color="red" variant="light" className="status-badge">
            {t('accessLog.failed')}
          </Badge>
        )}
      </Group>
      <Text size="sm">{entry.who}</Text>
      <Text size="sm" c="dimmed">
        <time dateTime={entry.at}>{formatMoment(entry.at, i18n.language, timeZone)}</time>
      </Text>
    </li>
  );
}
