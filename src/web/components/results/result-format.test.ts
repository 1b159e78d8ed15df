import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import enResultValues from '../../locales/en-result-values.json';
import { displayUnit, flagSeverity, formatValue, rangeText, resultDay, valueWithUnit } from './result-format.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    interpolation: { escapeValue: false },
    resources: { en: { translation: { resultValues: enResultValues } } },
  });
});
const range = (low: number | null, high: number | null, text: string | null = null) => ({
  low,
  high,
  text,
  source: 'organisation' as const,
});

describe('values for people', () => {
  test('keeps at most two decimals and never touches the unit', () => {
    expect(formatValue(97.80922451548398, 'en')).toBe('97.81');
    expect(formatValue(5.9, 'en')).toBe('5.9');
    expect(formatValue(140, 'en')).toBe('140');
    expect(valueWithUnit(4.5678, null, '10*3/uL', 'en')).toBe('4.568 ×10³/µL');
    expect(formatValue(0.73430955, 'en')).toBe('0.7343');
    expect(formatValue(1.015, 'en')).toBe('1.015');
    expect(displayUnit('mL/min/{1.73_m2}')).toBe('mL/min/1.73 m²');
    expect(displayUnit('mg/dL')).toBe('mg/dL');
    expect(valueWithUnit(null, 'Negative', null, 'en')).toBe('Negative');
  });

  test('says a range in words: both limits, one limit (the limit itself is in range), or the laboratory text', () => {
    const t = i18n.t;
    expect(rangeText(range(70, 99), 'mg/dL', t, 'en')).toBe('70–99 mg/dL');
    expect(rangeText(range(null, 199), 'mg/dL', t, 'en')).toBe('199 mg/dL or less');
    expect(rangeText(range(40, null), null, t, 'en')).toBe('40 or more');
    expect(rangeText(range(60, null), 'mL/min/{1.73_m2}', t, 'en')).toBe('60 mL/min/1.73 m² or more');
    expect(rangeText(range(null, null, 'Negative'), null, t, 'en')).toBe('Negative');
    expect(rangeText(range(null, null), null, t, 'en')).toBe(null);
  });
});

describe('flags', () => {
  test('a critical flag is critical, any other out-of-range flag is out, no flag has nothing to compare with', () => {
    expect(flagSeverity('critical_low')).toBe('critical');
    expect(flagSeverity('abnormal')).toBe('out');
    expect(flagSeverity('high')).toBe('out');
    expect(flagSeverity('normal')).toBe('normal');
    expect(flagSeverity(null)).toBe('none');
  });
});

describe('days', () => {
  test("a calendar date as written, a moment as its day in the organisation's zone", () => {
    expect(resultDay('2012-03-03', 'en', 'America/New_York')).toBe('March 3, 2012');
    expect(resultDay('2026-11-24T03:00:00Z', 'en', 'America/New_York')).toBe('November 23, 2026');
  });
});
