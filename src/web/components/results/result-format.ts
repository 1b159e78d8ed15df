import type { TFunction } from 'i18next';
import type { ReferenceRange, ResultFlag } from '../../../shared/results.ts';
import { formatCalendarDate, formatLongDay } from '../../format.ts';
import { displayUnit, formatValue } from '../../../shared/units.ts';

/**
 * A result's values in words and numbers for people, without React: the patient's pages, the trend graph and the staff
 * results pages share them, so a value, a range or a flag reads the same to the patient and to the clinician.
 */

/** Flags that say a value is outside its range. */
export const OUT_OF_RANGE: ReadonlySet<ResultFlag> = new Set([
  'high',
  'low',
  'critical_high',
  'critical_low',
  'abnormal',
]);

/** How serious a flag is, for its colour and weight (the words always say it too); `none`: nothing to compare with. */
export type FlagSeverity = 'none' | 'normal' | 'out' | 'critical';

export function flagSeverity(flag: ResultFlag | null): FlagSeverity {
  if (flag === null) return 'none';
  if (flag === 'normal') return 'normal';
  return flag === 'critical_high' || flag === 'critical_low' ? 'critical' : 'out';
}

/** Out of range (not critical): a darker orange than the kit's, readable on white and on a striped row (WCAG AA). */
export const OUT_OF_RANGE_COLOR = '#b8400d';

/** The colour that goes with a flag's words and icon (never the only sign). */
export function flagColor(flag: ResultFlag | null): string {
  const severity = flagSeverity(flag);
  if (severity === 'none') return 'dimmed';
  if (severity === 'normal') return 'teal.9';
  return severity === 'critical' ? 'red.9' : OUT_OF_RANGE_COLOR;
}

export { displayUnit, formatValue } from '../../../shared/units.ts';

/** A value with its unit ("96 mg/dL"), or the result in words ("Negative"). */
export function valueWithUnit(
  value: number | null,
  valueText: string | null,
  unit: string | null,
  language: string,
): string | null {
  if (value === null) return valueText;
  const number = formatValue(value, language);
  return unit ? `${number} ${displayUnit(unit)}` : number;
}

/**
 * A reference range in words: "70–99 mg/dL", "199 mg/dL or less", "40 mg/dL or more", or the laboratory's own text. A
 * value equal to a limit is within the range (the server's flags agree), so one-sided ranges say "or less" / "or
 * more". `t` is the default namespace's (the words are result-strings.ts's).
 */
export function rangeText(range: ReferenceRange, unit: string | null, t: TFunction, language: string): string | null {
  const { low, high } = range;
  const withUnit = (n: number) =>
    unit ? `${formatValue(n, language)} ${displayUnit(unit)}` : formatValue(n, language);
  if (low !== null && high !== null)
    return t('resultValues.range.between', { low: formatValue(low, language), high: withUnit(high) });
  if (high !== null) return t('resultValues.range.atMost', { high: withUnit(high) });
  if (low !== null) return t('resultValues.range.atLeast', { low: withUnit(low) });
  return range.text;
}

/**
 * The day of a result's date in the long form ("March 3, 2012"): a calendar date (the record gives some as a day) as
 * written, a moment in the organisation's zone.
 */
export function resultDay(date: string, language: string, timeZone: string): string {
  return date.length <= 10 ? formatCalendarDate(date, language) : formatLongDay(date, language, timeZone);
}
