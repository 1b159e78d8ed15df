import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Thread } from '../../../shared/messaging.ts';
import { formatCalendarDate, formatMoment } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { Link } from 'react-router';

/** What a record request or chart correction asked for, and what was decided, as the patient reads it. */
export function RequestDetails({ thread }: { thread: Thread }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const { recordRequest, chartCorrection, outcome } = thread;
  if (!recordRequest && !chartCorrection && !outcome) return null;
  const date = (d: string) => formatCalendarDate(d, i18n.language);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('messages.thread.requestHeading')}
        </Title>
        <dl className="detail-list">
          {recordRequest && (
            <>
              <dt>{t('messages.compose.recordsLabel')}</dt>
              <dd className="preserve-whitespace break-anywhere">{recordRequest.records}</dd>
              <dt>{t('messages.thread.dates')}</dt>
              <dd>
                {recordRequest.fromDate || recordRequest.toDate
                  ? t('messages.thread.dateRange', {
                      from: recordRequest.fromDate ? date(recordRequest.fromDate) : t('messages.thread.anyDate'),
                      to: recordRequest.toDate ? date(recordRequest.toDate) : t('messages.thread.anyDate'),
                    })
                  : t('messages.thread.allDates')}
              </dd>
            </>
          )}
          {chartCorrection && (
            <>
              <dt>{t('messages.compose.whatIsWrongLabel')}</dt>
              <dd className="preserve-whitespace break-anywhere">{chartCorrection.whatIsWrong}</dd>
              <dt>{t('messages.compose.shouldSayLabel')}</dt>
              <dd className="preserve-whitespace break-anywhere">{chartCorrection.shouldSay}</dd>
            </>
          )}
        </dl>
        {outcome ? (
          <Alert
            color={outcome.decision === 'denied' ? 'gray' : 'green'}
            variant="light"
            title={t(`messages.outcomes.${outcome.decision}`)}
          >
            <Stack gap={4}>
              {outcome.method && (
                <Text size="sm">
                  {t('messages.outcomes.method', {
                    method: t(`messages.methods.${outcome.method}`, { defaultValue: outcome.method }),
                  })}
                </Text>
              )}
              {outcome.note && (
                <Text size="sm" className="preserve-whitespace break-anywhere">
                  {outcome.decision === 'accepted'
                    ? t('messages.outcomes.amendment', { note: outcome.note })
                    : outcome.decision === 'denied'
                      ? t('messages.outcomes.reason', { note: outcome.note })
                      : t('messages.outcomes.note', { note: outcome.note })}
                </Text>
              )}
              {outcome.decision === 'fulfilled' && outcome.method === 'portal' && (
                <Anchor component={Link} to={paths.health.documents} size="sm" fw={600}>
                  {t('messages.outcomes.openDocuments')}
                </Anchor>
              )}
              {outcome.decision === 'accepted' && (
                <Anchor component={Link} to={paths.health.documents} size="sm" fw={600}>
                  {t('messages.outcomes.seeCorrections')}
                </Anchor>
              )}
              <Text size="sm" c="dimmed">
                {t('messages.outcomes.decidedAt', { when: formatMoment(outcome.decidedAt, i18n.language, timeZone) })}
              </Text>
            </Stack>
          </Alert>
        ) : (
          <Text size="sm">{t('messages.thread.waitingDecision')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
