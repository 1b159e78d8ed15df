import './results-strings.ts';
import './results.css';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ResultTrend } from '../../../shared/results.ts';
import { useResultTrend } from '../../api/results.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { EmptyList, HealthPageFrame, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { FlagText, useFlagWords } from '../../components/results/FlagText.tsx';
import { rangeText, valueWithUnit } from '../../components/results/result-format.ts';
import { RangeSource } from '../../components/results/RangeSource.tsx';
import { useResultDay } from './results-parts.tsx';
import { TrendChart } from './TrendChart.tsx';

/**
 * One test's values over time: a line graph (reference range shaded, out-of-range values drawn as triangles) with a
 * text alternative that sums it up, and the same values as a table, which is the page's primary accessible content;
 * each row links to its result. Its own chunk: it brings the chart library.
 */
export function ResultTrendPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { patientId } = useRecordInView();
  const trend = useResultTrend(patientId ?? '', code);
  return (
    <HealthPageFrame
      title={trend.data ? t('results.trend.title', { name: trend.data.name }) : t('results.trend.titleLoading')}
      intro={t('results.trend.intro')}
      back={{ to: paths.health.results, label: t('results.backToResults') }}
    >
      <QueryBlock query={trend}>{(data) => <TrendBody trend={data} />}</QueryBlock>
    </HealthPageFrame>
  );
}

function TrendBody({ trend }: { trend: ResultTrend }) {
  const { t, i18n } = useTranslation();
  const summary = useTrendSummary(trend);
  if (trend.points.length === 0)
    return (
      <HealthSection title={t('results.trend.tableHeading')}>
        <EmptyList>{t('results.trend.empty')}</EmptyList>
      </HealthSection>
    );
  const range = trend.range ? rangeText(trend.range, trend.unit, t, i18n.language) : null;
  return (
    <>
      <HealthSection title={t('results.trend.chartHeading')}>
        <figure className="plain-figure">
          <TrendChart trend={trend} summary={summary} />
          <Stack component="figcaption" gap={2} mt="sm">
            <Text size="sm">{summary}</Text>
            {trend.range && range && (
              <Text size="sm">
                {t('results.trend.rangeShaded', { range })} <RangeSource range={trend.range} />
              </Text>
            )}
          </Stack>
        </figure>
      </HealthSection>
      <HealthSection title={t('results.trend.tableHeading')}>
        <TrendTable trend={trend} />
      </HealthSection>
    </>
  );
}

/** "Glucose, 11 values from March 3, 2012 to June 1, 2020, latest 96 mg/dL (High)". */
function useTrendSummary(trend: ResultTrend): string {
  const { t, i18n } = useTranslation();
  const day = useResultDay();
  const flagWords = useFlagWords();
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  if (!first || !last) return t('results.trend.empty');
  const value = valueWithUnit(last.value, null, trend.unit, i18n.language) ?? '';
  const latest = last.flag ? t('results.trend.latestFlag', { value, flag: flagWords(last.flag) }) : value;
  if (trend.points.length === 1)
    return t('results.trend.summaryOne', { name: trend.name, first: day(first.at), latest });
  return t('results.trend.summary', {
    name: trend.name,
    count: trend.points.length,
    first: day(first.at),
    last: day(last.at),
    latest,
  });
}

/** The values as a table, oldest first (as the graph reads): date (a link to its result), value, flag in words. */
function TrendTable({ trend }: { trend: ResultTrend }) {
  const { t, i18n } = useTranslation();
  const day = useResultDay();
  return (
    <Table className="trend-table" striped captionSide="top">
      <Table.Caption>{t('results.trend.tableCaption', { name: trend.name })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('results.trend.date')}</Table.Th>
          <Table.Th scope="col">{t('results.trend.value')}</Table.Th>
          <Table.Th scope="col">{t('results.trend.flag')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trend.points.map((p, i) => (
          <Table.Tr key={`${p.resultId}-${i}`}>
            <Table.Th scope="row" fw={400}>
              <Anchor component={Link} to={paths.health.result(p.resultId)} size="sm">
                {day(p.at)}
              </Anchor>
            </Table.Th>
            <Table.Td className="result-value">{valueWithUnit(p.value, null, trend.unit, i18n.language)}</Table.Td>
            <Table.Td>
              <FlagText flag={p.flag} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
