import { describe, expect, it } from 'vitest';
import { addDays } from './visit-time.ts';

describe('addDays', () => {
  it('moves a calendar date by whole days across months, years and the change to daylight time', () => {
    expect(addDays('2026-12-02', 7)).toBe('2026-12-09');
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2027-03-10', 7)).toBe('2027-03-17');
    expect(addDays('2026-12-09', -7)).toBe('2026-12-02');
  });
});
