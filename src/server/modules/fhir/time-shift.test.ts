import { describe, expect, it } from 'vitest';
import { shiftDateString, shiftResource, shiftToNow } from './time-shift.ts';

describe('time shift', () => {
  it('moves dates and date-times by whole days, keeping time and offset', () => {
    expect(shiftDateString('2019-02-27', { days: 3 })).toBe('2019-03-02');
    expect(shiftDateString('2016-02-28', { days: 1 })).toBe('2016-02-29');
    expect(shiftDateString('2019-05-31T20:47:30-04:00', { days: 1 })).toBe('2019-06-01T20:47:30-04:00');
    expect(shiftDateString('2019-12-31T23:59:59.123Z', { days: 1 })).toBe('2020-01-01T23:59:59.123Z');
  });

  it('leaves codes, references and non-dates alone', () => {
    const r = {
      code: '2019-01-01',
      id: '2019-01-01',
      reference: 'Patient/1',
      valueString: 'hello',
      birthDate: '2009-01-19',
    };
    expect(shiftResource(r, { days: 10 })).toEqual({ ...r, birthDate: '2009-01-29' });
  });

  it('keeps the time between birth and every event exactly (ages at each event stay true)', () => {
    const p = { birthDate: '2009-01-19', encounter: { period: { start: '2019-05-31T10:00:00Z' } } };
    const s = shiftResource(p, { days: 2734 });
    const days = (o: typeof p) => (Date.parse(o.encounter.period.start) - Date.parse(o.birthDate)) / 86_400_000;
    expect(days(s)).toBe(days(p));
    expect(s.birthDate).not.toBe(p.birthDate);
  });

  it('computes the offset that lands the newest date on today', () => {
    const shift = shiftToNow('2019-06-01T10:00:00Z', new Date(2026, 10, 24, 9));
    expect(shiftDateString('2019-06-01', shift)).toBe('2026-11-24');
  });
});
