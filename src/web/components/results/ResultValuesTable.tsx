import './result-strings.ts';
import './result-values.css';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResultComponent } from '../../../shared/results.ts';
import { FlagText } from './FlagText.tsx';
import { rangeText, valueWithUnit } from './result-format.ts';
import { RangeSource } from './RangeSource.tsx';

interface ResultValuesTableProps {
  /** The result's name, for the table's accessible name ("Values of Lipid panel"). */
  name: string;
  components: ResultComponent[];
  /** Where a test's trend is (the patient's trend page); no trend column without it. */
  trendPath?: (code: string) => string;
}

/**
 * A result's values, the same for the patient and the clinician: each value as a row with its name, the value with
 * its unit as recorded, the reference range and where it came from, the flag in words with its icon, and (for the
 * patient) a way to its trend when there is more than one value. On a phone each row becomes a small block of
 * "label value" lines (result-values.css, data-label).
 */
export function ResultValuesTable({ name, components, trendPath }: ResultValuesTableProps) {
  const { t } = useTranslation();
  const hasTrend = trendPath !== undefined && components.some((c) => c.valueCount > 1 && c.code);
  return (
    <Table className="result-table" aria-label={t('resultValues.tableLabel', { name })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('resultValues.columns.test')}</Table.Th>
          <Table.Th scope="col">{t('resultValues.columns.value')}</Table.Th>
          <Table.Th scope="col">{t('resultValues.columns.range')}</Table.Th>
          <Table.Th scope="col">{t('resultValues.columns.flag')}</Table.Th>
          {hasTrend && <Table.Th scope="col">{t('resultValues.columns.trend')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {components.map((c) => (
          <ValueRow key={c.id} component={c} trendPath={hasTrend ? trendPath : undefined} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ValueRow({ component: c, trendPath }: { component: ResultComponent; trendPath?: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const value = valueWithUnit(c.value, c.valueText, c.unit, i18n.language);
  const range = c.range ? rangeText(c.range, c.unit, t, i18n.language) : null;
  const label = (key: string) => ({ 'data-label': t(`resultValues.columns.${key}`) });
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600} className="break-anywhere">
        {c.name}
      </Table.Th>
      <Table.Td {...label('value')} className="break-anywhere">
        <span>
          <Text component="span" fw={600} className="result-value">
            {value ?? t('resultValues.noValue')}
          </Text>
        </span>
      </Table.Td>
      <Table.Td {...label('range')}>
        <span>
          <span>{range ?? t('resultValues.noRange')}</span>
          {c.range && range && <RangeSource range={c.range} />}
        </span>
      </Table.Td>
      <Table.Td {...label('flag')}>
        <span>
          <FlagText flag={c.flag} />
        </span>
      </Table.Td>
      {trendPath && (
        <Table.Td {...label('trend')}>
          <span>
            {c.valueCount > 1 && c.code ? (
              <Anchor
                component={Link}
                to={trendPath(c.code)}
                size="sm"
                className="result-trend-link"
                aria-label={t('resultValues.seeTrendOf', { name: c.name })}
              >
                {t('resultValues.seeTrend')}
              </Anchor>
            ) : null}
          </span>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
