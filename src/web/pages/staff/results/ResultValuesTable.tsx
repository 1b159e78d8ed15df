import { Group, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReferenceRange, ResultComponent } from '../../../../shared/results.ts';
import { FlagIcon } from './FlagIcon.tsx';
import { flagSeverity, flagWords } from './result-labels.ts';

/** The value as the record has it (number or words) with its unit, unchanged. */
function valueWords(c: ResultComponent, t: TFunction<'staff'>): string {
  const value = c.value !== null ? String(c.value) : c.valueText;
  if (value === null) return t('results.noValue');
  return c.unit && c.value !== null ? `${value} ${c.unit}` : value;
}

/** The reference range in words, and where it came from (the result itself or the organisation's table). */
function rangeWords(range: ReferenceRange | null, unit: string | null, t: TFunction<'staff'>): string {
  if (!range) return t('results.noRange');
  const u = unit ? ` ${unit}` : '';
  const words =
    range.text ??
    (range.low !== null && range.high !== null
      ? t('results.rangeBetween', { low: range.low, high: range.high, unit: u })
      : range.low !== null
        ? t('results.rangeAtLeast', { low: range.low, unit: u })
        : t('results.rangeUpTo', { high: range.high, unit: u }));
  return t('results.rangeWithSource', { range: words, source: t(`results.rangeSource.${range.source}`) });
}

/**
 * The result's values: test, value and unit as recorded, reference range with its source, and the flag in words with
 * a mark. On a phone each row becomes a small card whose cells say what they are (staff.css, data-label).
 */
export function ResultValuesTable({ components, caption }: { components: ResultComponent[]; caption: string }) {
  const { t } = useTranslation('staff');
  const head = {
    name: t('results.columns.name'),
    value: t('results.columns.value'),
    range: t('results.columns.range'),
    flag: t('results.columns.flag'),
  };
  return (
    <Table className="result-values" verticalSpacing="xs" captionSide="top">
      <Table.Caption className="result-values-caption">{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{head.name}</Table.Th>
          <Table.Th scope="col">{head.value}</Table.Th>
          <Table.Th scope="col">{head.range}</Table.Th>
          <Table.Th scope="col">{head.flag}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {components.map((c) => {
          const severity = flagSeverity(c.flag);
          return (
            <Table.Tr key={c.id} className={`result-value-${severity}`}>
              <Table.Th scope="row" data-label={head.name}>
                {c.name}
              </Table.Th>
              <Table.Td data-label={head.value} fw={severity === 'out' || severity === 'critical' ? 700 : undefined}>
                {valueWords(c, t)}
              </Table.Td>
              <Table.Td data-label={head.range}>{rangeWords(c.range, c.unit, t)}</Table.Td>
              <Table.Td data-label={head.flag}>
                <Group gap={6} wrap="nowrap" component="span">
                  <FlagIcon severity={severity} />
                  <Text span size="sm" fw={severity === 'critical' ? 700 : undefined}>
                    {flagWords(c.flag, t)}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
