import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityItem } from '../../../shared/identity.ts';
import { useAccountActivity } from '../../api/account.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { describeBrowser } from '../../user-agent.ts';
import { ProfileCard, ProfilePage } from './ProfileCard.tsx';

/** Account activity: recent sign-ins (and failed attempts) and security changes, so a patient can spot what was not them. */
export function ActivityPage() {
  const { t } = useTranslation();
  const activityQuery = useAccountActivity();

  return (
    <ProfilePage title={t('activity.title')}>
      <Text>{t('activity.intro')}</Text>
      <ProfileCard title={t('activity.recent')}>
        {activityQuery.isPending ? (
          <PageLoading />
        ) : activityQuery.isError ? (
          <LoadErrorAlert
            error={activityQuery.error}
            onRetry={() => void activityQuery.refetch()}
            retrying={activityQuery.isFetching}
          />
        ) : activityQuery.data.length === 0 ? (
          <Text c="dimmed">{t('activity.empty')}</Text>
        ) : (
          <ul className="activity-list">
            {activityQuery.data.map((item, index) => (
              <ActivityRow key={`${item.at}-${item.action}-${index}`} item={item} />
            ))}
          </ul>
        )}
      </ProfileCard>
      <Text size="sm">{t('activity.notYou')}</Text>
    </ProfilePage>
  );
}

function ActivityRow({ item }: { item: ActivityItem }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const when = new Intl.DateTimeFormat(i18n.language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(item.at));
  const what = t(`activity.actions.${item.action.replaceAll('.', '_')}`, {
    defaultValue: t('activity.actions.other', { action: item.action }),
  });
  const browser = describeBrowser(item.userAgent);
  return (
    <li className="activity-item">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{what}</Text>
        {item.outcome === 'failure' && (
          <Badge color="red" variant="light" className="status-badge">
            {t('activity.failed')}
          </Badge>
        )}
      </Group>
      <Text size="sm">
        <time dateTime={item.at}>{when}</time>
      </Text>
      <Text size="sm" c="dimmed">
        {t('activity.from', {
          address: item.ip ?? t('activity.unknownAddress'),
          browser: describeBrowserInWords(browser, t),
        })}
      </Text>
    </li>
  );
}

function describeBrowserInWords(
  found: ReturnType<typeof describeBrowser>,
  t: (key: string, options?: Record<string, string>) => string,
): string {
  if (found?.browser && found.system) return t('activity.browserOn', { browser: found.browser, system: found.system });
  return found?.browser ?? found?.system ?? t('activity.unknownBrowser');
}
