import { TZDate } from '@date-fns/tz';
import { addDays, addYears, format } from 'date-fns';

/**
 * Calendar rules in the organisation's time zone. Dates ("YYYY-MM-DD") are days on the organisation's calendar;
 * instants are Dates. DST is handled by TZDate, so "the end of day 45" is right in March and November too.
 */

/** Today's date in the zone, as YYYY-MM-DD. */
export function dateInZone(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The instant a calendar day starts in the zone. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** A calendar date plus some days. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(addDays(new Date(y, m - 1, d), days), 'yyyy-MM-dd');
}

/** The date someone born on `birthDate` turns `years` (a 29 February birthday falls on 28 February in common years). */
export function birthdayAt(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return format(addYears(new Date(y, m - 1, d), years), 'yyyy-MM-dd');
}

/** Whether someone born on `birthDate` has reached `years` on `date` (from the start of that birthday). */
export function hasReachedAge(birthDate: string, years: number, date: string): boolean {
  return date >= birthdayAt(birthDate, years);
}
