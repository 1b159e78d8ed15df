import { Anchor, Container, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useRecordSummary } from '../api/proxy.ts';
import { LoadErrorAlert, PageLoading } from '../components/PageStatus.tsx';
import { useSignedInSession } from '../components/RequireSession.tsx';
import { formatCalendarDate } from '../format.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { paths } from '../paths.ts';
import { useRecordInView } from '../session/use-record-in-view.ts';
import { HomeSummaryCards } from './home/HomeSummaryCards.tsx';

/**
 * The signed-in patient's home: a welcome, the record in view (their own, or one they act for as a proxy), its
 * summary (unread messages, requests in progress, medications and health issues), quick links and the account links.
 */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  usePageTitle(t('home.title'));

  return (
    <Container size="lg" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('home.welcome', { name: session.account.displayName })}
        </Title>
        <RecordInViewCard />
        <HomeSummaryCards />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <QuickLinks />
          <AccountLinks />
        </SimpleGrid>
      </Stack>
    </Container>
  );
}

/** The account's own pages, with a nudge towards 2-step verification while it is off. */
function AccountLinks() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('home.accountHeading')}
        </Title>
        <List spacing="xs">
          <List.Item>
            <Anchor component={Link} to={paths.profile.contact}>
              {t('profile.nav.contact')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={paths.profile.security}>
              {t('profile.nav.security')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={paths.profile.twoStep}>
              {t('profile.nav.twoStep')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={paths.profile.activity}>
              {t('profile.nav.activity')}
            </Anchor>
          </List.Item>
        </List>
        {!session.account.twoStepEnabled && <Text size="sm">{t('home.twoStepTip')}</Text>}
      </Stack>
    </Paper>
  );
}

/**
 * The FAQ's "Quick Links" on Home: Ask a Question (medical and customer-service questions), the messages and the
 * medications, for the record in view. Only pages that exist are listed: features still to come are not promised.
 */
function QuickLinks() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('home.quickLinksHeading')}
        </Title>
        <List spacing="xs">
          <List.Item>
            <Anchor component={Link} to={paths.messages.new} fw={600}>
              {t('messages.askQuestion')}
            </Anchor>
            <Text size="sm">{t('home.askQuestionHint')}</Text>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={paths.messages.list} fw={600}>
              {t('messages.title')}
            </Anchor>
            <Text size="sm">{t('home.messagesHint')}</Text>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={paths.health.medications} fw={600}>
              {t('health.medications.title')}
            </Anchor>
            <Text size="sm">{t('home.medicationsHint')}</Text>
          </List.Item>
        </List>
      </Stack>
    </Paper>
  );
}

/**
 * Whose record this is: name and birth date from the record's summary. A 404 means the access ended; the
 * record-in-view watcher then switches back to the own record and says so, so nothing is shown here for it.
 */
function RecordInViewCard() {
  const { t, i18n } = useTranslation();
  const { patientId, isOwn, record } = useRecordInView();
  const summary = useRecordSummary(patientId);
  const otherName = summary.data?.displayName ?? record?.displayName;
  const lost = !isOwn && summary.error instanceof ApiError && summary.error.status === 404;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {isOwn || !otherName ? t('home.recordHeading') : t('home.otherRecordHeading', { name: otherName })}
        </Title>
        {summary.isPending || lost ? (
          <PageLoading />
        ) : summary.isError ? (
          <LoadErrorAlert error={summary.error} onRetry={() => void summary.refetch()} retrying={summary.isFetching} />
        ) : (
          <>
            <dl className="detail-list">
              <dt>{t('home.name')}</dt>
              <dd>{summary.data.displayName}</dd>
              <dt>{t('home.birthDate')}</dt>
              <dd>
                {summary.data.birthDate
                  ? formatCalendarDate(summary.data.birthDate, i18n.language)
                  : t('home.noBirthDate')}
              </dd>
            </dl>
          </>
        )}
      </Stack>
    </Paper>
  );
}
