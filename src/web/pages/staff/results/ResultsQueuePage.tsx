import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Tabs, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { staffResultViews, type StaffResultSummary } from '../../../../shared/results.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { staffPaths } from '../staff-paths.ts';
import { FlagSummary, useFlagWords } from '../../../components/results/FlagText.tsx';
import { flagSeverity, resultDay } from '../../../components/results/result-format.ts';
import { outOfRangeWords, releaseWords, viewedWords } from './result-labels.ts';
import { useStaffResults, type StaffResultView } from './results-staff-api.ts';

/**
 * The results queue of the organisations a clinician or nurse works for: newly resulted, held, or all results, newest
 * first (abnormal first when asked), each with its release and viewed state in words; older ones a page at a time.
 */
export function ResultsQueuePage() {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const view: StaffResultView = staffResultViews.find((v) => v === params.get('view')) ?? 'new';
  const abnormalFirst = params.get('abnormalFirst') === 'true';
  const set = (next: { view?: StaffResultView; abnormalFirst?: boolean }) =>
    setParams(
      {
        view: next.view ?? view,
        ...((next.abnormalFirst ?? abnormalFirst) ? { abnormalFirst: 'true' } : {}),
      },
      { replace: true },
    );
  const query = useStaffResults(view, abnormalFirst);
  // The counts come with every page (the latest page's are the freshest); kept while another view loads.
  const fresh = query.data?.pages.at(-1)?.counts;
  const [counts, setCounts] = useState(fresh);
  if (fresh && fresh !== counts) setCounts(fresh);

  return (
    <StaffFrame title={t('results.title')}>
      <Tabs
        value={view}
        onChange={(v) => v && set({ view: v as StaffResultView })}
        keepMounted={false}
        classNames={{ tab: 'queue-tab' }}
      >
        <Tabs.List aria-label={t('results.viewsLabel')}>
          {staffResultViews.map((v) => {
            const count = v === 'all' ? undefined : counts?.[v];
            return (
              <Tabs.Tab
                key={v}
                value={v}
                rightSection={
                  count === undefined ? undefined : (
                    <Badge size="sm" variant={count > 0 ? 'filled' : 'light'} color="dark" aria-hidden>
                      {count}
                    </Badge>
                  )
                }
              >
                {t(`results.views.${v}`)}
                {count !== undefined && <VisuallyHidden>({t('results.tabCount', { count })})</VisuallyHidden>}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {staffResultViews.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            <Stack gap="md">
              <Switch
                label={t('results.abnormalFirst')}
                description={t('results.abnormalFirstHint')}
                checked={abnormalFirst}
                onChange={(e) => set({ abnormalFirst: e.currentTarget.checked })}
              />
              <ResultItems query={query} view={v} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </StaffFrame>
  );
}

function ResultItems({ query, view }: { query: ReturnType<typeof useStaffResults>; view: StaffResultView }) {
  const { t } = useTranslation('staff');
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ListState
      isPending={query.isPending}
      error={items.length === 0 ? query.error : null}
      isEmpty={items.length === 0}
      empty={t(`results.empty.${view}`)}
      onRetry={() => void query.refetch()}
    >
      <Stack gap="sm">
        <Stack component="ul" gap="sm" className="plain-list" aria-label={t(`results.listLabel.${view}`)}>
          {items.map((item) => (
            <ResultRow key={`${item.patientId}/${item.id}`} item={item} />
          ))}
        </Stack>
        {query.isFetchNextPageError && (
          <Text size="sm" c="red.9" role="alert">
            {t('results.moreFailed')}
          </Text>
        )}
        {query.hasNextPage ? (
          <Group>
            <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('results.showMore')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('results.end')}
          </Text>
        )}
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {query.isFetchingNextPage ? t('results.loadingMore') : t('results.shown', { count: items.length })}
        </Text>
      </Stack>
    </ListState>
  );
}

function ResultRow({ item }: { item: StaffResultSummary }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const flagWords = useFlagWords();
  const severity = flagSeverity(item.flag);
  const rangeLine = outOfRangeWords(item, flagWords(item.flag), t);
  const when = item.resultedAt ?? item.collectedAt;
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      className={severity === 'critical' || severity === 'out' ? `result-row result-row-${severity}` : 'result-row'}
    >
      <Stack gap={6}>
        <Anchor component={Link} to={staffPaths.result(item.patientId, item.id)} fw={600} className="break-anywhere">
          {t('results.rowTitle', { name: item.name, patient: item.patientName })}
        </Anchor>
        <Group className="result-row-line" wrap="wrap">
          <Text size="sm">
            {when
              ? t(item.resultedAt ? 'results.resultedOn' : 'results.collectedOn', {
                  date: resultDay(when, i18n.language, timeZone),
                })
              : t('results.noDate')}
          </Text>
          {item.hospital && <Text size="sm">{t('results.hospital')}</Text>}
          {rangeLine && <FlagSummary result={item}>{rangeLine}</FlagSummary>}
        </Group>
        <Group className="result-row-line" wrap="wrap">
          <Text
            size="sm"
            fw={600}
            c={item.release === 'released' ? 'var(--mantine-color-green-light-color)' : undefined}
          >
            {releaseWords(item, t, i18n.language, timeZone)}
          </Text>
          <Text size="sm" c="dimmed">
            {viewedWords(item.viewedAt, t, i18n.language, timeZone)}
          </Text>
          {item.hasNote && (
            <Badge color="dark" variant="outline">
              {t('results.hasNote')}
            </Badge>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
