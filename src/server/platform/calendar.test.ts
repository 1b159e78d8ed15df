import { describe, expect, it } from 'vitest';
import { addDaysToDate, birthdayAt, dateInZone, hasReachedAge, startOfDayInZone } from './calendar.ts';

const zone = 'America/Kentucky/Louisville';

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
});
