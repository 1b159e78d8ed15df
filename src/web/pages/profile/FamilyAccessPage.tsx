import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { invitationItemSchema, proxyRequestItemSchema, RecordItem } from '../../../shared/proxy.ts';
import { useAnswerInvitation, useInvitations, useProxyRequests, useRecords } from '../../api/proxy.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { formatCalendarDate, formatDay } from '../../format.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { MinorAccessRequestForm } from './MinorAccessRequestForm.tsx';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

type Invitation = z.infer<typeof invitationItemSchema>;
type ProxyRequest = z.infer<typeof proxyRequestItemSchema>;

/**
 * Family access: the records this account may see as a proxy (with level and end date), invitations waiting for
 * an answer, the request for a child's record, and the requests already made with their outcome.
 */
export function FamilyAccessPage() {
  const { t } = useTranslation();
  return (
    <ProfilePage title={t('family.title')}>
      <Text>{t('family.intro')}</Text>
      <ProfileCard title={t('family.recordsHeading')}>
        <RecordList />
      </ProfileCard>
      <ProfileCard title={t('family.invitationsHeading')}>
        <InvitationList />
      </ProfileCard>
      <ProfileCard title={t('family.childHeading')}>
        <MinorAccessRequestForm />
      </ProfileCard>
      <ProfileCard title={t('family.requestsHeading')}>
        <RequestList />
      </ProfileCard>
    </ProfilePage>
  );
}

function RecordList() {
  const { t } = useTranslation();
  const query = useRecords();
  const others = (query.data?.records ?? []).filter((r) => r.relation !== 'self');
  if (query.isPending) return <PageLoading />;
  if (query.isError)
    return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  if (others.length === 0) return <Text c="dimmed">{t('family.recordsEmpty')}</Text>;
  return (
    <ul className="activity-list" aria-label={t('family.recordsLabel')}>
      {others.map((record) => (
        <RecordRow key={record.patientId} record={record} />
      ))}
    </ul>
  );
}

function RecordRow({ record }: { record: RecordItem }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { patientId, switchTo } = useRecordInView();
  const level = record.level ? t(`levels.${record.level}`) : '';
  const viewing = record.patientId === patientId;

  function handleView() {
    switchTo(record.patientId);
    navigate(paths.home);
  }

  return (
    <li className="activity-item">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>{record.displayName}</Text>
          <Text size="sm">
            {record.relationship ? t('family.seenAs', { relationship: record.relationship, level }) : level}
          </Text>
          {record.accessEndsOn && (
            <Text size="sm" c="dimmed">
              {t('family.endsOn', { date: formatCalendarDate(record.accessEndsOn, i18n.language) })}
            </Text>
          )}
        </Stack>
        {viewing ? (
          <Text size="sm" fw={600}>
            {t('family.viewing')}
          </Text>
        ) : (
          <Button variant="light" onClick={handleView}>
            {t('family.view', { name: record.displayName })}
          </Button>
        )}
      </Group>
    </li>
  );
}

function InvitationList() {
  const { t } = useTranslation();
  const query = useInvitations();
  const answer = useAnswerInvitation();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function handleAnswer(invitation: Invitation, reply: 'accept' | 'decline') {
    setError(null);
    answer.mutate(
      { id: invitation.id, answer: reply },
      {
        onSuccess: () =>
          setNotice(
            reply === 'accept'
              ? t('family.acceptedNotice', { name: invitation.fromName })
              : t('family.declinedNotice', { name: invitation.fromName }),
          ),
        onError: (err) => setError(describeError(err, t)),
      },
    );
  }

  if (query.isPending) return <PageLoading />;
  if (query.isError)
    return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <>
      {notice && <ChangeNotice key={notice}>{notice}</ChangeNotice>}
      {error && (
        <Alert role="alert" color="red" variant="light">
          {error}
        </Alert>
      )}
      {query.data.length === 0 ? (
        <Text c="dimmed">{t('family.invitationsEmpty')}</Text>
      ) : (
        <ul className="activity-list" aria-label={t('family.invitationsLabel')}>
          {query.data.map((invitation) => (
            <InvitationRow
              key={invitation.id}
              invitation={invitation}
              busy={answer.isPending && answer.variables?.id === invitation.id}
              onAnswer={(reply) => handleAnswer(invitation, reply)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function InvitationRow({
  invitation,
  busy,
  onAnswer,
}: {
  invitation: Invitation;
  busy: boolean;
  onAnswer: (reply: 'accept' | 'decline') => void;
}) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (
    <li className="activity-item">
      <Stack gap="xs">
        <Text fw={600}>{t('family.invitationFrom', { name: invitation.fromName })}</Text>
        <Text size="sm">
          {t('family.invitationDetails', {
            relationship: invitation.relationship,
            level: t(`levels.${invitation.level}`),
            date: formatDay(invitation.createdAt, i18n.language, timeZone),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t(`levels.${invitation.level}Explained`)}
        </Text>
        <Group gap="sm">
          <Button
            onClick={() => onAnswer('accept')}
            disabled={busy}
            aria-label={t('family.acceptLabel', { name: invitation.fromName })}
          >
            {t('family.accept')}
          </Button>
          <Button
            variant="default"
            onClick={() => onAnswer('decline')}
            disabled={busy}
            aria-label={t('family.declineLabel', { name: invitation.fromName })}
          >
            {t('family.decline')}
          </Button>
        </Group>
      </Stack>
    </li>
  );
}

function RequestList() {
  const { t } = useTranslation();
  const query = useProxyRequests();
  if (query.isPending) return <PageLoading />;
  if (query.isError)
    return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  if (query.data.length === 0) return <Text c="dimmed">{t('family.requestsEmpty')}</Text>;
  return (
    <ul className="activity-list" aria-label={t('family.requestsLabel')}>
      {query.data.map((request) => (
        <RequestRow key={request.id} request={request} />
      ))}
    </ul>
  );
}

const statusColors = { pending: 'yellow', approved: 'green', denied: 'red' } as const;

function RequestRow({ request }: { request: ProxyRequest }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (
    <li className="activity-item">
      <Group gap="xs" wrap="wrap">
        <Text fw={600}>{request.childName}</Text>
        <Badge color={statusColors[request.status]} variant="light" className="status-badge">
          {t(`family.status.${request.status}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('family.requestedOn', { date: formatDay(request.createdAt, i18n.language, timeZone) })}
      </Text>
      {request.status === 'denied' && request.note && (
        <Text size="sm">{t('family.deniedNote', { note: request.note })}</Text>
      )}
    </li>
  );
}
