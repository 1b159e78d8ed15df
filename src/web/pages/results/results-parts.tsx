import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferenceRange, ResultDetail, ResultFlag } from '../../../shared/results.ts';
import { formatCalendarDate, formatLongDay, formatMoment } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { FlagIcon } from './result-icons.tsx';

/** Flags that say a value is outside its range. */
export const OUT_OF_RANGE: ReadonlySet<ResultFlag> = new Set([
  'high',
  'low',
  'critical_high',
  'critical_low',
  'abnormal',
]);

/** Out of range (not critical): a darker orange than the kit's, readable on white and on a striped row (WCAG AA). */
export const OUT_OF_RANGE_COLOR = '#b8400d';

/** The colour that goes with a flag's words and icon (never the only sign). */
export function flagColor(flag: ResultFlag): string {
  if (flag === 'normal') return 'teal.9';
  return flag.startsWith('critical') ? 'red.9' : OUT_OF_RANGE_COLOR;
}

/** A flag in words, with its icon: "High", "Critically low", "In range". */
export function FlagText({ flag }: { flag: ResultFlag }) {
  const { t } = useTranslation();
  return (
    <Text
      component="span"
      size="sm"
      fw={OUT_OF_RANGE.has(flag) ? 700 : 400}
      c={flagColor(flag)}
      className="result-flag"
    >
      <FlagIcon flag={flag} />
      {t(`results.flags.${flag}`)}
    </Text>
  );
}

/** A measured number for people: as recorded, with at most two decimals (the unit is never changed). */
export function formatValue(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** A value with its unit ("96 mg/dL"), or the result in words ("Negative"). */
export function valueWithUnit(
  value: number | null,
  valueText: string | null,
  unit: string | null,
  language: string,
): string | null {
  if (value === null) return valueText;
  const number = formatValue(value, language);
  return unit ? `${number} ${unit}` : number;
}

/**
 * A reference range in words: "70–99 mg/dL", "200 or less", "40 or more", or the laboratory's own text. A value equal
 * to a limit is within the range (the server's flags agree), so one-sided ranges say "or less" / "or more".
 */
export function rangeText(range: ReferenceRange, unit: string | null, t: TFunction, language: string): string | null {
  const { low, high } = range;
  let text: string | null = null;
  if (low !== null && high !== null)
    text = t('results.range.between', { low: formatValue(low, language), high: formatValue(high, language) });
  else if (high !== null) text = t('results.range.atMost', { high: formatValue(high, language) });
  else if (low !== null) text = t('results.range.atLeast', { low: formatValue(low, language) });
  if (text === null) return range.text;
  return unit ? t('results.range.withUnit', { range: text, unit }) : text;
}

/** Where a range came from, in words: the laboratory, or the organisation's own reference table. */
export function RangeSource({ range }: { range: ReferenceRange }) {
  const { t } = useTranslation();
  const { organisationName } = usePortalConfig();
  return (
    <Text component="span" size="xs" c="dimmed" display="block">
      {range.source === 'result'
        ? t('results.result.rangeFromResult')
        : t('results.result.rangeFromOrganisation', { organisationName })}
    </Text>
  );
}

/**
 * The day of a result's date in the long form ("March 3, 2012"): a calendar date as written, a moment in the
 * organisation's zone.
 */
export function useResultDay(): (date: string | null) => string | null {
  const { i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (date) => {
    if (!date) return null;
    return date.length <= 10 ? formatCalendarDate(date, i18n.language) : formatLongDay(date, i18n.language, timeZone);
  };
}

/** A result's time with the hour when the record has one ("Mar 3, 2012, 9:41 AM EST"), else its day. */
export function useResultMoment(): (date: string | null) => string | null {
  const { i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (date) => {
    if (!date) return null;
    return date.length <= 10 ? formatCalendarDate(date, i18n.language) : formatMoment(date, i18n.language, timeZone);
  };
}

/**
 * The record item a question about this result is about. The detail does not name its resource type: a stand-alone
 * Observation is its own single component (same id); anything else is a DiagnosticReport.
 */
export function resultAboutPath(result: Pick<ResultDetail, 'id' | 'components'>): string {
  const only = result.components.length === 1 ? result.components[0] : undefined;
  const type = only && only.id === result.id ? 'Observation' : 'DiagnosticReport';
  return `${paths.messages.new}?about=${encodeURIComponent(`${type}/${result.id}`)}`;
}

/**
 * The FAQ's notice, on the list and on each result: results may arrive before the provider has reviewed them; give
 * the provider time; with questions, message the care team.
 */
export function ResultsNotice() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Box component="aside" aria-labelledby={headingId} className="result-notice">
      <Stack gap={6}>
        <Title order={2} size="h5" id={headingId}>
          {t('results.notice.title')}
        </Title>
        <Text size="sm">{t('results.notice.body')}</Text>
        <Anchor component={Link} to={paths.messages.new} size="sm" fw={600}>
          {t('results.notice.link')}
        </Anchor>
      </Stack>
    </Box>
  );
}
