import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addDaysToDate,
  birthdayAt,
  dateInZone,
  hasReachedAge,
  isBusinessDay,
  startOfDayInZone,
} from './calendar.ts';

const zone = 'America/New_York';

describe('calendar', () => {
  it('knows the organisation’s date, not the server’s', () => {
    expect(dateInZone(new Date('2026-11-25T04:59:00Z'), zone)).toBe('2026-11-24');
    expect(dateInZone(new Date('2026-11-25T05:00:00Z'), zone)).toBe('2026-11-25');
  });

  it('starts a day at local midnight across DST changes', () => {
    expect(startOfDayInZone('2026-11-01', zone).toISOString()).toBe('2026-11-01T04:00:00.000Z'); // EDT
    expect(startOfDayInZone('2026-11-02', zone).toISOString()).toBe('2026-11-02T05:00:00.000Z'); // EST
  });

  it('adds days over month and leap-year ends', () => {
    expect(addDaysToDate('2028-02-15', 45)).toBe('2028-03-31');
    expect(addDaysToDate('2026-12-20', 46)).toBe('2027-02-04');
  });

  it('turns 18 on the 18th birthday, not the day before', () => {
    expect(hasReachedAge('2009-01-19', 18, '2027-01-18')).toBe(false);
    expect(hasReachedAge('2009-01-19', 18, '2027-01-19')).toBe(true);
    expect(birthdayAt('2008-02-29', 18)).toBe('2026-02-28');
  });

  describe('business days', () => {
    const calendar = {
      organisation: { timeZone: zone },
      businessHours: { days: [1, 2, 3, 4, 5], open: '07:00', close: '17:00' },
      holidays: ['2026-11-26', '2026-11-27', '2026-12-25'],
    };

    it('knows weekends and holidays are not business days', () => {
      expect(isBusinessDay('2026-11-24', calendar)).toBe(true); // Tuesday
      expect(isBusinessDay('2026-11-28', calendar)).toBe(false); // Saturday
      expect(isBusinessDay('2026-11-26', calendar)).toBe(false); // Thanksgiving
    });

    it('is due at closing time on the next business day', () => {
      // Tuesday 10:00 local → Wednesday 17:00 EST.
      expect(addBusinessDays(new Date('2026-11-17T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-18T22:00:00.000Z',
      );
      // Tuesday 23:30 local (already Wednesday in UTC) still counts from Tuesday's date.
      expect(addBusinessDays(new Date('2026-11-18T04:30:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-18T22:00:00.000Z',
      );
    });

    it('skips the weekend and holidays', () => {
      // Friday → Monday; Saturday → Monday.
      expect(addBusinessDays(new Date('2026-11-20T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-23T22:00:00.000Z',
      );
      expect(addBusinessDays(new Date('2026-11-21T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-23T22:00:00.000Z',
      );
      // Wednesday before Thanksgiving → Thursday and Friday are holidays → Monday 30 November.
      expect(addBusinessDays(new Date('2026-11-25T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-30T22:00:00.000Z',
      );
      expect(addBusinessDays(new Date('2026-11-24T15:00:00Z'), 2, calendar).toISOString()).toBe(
        '2026-11-30T22:00:00.000Z',
      );
    });

    it('closes at local time on both sides of the DST change', () => {
      // Friday 30 October (EDT) → Monday 2 November (EST): 17:00 local is 22:00 UTC.
      expect(addBusinessDays(new Date('2026-10-30T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-11-02T22:00:00.000Z',
      );
      // Thursday 29 October → Friday 30 October, still EDT: 21:00 UTC.
      expect(addBusinessDays(new Date('2026-10-29T15:00:00Z'), 1, calendar).toISOString()).toBe(
        '2026-10-30T21:00:00.000Z',
      );
    });

    it('refuses a count that is not a positive whole number', () => {
      expect(() => addBusinessDays(new Date(), 0, calendar)).toThrow(RangeError);
    });
  });
});
