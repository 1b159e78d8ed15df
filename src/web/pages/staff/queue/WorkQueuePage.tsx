import { Anchor, Badge, Button, Group, Paper, Radio, Stack, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { WorkItem, WorkItemStatusFilter } from '../../../../shared/work-queue.ts';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { useStaffMay } from '../staff-access.ts';
import { staffPaths } from '../staff-paths.ts';
import { useWorkItemAction, useWorkItems, useWorkPools } from '../staff-api.ts';
import { itemSummary, poolLabel } from './queue-labels.ts';
import { WorkItemMeta } from './WorkItemMeta.tsx';

/** Roles whose queues are their organisations' care teams (the server's POOLS): none until they belong to one. */

/**
 * The work queue: a tab per pool the user works with its count of open work (the first tab with work waiting is
 * shown first), open work soonest due first (overdue marked), claim in place.
 */
export function WorkQueuePage() {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const pools = useWorkPools();
  const available = pools.data?.pools ?? [];
  const names = pools.data?.names;
  const counts = pools.data?.counts ?? {};
  // The tab asked for in the address, else the first with work waiting, else the first.
  const pool = available.includes(params.get('pool') ?? '')
    ? params.get('pool')!
    : (available.find((p) => (counts[p] ?? 0) > 0) ?? available[0]);
  const may = useStaffMay();
  const status: WorkItemStatusFilter = params.get('status') === 'closed' ? 'closed' : 'active';
  const set = (next: { pool?: string; status?: string }) =>
    setParams({ pool: next.pool ?? pool ?? '', status: next.status ?? status });

  return (
    <StaffFrame title={t('queue.title')}>
      <ListState
        isPending={pools.isPending}
        error={pools.error}
        isEmpty={available.length === 0}
        empty={may('chart.read') ? t('queue.noCareTeam') : t('queue.noPools')}
        onRetry={() => void pools.refetch()}
      >
        <Stack gap="md">
          <Tabs
            value={pool ?? null}
            onChange={(p) => p && set({ pool: p })}
            keepMounted={false}
            classNames={{ tab: 'queue-tab' }}
          >
            <Tabs.List aria-label={t('queue.poolsLabel')}>
              {available.map((p) => (
                <Tabs.Tab
                  key={p}
                  value={p}
                  rightSection={
                    <Badge size="sm" variant={(counts[p] ?? 0) > 0 ? 'filled' : 'light'} color="dark" aria-hidden>
                      {counts[p] ?? 0}
                    </Badge>
                  }
                >
                  {poolLabel(p, t, names)}
                  <VisuallyHidden>, {t('queue.tabCount', { count: counts[p] ?? 0 })}</VisuallyHidden>
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {available.map((p) => (
              <Tabs.Panel key={p} value={p} pt="md">
                <Stack gap="md">
                  <Radio.Group label={t('queue.show')} value={status} onChange={(s) => set({ status: s })}>
                    <Group gap="lg" mt="xs">
                      <Radio value="active" label={t('queue.showActive')} />
                      <Radio value="closed" label={t('queue.showClosed')} />
                    </Group>
                  </Radio.Group>
                  <PoolItems pool={p} status={status} poolName={poolLabel(p, t, names)} />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      </ListState>
    </StaffFrame>
  );
}

function PoolItems({ pool, status, poolName }: { pool: string; status: WorkItemStatusFilter; poolName: string }) {
  const { t } = useTranslation('staff');
  const items = useWorkItems(pool, status);
  const list = items.data?.items ?? [];
  return (
    <ListState
      isPending={items.isPending}
      error={items.error}
      isEmpty={list.length === 0}
      empty={status === 'closed' ? t('queue.emptyClosed') : t('queue.empty')}
      onRetry={() => void items.refetch()}
    >
      <Stack component="ul" gap="sm" className="plain-list" aria-label={t('queue.itemsLabel', { pool: poolName })}>
        {list.map((item) => (
          <WorkItemRow key={item.id} item={item} />
        ))}
      </Stack>
    </ListState>
  );
}

function WorkItemRow({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const action = useWorkItemAction(item.id);
  return (
    <Paper component="li" withBorder radius="md" p="md" className={item.overdue ? 'work-item overdue' : 'work-item'}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Anchor component={Link} to={staffPaths.queueItem(item.id)} fw={600}>
            {itemSummary(item, t)}
          </Anchor>
          <WorkItemMeta item={item} />
          {action.error && (
            <Text size="sm" c="red.9" role="alert">
              {action.error.message}
            </Text>
          )}
        </Stack>
        {item.actions.canClaim && (
          <Button
            size="sm"
            variant="light"
            loading={action.isPending}
            onClick={() => action.mutate({ kind: 'claim' })}
            aria-label={t('queue.claimItem', { item: itemSummary(item, t) })}
          >
            {t('queue.claim')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
