import { Alert, Anchor, Badge, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResultSummary } from '../../../shared/results.ts';
import { ApiError } from '../../api/client.ts';
import { useResultList, useSetResultPreferences, type ResultFilters } from '../../api/results.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { HealthPageFrame, HealthSection, RecordNotFound } from '../health/health-parts.tsx';
import { FlagSummary, FlagText } from '../../components/results/FlagText.tsx';
import { ResultFilterForm } from './ResultFilterForm.tsx';
import { ResultsNotice, useResultDay } from './results-parts.tsx';

/**
 * Health → Test Results: the FAQ's notice, filters (name, dates), "Show hospital results" (remembered per account),
 * and the results, newest first, a page at a time ("Show older results" keeps what is shown and adds the next page).
 * A click anywhere within a row opens the result.
 */
export function TestResultsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  return (
    <HealthPageFrame title={t('results.title')} intro={t('results.intro')}>
      <ResultsNotice />
      {patientId && <ResultList key={patientId} patientId={patientId} />}
    </HealthPageFrame>
  );
}

function ResultList({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ResultFilters>({});
  const query = useResultList(patientId, filters);
  const pages = query.data?.pages;
  const first = pages?.[0];
  const items = pages?.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.name || filters.from || filters.to);

  if (query.error instanceof ApiError && query.error.status === 404) return <RecordNotFound />;
  return (
    <>
      <HealthSection title={t('results.filters.heading')}>
        <Stack gap="md">
          <ResultFilterForm key={JSON.stringify(filters)} filters={filters} onApply={setFilters} />
          <HospitalChoice shown={first?.showHospitalResults} hidden={first?.hiddenHospitalResults ?? 0} />
        </Stack>
      </HealthSection>
      <HealthSection title={t('results.list.heading')}>
        {query.isPending ? (
          <PageLoading />
        ) : query.isError && items.length === 0 ? (
          <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : items.length === 0 ? (
          <Stack gap="sm" align="flex-start">
            <Text c="dimmed" role="status">
              {filtered ? t('results.list.emptyFiltered') : t('results.list.empty')}
            </Text>
            {filtered ? (
              <Button variant="default" onClick={() => setFilters({})}>
                {t('results.list.clearFilters')}
              </Button>
            ) : (
              <MissingResultNote />
            )}
          </Stack>
        ) : (
          <Stack gap="sm">
            <ul className="result-list" aria-label={t('results.list.label')}>
              {items.map((item) => (
                <ResultRow key={item.id} result={item} />
              ))}
            </ul>
            {query.isFetchNextPageError && (
              <LoadErrorAlert
                error={query.error}
                onRetry={() => void query.fetchNextPage()}
                retrying={query.isFetchingNextPage}
              />
            )}
            {query.hasNextPage ? (
              <Group>
                <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                  {t('results.list.showOlder')}
                </Button>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('results.list.end')}
              </Text>
            )}
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {query.isFetchingNextPage
                ? t('results.list.loadingOlder')
                : t('results.list.count', { count: items.length })}
            </Text>
            <MissingResultNote />
          </Stack>
        )}
      </HealthSection>
    </>
  );
}

/** "If there are test results you do not see, you may send a message to ask for them", with the way to do it. */
function MissingResultNote() {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {t('results.list.missing')}{' '}
      <Anchor component={Link} to={paths.messages.new} fw={600} inherit>
        {t('results.list.missingLink')}
      </Anchor>
    </Text>
  );
}

/**
 * "Show hospital results": the account's remembered choice, as the server last said it (checked at once while it is
 * being saved), and how many hospital results it hides.
 */
function HospitalChoice({ shown, hidden }: { shown: boolean | undefined; hidden: number }) {
  const { t } = useTranslation();
  const save = useSetResultPreferences();
  // While a new search loads there is no list to read the choice from: keep the last one known.
  const [known, setKnown] = useState(shown);
  if (shown !== undefined && shown !== known) setKnown(shown);
  // The person's click shows at once (in the same render as the click), and stays unless saving it fails.
  const [choice, setChoice] = useState<boolean | null>(null);
  const checked = choice ?? known ?? false;
  const choose = (show: boolean) => {
    setChoice(show);
    save.mutate({ showHospitalResults: show }, { onError: () => setChoice(null) });
  };
  return (
    <Stack gap="xs">
      <Checkbox
        label={t('results.hospital.label')}
        description={t('results.hospital.description')}
        checked={checked}
        disabled={known === undefined}
        onChange={(e) => choose(e.currentTarget.checked)}
      />
      {save.isError && (
        <Alert role="alert" color="red" variant="light">
          {t('results.hospital.saveFailed')} {describeError(save.error, t)}
        </Alert>
      )}
      {!checked && hidden > 0 && (
        <Text size="sm" fw={600} role="status">
          {t('results.hospital.hidden', { count: hidden })}
        </Text>
      )}
    </Stack>
  );
}

/** One result: its name (the link that covers the row), date, who ordered it, and what is out of range in words. */
function ResultRow({ result: r }: { result: ResultSummary }) {
  const { t } = useTranslation();
  const day = useResultDay();
  const collected = day(r.collectedAt);
  return (
    <li className="result-row">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h4" className="break-anywhere">
            <Anchor component={Link} to={paths.health.result(r.id)} className="result-row-link" inherit>
              {r.name}
            </Anchor>
          </Title>
          {r.isNew && (
            <Badge color="blue.9" variant="filled" className="status-badge">
              {t('results.list.new')}
            </Badge>
          )}
          {r.hasNote && (
            <Badge color="teal.9" variant="outline" className="status-badge">
              {t('results.list.hasNote')}
            </Badge>
          )}
          {r.hospital && (
            <Badge color="gray" variant="light" className="status-badge">
              {t('results.list.hospital')}
            </Badge>
          )}
        </Group>
        <Text size="sm" className="break-anywhere">
          {collected ? t('results.list.collected', { date: collected }) : t('results.list.collectedUnknown')}
          {r.orderedBy && (
            <>
              {' · '}
              {t('results.list.orderedBy', { name: r.orderedBy })}
            </>
          )}
        </Text>
        <RangeSummary result={r} />
      </Stack>
    </li>
  );
}

/**
 * "2 results out of range", "All in range", or nothing when nothing could be compared with a range; a single test its
 * flag in words ("High").
 */
function RangeSummary({ result: r }: { result: ResultSummary }) {
  const { t } = useTranslation();
  // A single test says its own flag ("High"), not "1 result out of range".
  if (r.componentCount === 1 && r.flag) return <FlagText flag={r.flag} />;
  if (r.outOfRange > 0)
    return <FlagSummary result={r}>{t('results.list.outOfRange', { count: r.outOfRange })}</FlagSummary>;
  if (r.flag === null) return null;
  return <FlagSummary result={r}>{t('results.list.allInRange')}</FlagSummary>;
}
