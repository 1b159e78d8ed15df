import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ResultDetail, ResultNote } from '../../../shared/results.ts';
import { useResultDetail } from '../../api/results.ts';
import { ResultTextSection } from '../../components/results/ResultTextSection.tsx';
import { ResultValuesTable } from '../../components/results/ResultValuesTable.tsx';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { Details, HealthPageFrame, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { resultAboutPath } from './result-words.ts';
import { ResultsNotice, useResultMoment } from './results-parts.tsx';

/**
 * One test result: the provider's note first when there is one, then what the report says in words (a pathology
 * diagnosis, a genetic finding) when it says something, when it was collected and resulted, who ordered and performed
 * it, then each value with its unit, its reference range (and where the range came from), its flag in words, and a way
 * to its trend when there is more than one value (a report without values has no table). The FAQ's notice and a way
 * to ask about it.
 */
export function ResultPage() {
  const { t } = useTranslation();
  const { resultId = '' } = useParams();
  const { patientId } = useRecordInView();
  const result = useResultDetail(patientId ?? '', resultId);
  return (
    <HealthPageFrame
      title={result.data?.name ?? t('results.result.title')}
      back={{ to: paths.health.results, label: t('results.backToResults') }}
    >
      <QueryBlock query={result}>{(data) => <ResultBody result={data} />}</QueryBlock>
    </HealthPageFrame>
  );
}

function ResultBody({ result: r }: { result: ResultDetail }) {
  const { t } = useTranslation();
  const moment = useResultMoment();
  const notRecorded = t('results.result.notRecorded');
  return (
    <>
      <ResultsNotice />
      {r.note && <NoteCard note={r.note} />}
      {r.conclusion && (
        <ResultTextSection kind="result-conclusion" title={t('results.result.conclusion')} text={r.conclusion} />
      )}
      <HealthSection title={t('results.result.details')}>
        <Details
          rows={[
            [t('results.result.collected'), moment(r.collectedAt) ?? notRecorded],
            [t('results.result.resulted'), moment(r.resultedAt) ?? notRecorded],
            [t('results.result.orderedBy'), r.orderedBy ?? notRecorded],
            [t('results.result.performedBy'), r.performer ?? notRecorded],
          ]}
        />
      </HealthSection>
      {r.components.length > 0 ? (
        <HealthSection title={t('results.result.values')}>
          <ResultValuesTable name={r.name} components={r.components} trendPath={paths.health.resultTrend} />
        </HealthSection>
      ) : (
        !r.conclusion && (
          <HealthSection title={t('results.result.values')}>
            <Text>{t('resultValues.noValues')}</Text>
          </HealthSection>
        )
      )}
      <Group>
        <Button component={Link} to={resultAboutPath(r)} variant="light">
          {t('results.result.ask')}
        </Button>
      </Group>
    </>
  );
}

/** The provider's note, prominent, with who wrote it and when. */
function NoteCard({ note }: { note: ResultNote }) {
  const { t } = useTranslation();
  const moment = useResultMoment();
  return (
    <ResultTextSection
      kind="result-note"
      title={t('results.result.note')}
      text={note.text}
      byline={t('results.result.noteBy', { name: note.by, date: moment(note.at) })}
    />
  );
}
