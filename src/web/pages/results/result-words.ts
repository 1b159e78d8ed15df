import type { TFunction } from 'i18next';
import type { ReferenceRange, ResultDetail, ResultFlag } from '../../../shared/results.ts';
import { paths } from '../../paths.ts';

/** Test Results' words and numbers for people, without React (the pages and the trend graph share them). */

/** Flags that say a value is outside its range. */
export const OUT_OF_RANGE: ReadonlySet<ResultFlag> = new Set([
  'high',
  'low',
  'critical_high',
  'critical_low',
  'abnormal',
]);

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
 * A reference range in words: "70–99 mg/dL", "199 mg/dL or less", "40 mg/dL or more", or the laboratory's own text. A value equal
 * to a limit is within the range (the server's flags agree), so one-sided ranges say "or less" / "or more".
 */
export function rangeText(range: ReferenceRange, unit: string | null, t: TFunction, language: string): string | null {
  const { low, high } = range;
  const withUnit = (n: number) => (unit ? `${formatValue(n, language)} ${unit}` : formatValue(n, language));
  if (low !== null && high !== null)
    return t('results.range.between', { low: formatValue(low, language), high: withUnit(high) });
  if (high !== null) return t('results.range.atMost', { high: withUnit(high) });
  if (low !== null) return t('results.range.atLeast', { low: withUnit(low) });
  return range.text;
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
