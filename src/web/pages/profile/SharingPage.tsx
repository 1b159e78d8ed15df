import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { sharingResponseSchema } from '../../../shared/proxy.ts';
import { useChangeSharing, useSharing } from '../../api/proxy.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { PasswordConfirmDialog } from '../../components/PasswordConfirmDialog.tsx';
import { useSignedInSession } from '../../components/RequireSession.tsx';
import { formatDay } from '../../format.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';
import { ShareInviteForm } from './ShareInviteForm.tsx';

type Sharing = z.infer<typeof sharingResponseSchema>;
type Grant = Sharing['grants'][number];
type Invitation = Sharing['invitations'][number];

/**
 * Share my record: who can see my own record (active and stopped), invitations not yet answered, and a form to
 * invite another account holder. Stopping a grant asks for the password again. Always about the patient's own
 * record, whichever record is in view: only a patient decides who sees their record.
 */
export function SharingPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const ownPatientId = useSignedInSession().account.patientId;
  const { isOwn } = useRecordInView();
  return (
    <ProfilePage title={t('sharing.title')}>
      <Text>{t('sharing.intro', { portalName })}</Text>
      {!isOwn && <Text size="sm">{t('sharing.ownOnly')}</Text>}
      {ownPatientId && <SharingCards ownPatientId={ownPatientId} />}
    </ProfilePage>
  );
}

function SharingCards({ ownPatientId }: { ownPatientId: string }) {
  const { t } = useTranslation();
  const query = useSharing(ownPatientId);
  if (query.isPending) return <PageLoading />;
  if (query.isError)
    return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <>
      <ProfileCard title={t('sharing.grantsHeading')}>
        <GrantList ownPatientId={ownPatientId} grants={query.data.grants} />
      </ProfileCard>
      <ProfileCard title={t('sharing.invitationsHeading')}>
        <InvitationList ownPatientId={ownPatientId} invitations={query.data.invitations} />
      </ProfileCard>
      <ProfileCard title={t('sharing.inviteHeading')}>
        <ShareInviteForm ownPatientId={ownPatientId} />
      </ProfileCard>
    </>
  );
}

function GrantList({ ownPatientId, grants }: { ownPatientId: string; grants: Grant[] }) {
  const { t } = useTranslation();
  const change = useChangeSharing(ownPatientId);
  // The grant stays named while the dialog fades out; `confirming` opens and closes it.
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [revokedName, setRevokedName] = useState<string | null>(null);

  async function handleRevoke(password: string) {
    if (!revoking) return;
    await change.mutateAsync({ kind: 'revoke', grantId: revoking.id, password });
    setRevokedName(revoking.granteeName);
    setConfirming(false);
  }

  function handleAskToRevoke(grant: Grant) {
    setRevoking(grant);
    setConfirming(true);
  }

  return (
    <>
      {revokedName && (
        <ChangeNotice key={revokedName}>{t('sharing.revokedNotice', { name: revokedName })}</ChangeNotice>
      )}
      {grants.length === 0 ? (
        <Text c="dimmed">{t('sharing.grantsEmpty')}</Text>
      ) : (
        <ul className="activity-list" aria-label={t('sharing.grantsLabel')}>
          {grants.map((grant) => (
            <GrantRow key={grant.id} grant={grant} onRevoke={() => handleAskToRevoke(grant)} />
          ))}
        </ul>
      )}
      <PasswordConfirmDialog
        opened={confirming}
        title={t('sharing.revokeTitle', { name: revoking?.granteeName ?? '' })}
        confirmLabel={t('sharing.revokeSubmit')}
        onConfirm={handleRevoke}
        onClose={() => setConfirming(false)}
      >
        {t('sharing.revokeBody', { name: revoking?.granteeName ?? '' })}
      </PasswordConfirmDialog>
    </>
  );
}

function GrantRow({ grant, onRevoke }: { grant: Grant; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const active = grant.status === 'active';
  return (
    <li className="activity-item">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{grant.granteeName}</Text>
            <Badge color={active ? 'green' : 'gray'} variant="light" className="status-badge">
              {active ? t('sharing.active') : t('sharing.revoked')}
            </Badge>
          </Group>
          <Text size="sm">
            {t('sharing.relationship', { relationship: grant.relationship })} · {t(`levels.${grant.level}`)}
          </Text>
          <Text size="sm" c="dimmed">
            {active
              ? t('sharing.since', { date: formatDay(grant.grantedAt, i18n.language, timeZone) })
              : t('sharing.stoppedOn', {
                  date: formatDay(grant.revokedAt ?? grant.grantedAt, i18n.language, timeZone),
                })}
          </Text>
          {grant.kind === 'minor' && (
            <Text size="sm" c="dimmed">
              {t('sharing.minorGrant')}
            </Text>
          )}
        </Stack>
        {active && (
          <Button
            variant="default"
            color="red"
            onClick={onRevoke}
            aria-label={t('sharing.revokeLabel', { name: grant.granteeName })}
          >
            {t('sharing.revoke')}
          </Button>
        )}
      </Group>
    </li>
  );
}

function InvitationList({ ownPatientId, invitations }: { ownPatientId: string; invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const change = useChangeSharing(ownPatientId);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function handleCancel(invitation: Invitation) {
    setError(null);
    change.mutate(
      { kind: 'cancel', invitationId: invitation.id },
      { onSuccess: () => setCancelled(invitation.inviteeName), onError: (err) => setError(describeError(err, t)) },
    );
  }

  return (
    <>
      {cancelled && <ChangeNotice key={cancelled}>{t('sharing.cancelledNotice', { name: cancelled })}</ChangeNotice>}
      {error && (
        <Alert role="alert" color="red" variant="light">
          {error}
        </Alert>
      )}
      {invitations.length === 0 ? (
        <Text c="dimmed">{t('sharing.invitationsEmpty')}</Text>
      ) : (
        <ul className="activity-list" aria-label={t('sharing.invitationsLabel')}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="activity-item">
              <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={2}>
                  <Text fw={600}>{invitation.inviteeName}</Text>
                  <Text size="sm">
                    {t('sharing.relationship', { relationship: invitation.relationship })} ·{' '}
                    {t(`levels.${invitation.level}`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('sharing.invitedOn', { date: formatDay(invitation.createdAt, i18n.language, timeZone) })}
                  </Text>
                </Stack>
                <Button
                  variant="default"
                  onClick={() => handleCancel(invitation)}
                  loading={
                    change.isPending &&
                    change.variables?.kind === 'cancel' &&
                    change.variables.invitationId === invitation.id
                  }
                  aria-label={t('sharing.cancelInvitationLabel', { name: invitation.inviteeName })}
                >
                  {t('sharing.cancelInvitation')}
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
