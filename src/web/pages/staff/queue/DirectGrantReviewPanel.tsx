import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { DetailItem } from '../DetailItem.tsx';

/** Access to a minor's record that a colleague gave directly: who, to whom, and why, for HIM to review. */
export function DirectGrantReviewPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const d = item.details as { parentName?: unknown; relationship?: unknown; reason?: unknown; grantedBy?: unknown };
  const text = (v: unknown) => (typeof v === 'string' && v ? v : '—');
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('directGrant.heading')}
        </Title>
        <Text size="sm">{t('directGrant.intro')}</Text>
        <Stack component="dl" gap="xs" m={0}>
          <DetailItem label={t('directGrant.child')} value={item.patient?.displayName ?? '—'} />
          <DetailItem label={t('directGrant.parent')} value={text(d.parentName)} />
          <DetailItem label={t('directGrant.relationship')} value={text(d.relationship)} />
          <DetailItem label={t('directGrant.grantedBy')} value={text(d.grantedBy)} />
          <DetailItem label={t('directGrant.reason')} value={text(d.reason)} />
        </Stack>
      </Stack>
    </Paper>
  );
}
