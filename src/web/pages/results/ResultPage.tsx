import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ResultComponent, ResultDetail, ResultNote } from '../../../shared/results.ts';
import { useResultDetail } from '../../api/results.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { Details, HealthPageFrame, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { rangeText, resultAboutPath, valueWithUnit } from './result-words.ts';
import { FlagText, RangeSource, ResultsNotice, useResultMoment } from './results-parts.tsx';

/**
 * One test result: when it was collected and resulted, who ordered and performed it, the provider's note first when
 * there is one, then each value with its unit, its reference range (and where the range came from), its flag in
 * words, and a way to its trend when there is more than one value. The FAQ's notice and a way to ask about it.
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
      <HealthSection title={t('results.result.values')}>
        <ComponentTable result={r} />
      </HealthSection>
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
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      shadow="xs"
      className="result-note"
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {t('results.result.note')}
        </Title>
        <Text className="preserve-lines break-anywhere">{note.text}</Text>
        <Text size="sm" c="dimmed">
          {t('results.result.noteBy', { name: note.by, date: moment(note.at) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Each value as a row: name, value with unit, range (and its source), flag in words, and a trend link. */
function ComponentTable({ result: r }: { result: ResultDetail }) {
  const { t } = useTranslation();
  const hasTrend = r.components.some((c) => c.valueCount > 1 && c.code);
  return (
    <Table className="result-table" aria-label={t('results.result.valuesLabel', { name: r.name })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('results.result.component')}</Table.Th>
          <Table.Th scope="col">{t('results.result.value')}</Table.Th>
          <Table.Th scope="col">{t('results.result.range')}</Table.Th>
          <Table.Th scope="col">{t('results.result.flag')}</Table.Th>
          {hasTrend && <Table.Th scope="col">{t('results.result.trend')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {r.components.map((c) => (
          <ComponentRow key={c.id} component={c} withTrend={hasTrend} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ComponentRow({ component: c, withTrend }: { component: ResultComponent; withTrend: boolean }) {
  const { t, i18n } = useTranslation();
  const value = valueWithUnit(c.value, c.valueText, c.unit, i18n.language);
  const range = c.range ? rangeText(c.range, c.unit, t, i18n.language) : null;
  const label = (key: string) => ({ 'data-label': t(`results.result.${key}`) });
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600} className="break-anywhere">
        {c.name}
      </Table.Th>
      <Table.Td {...label('value')} className="break-anywhere">
        <span>
          <Text component="span" fw={600} className="result-value">
            {value ?? t('results.result.noValue')}
          </Text>
        </span>
      </Table.Td>
      <Table.Td {...label('range')}>
        <span>
          <span>{range ?? t('results.result.noRange')}</span>
          {c.range && range && <RangeSource range={c.range} />}
        </span>
      </Table.Td>
      <Table.Td {...label('flag')}>
        <span>
          {c.flag ? (
            <FlagText flag={c.flag} />
          ) : (
            <Text component="span" size="sm" c="dimmed">
              {t('results.result.noFlag')}
            </Text>
          )}
        </span>
      </Table.Td>
      {withTrend && (
        <Table.Td {...label('trend')}>
          <span>
            {c.valueCount > 1 && c.code ? (
              <Anchor
                component={Link}
                to={paths.health.resultTrend(c.code)}
                size="sm"
                className="result-trend-link"
                aria-label={t('results.result.seeTrendOf', { name: c.name })}
              >
                {t('results.result.seeTrend')}
              </Anchor>
            ) : null}
          </span>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
