import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useHomeSummary } from '../../api/records.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';

/**
 * Home's summary for the record in view, from one request: unread messages, requests in progress (questions waiting
 * for a reply and refill requests waiting for a decision), current medications and active health issues. Cards that
 * later features add (upcoming visit, new results, amount due) arrive in the summary's `cards` and get their own
 * card here when their pages exist: Test Results reads `cards.results.newResults`.
 */
export function HomeSummaryCards() {
  const { t } = useTranslation();
  const { patientId, isOwn } = useRecordInView();
  const summary = useHomeSummary(patientId ?? '');
  const headingId = useId();
  const lost = !isOwn && summary.error instanceof ApiError && summary.error.status === 404;

  return (
    <section aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('home.summary.heading')}
        </Title>
        {summary.isPending || lost ? (
          <PageLoading />
        ) : summary.isError ? (
          <LoadErrorAlert error={summary.error} onRetry={() => void summary.refetch()} retrying={summary.isFetching} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" component="ul" className="plain-list">
            <ResultsCard newResults={newResultsOf(summary.data.cards)} />
            <SummaryCard
              title={t('home.summary.unread')}
              count={summary.data.unreadMessages}
              to={paths.messages.list}
              linkText={t('home.summary.unreadLink')}
            >
              {t('home.summary.unreadText', { count: summary.data.unreadMessages })}
            </SummaryCard>
            <SummaryCard
              title={t('home.summary.requests')}
              count={summary.data.requestsInProgress.messages + summary.data.requestsInProgress.refills}
              to={`${paths.messages.list}?box=sent`}
              linkText={t('home.summary.requestsLink')}
            >
              {t('home.summary.requestsText', {
                messages: summary.data.requestsInProgress.messages,
                refills: summary.data.requestsInProgress.refills,
              })}
            </SummaryCard>
            <SummaryCard
              title={t('home.summary.medications')}
              count={summary.data.currentMedications}
              to={paths.health.medications}
              linkText={t('home.summary.medicationsLink')}
            >
              {t('home.summary.medicationsText', { count: summary.data.currentMedications })}
            </SummaryCard>
            <SummaryCard
              title={t('home.summary.issues')}
              count={summary.data.activeHealthIssues}
              to={paths.health.issues}
              linkText={t('home.summary.issuesLink')}
            >
              {t('home.summary.issuesText', { count: summary.data.activeHealthIssues })}
            </SummaryCard>
          </SimpleGrid>
        )}
      </Stack>
    </section>
  );
}

/** The count of new test results the server puts in `cards.results` (undefined when it sends none). */
function newResultsOf(cards: Record<string, unknown>): number | undefined {
  const results = cards.results;
  if (typeof results !== 'object' || results === null || !('newResults' in results)) return undefined;
  const count = results.newResults;
  return typeof count === 'number' ? count : undefined;
}

/** Test Results: new results since they were last opened, in words; the way in even without a count. */
function ResultsCard({ newResults }: { newResults: number | undefined }) {
  const { t } = useTranslation();
  return (
    <SummaryCard
      title={t('home.summary.results')}
      count={newResults}
      to={paths.health.results}
      linkText={t('home.summary.resultsLink')}
    >
      {newResults === undefined
        ? t('home.summary.resultsTextUnknown')
        : t('home.summary.resultsText', { count: newResults })}
    </SummaryCard>
  );
}

interface SummaryCardProps {
  title: string;
  /** Left out when the summary has no count for the card. */
  count?: number;
  to: string;
  linkText: string;
  /** The count in words, for screen readers and anyone who does not read the big number. */
  children: ReactNode;
}

function SummaryCard({ title, count, to, linkText, children }: SummaryCardProps) {
  return (
    <Paper component="li" withBorder radius="md" p="md" shadow="xs">
      <Stack gap={4}>
        <Text fw={700}>{title}</Text>
        {count !== undefined && (
          <Text className="summary-count" aria-hidden>
            {count}
          </Text>
        )}
        <Text size="sm">{children}</Text>
        <Anchor component={Link} to={to} size="sm" fw={600}>
          {linkText}
        </Anchor>
      </Stack>
    </Paper>
  );
}
