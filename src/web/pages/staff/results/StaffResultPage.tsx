import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StaffResultDetail } from '../../../../shared/results.ts';
import { ApiError } from '../../../api/client.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { DetailItem } from '../DetailItem.tsx';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { PatientChart } from '../records/PatientChart.tsx';
import { staffPaths } from '../staff-paths.ts';
import { FlagSummary, useFlagWords } from '../../../components/results/FlagText.tsx';
import { resultDay } from '../../../components/results/result-format.ts';
import { ResultTextSection } from '../../../components/results/ResultTextSection.tsx';
import { ResultValuesTable } from '../../../components/results/ResultValuesTable.tsx';
import { outOfRangeWords, viewedWords } from './result-labels.ts';
import { ResultMessageForm } from './ResultMessageForm.tsx';
import { ResultNoteAndRelease } from './ResultNoteAndRelease.tsx';
import { useStaffResult } from './results-staff-api.ts';

/**
 * One result beside the patient's read-only chart (as a work item is): its values, release and viewed state, the
 * note for the patient, and the release.
 */
export function StaffResultPage() {
  const { t } = useTranslation('staff');
  const { patientId = '', resultId = '' } = useParams();
  const query = useStaffResult(patientId, resultId);
  const result = query.data;
  const notFound = query.error instanceof ApiError && query.error.status === 404;

  return (
    <StaffFrame title={result ? result.name : notFound ? t('results.notFound') : t('results.resultTitle')}>
      <Anchor component={Link} to={staffPaths.results} size="sm">
        {t('results.back')}
      </Anchor>
      {notFound ? (
        <Text>{t('results.notFoundBody')}</Text>
      ) : (
        <ListState
          isPending={query.isPending}
          error={query.error}
          isEmpty={false}
          empty=""
          onRetry={() => void query.refetch()}
        >
          {result && (
            <div className="work-item-layout">
              <div className="work-item-main">
                <ResultBody result={result} />
              </div>
              <PatientChart patient={{ id: result.patientId, displayName: result.patientName }} />
            </div>
          )}
        </ListState>
      )}
    </StaffFrame>
  );
}

function ResultBody({ result }: { result: StaffResultDetail }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const day = (value: string | null) => (value ? resultDay(value, i18n.language, timeZone) : t('results.notRecorded'));
  const { t: tValues } = useTranslation();
  const flagWords = useFlagWords();
  const rangeLine = outOfRangeWords(result, flagWords(result.flag), t);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Text>
            {t('item.patient')}{' '}
            <Anchor component={Link} to={staffPaths.patient(result.patientId)} fw={600}>
              {result.patientName}
            </Anchor>
          </Text>
          {rangeLine && (
            <Text>
              <FlagSummary result={result}>{rangeLine}</FlagSummary>
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
            <DetailItem label={t('results.collected')} value={day(result.collectedAt)} />
            <DetailItem label={t('results.resulted')} value={day(result.resultedAt)} />
            <DetailItem label={t('results.orderedBy')} value={result.orderedBy ?? t('results.notRecorded')} />
            <DetailItem label={t('results.performer')} value={result.performer ?? t('results.notRecorded')} />
            <DetailItem label={t('results.viewed')} value={viewedWords(result.viewedAt, t, i18n.language, timeZone)} />
            {result.reviewedBy && <DetailItem label={t('results.reviewedBy')} value={result.reviewedBy} />}
            {result.hospital && <DetailItem label={t('results.where')} value={t('results.hospitalLong')} />}
          </SimpleGrid>
        </Stack>
      </Paper>
      {result.conclusion && (
        <ResultTextSection kind="result-conclusion" title={t('results.conclusion')} text={result.conclusion} />
      )}
      {(result.components.length > 0 || !result.conclusion) && (
        <Paper component="section" aria-labelledby="result-values-heading" withBorder radius="md" p="md">
          <Title order={2} size="h4" id="result-values-heading" mb="xs">
            {t('results.valuesHeading')}
          </Title>
          {result.components.length > 0 ? (
            <ResultValuesTable name={result.name} components={result.components} />
          ) : (
            <Text c="dimmed">{tValues('resultValues.noValues')}</Text>
          )}
        </Paper>
      )}
      <ResultNoteAndRelease result={result} />
      <ResultMessageForm result={result} />
    </Stack>
  );
}
