import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { formatDateTime } from '../format.ts';

/** Due time (overdue said in words, not only colour), status and who is working on it. */
export function WorkItemMeta({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  return (
    <Group gap="xs" wrap="wrap">
      {item.status === 'closed' ? (
        <Text size="sm">{t('queue.closedAt', { when: formatDateTime(item.closedAt ?? item.dueAt, timeZone) })}</Text>
      ) : (
        <Text size="sm" fw={item.overdue ? 700 : 400} c={item.overdue ? 'red.9' : undefined}>
          {t('queue.due', { when: formatDateTime(item.dueAt, timeZone) })}
        </Text>
      )}
      {item.overdue && (
        <Badge color="red.9" variant="filled">
          {t('queue.overdue')}
        </Badge>
      )}
      <Badge color="dark" variant={item.status === 'closed' ? 'light' : 'outline'}>
        {t(`status.${item.status}`)}
      </Badge>
      <Text size="sm" c="dimmed">
        {item.assignee ? t('queue.assignee', { name: item.assignee.displayName }) : t('queue.unassigned')}
      </Text>
    </Group>
  );
}
