import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { formatDateTime, formatLongDay } from '../format.ts';

/**
 * Due time (overdue said in words, not only colour), status and who is working on it; for a closed item, who closed
 * it and when ("Closed by Dana Reyes, December 2, 2026").
 */
export function WorkItemMeta({ item }: { item: WorkItem }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  return (
    <Group gap="xs" wrap="wrap">
      {item.status === 'closed' ? (
        <Text size="sm">{closedLine(item, t, i18n.language, timeZone)}</Text>
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
      {item.status !== 'closed' && (
        <Text size="sm" c="dimmed">
          {item.assignee ? t('queue.assignee', { name: item.assignee.displayName }) : t('queue.unassigned')}
        </Text>
      )}
    </Group>
  );
}

function closedLine(item: WorkItem, t: TFunction<'staff'>, language: string, timeZone: string): string {
  const date = formatLongDay(item.closedAt ?? item.dueAt, language, timeZone);
  return item.closedBy ? t('queue.closedBy', { name: item.closedBy.displayName, date }) : t('queue.closedOn', { date });
}
