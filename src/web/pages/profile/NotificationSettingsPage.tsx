import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationSettings } from '../../../shared/notifications.ts';
import { useNotificationSettings } from '../../api/notifications.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { NotificationChoicesForm } from './NotificationChoicesForm.tsx';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

/**
 * Profile → Notifications: where notifications go (only verified contacts receive them; the bell always shows
 * everything) and, per event, whether an email or a text is sent as well. Security events are always sent.
 */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { portalName } = usePortalConfig();
  const settingsQuery = useNotificationSettings();
  const settings = settingsQuery.data;

  return (
    <ProfilePage title={t('notificationSettings.title')}>
      <Text>{t('notificationSettings.intro', { portalName })}</Text>
      {settingsQuery.isPending ? (
        <PageLoading />
      ) : settingsQuery.isError || !settings ? (
        <LoadErrorAlert
          error={settingsQuery.error}
          onRetry={() => void settingsQuery.refetch()}
          retrying={settingsQuery.isFetching}
        />
      ) : (
        <>
          <ProfileCard title={t('notificationSettings.whereHeading')}>
            <ContactList contacts={settings.contacts} />
            <Text size="sm">{t('notificationSettings.onlyVerified')}</Text>
            <Text size="sm">{t('notificationSettings.reminder')}</Text>
          </ProfileCard>
          <ProfileCard title={t('notificationSettings.eventsHeading')}>
            <NotificationChoicesForm settings={settings} />
          </ProfileCard>
        </>
      )}
    </ProfilePage>
  );
}

function ContactList({ contacts }: { contacts: NotificationSettings['contacts'] }) {
  const { t } = useTranslation();
  return (
    <dl className="detail-list">
      <dt>{t('notificationSettings.email')}</dt>
      <dd>
        <ContactLine
          value={contacts.email}
          verified={contacts.emailVerified}
          addLabel={t('notificationSettings.addEmailLink')}
        />
      </dd>
      <dt>{t('notificationSettings.phone')}</dt>
      <dd>
        <ContactLine
          value={contacts.phone}
          verified={contacts.phoneVerified}
          addLabel={t('notificationSettings.addPhoneLink')}
        />
      </dd>
    </dl>
  );
}

/** One contact: the value and whether it is verified (in words), with the way to Contact details to verify or add it. */
function ContactLine({ value, verified, addLabel }: { value: string | null; verified: boolean; addLabel: string }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <Stack gap={2} align="flex-start">
        <Text span c="dimmed">
          {t('notificationSettings.none')}
        </Text>
        <Anchor component={Link} to={paths.profile.contact} size="sm">
          {addLabel}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Group gap="xs" wrap="wrap">
        <span className="break-anywhere">{value}</span>
        <Badge color={verified ? 'green' : 'yellow'} variant="light" className="status-badge">
          {verified ? t('notificationSettings.verified') : t('notificationSettings.notVerified')}
        </Badge>
      </Group>
      {!verified && (
        <Anchor component={Link} to={paths.profile.contact} size="sm">
          {t('notificationSettings.verifyLink')}
        </Anchor>
      )}
    </Stack>
  );
}
