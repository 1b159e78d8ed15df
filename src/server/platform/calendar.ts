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

/** The organisation's working week and holidays (the tenant file's `businessHours` and `holidays`). */
export interface BusinessCalendar {
  organisation: { timeZone: string };
  businessHours: { days: number[]; open: string; close: string };
  holidays: string[];
}

/** Whether offices are open on a calendar date: a working weekday (ISO 1 = Monday … 7 = Sunday) that is not a holiday. */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const isoWeekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
  return calendar.businessHours.days.includes(isoWeekday) && !calendar.holidays.includes(date);
}

/**
 * When something handed to staff at `instant` is due if they have `days` business days for it: closing time on
 * the `days`-th business day after the instant's date in the organisation's zone, skipping weekends and holidays.
 * A request on Tuesday afternoon, Tuesday night or Saturday with one business day is due at Wednesday's or
 * Monday's close — a simple "next business day at close" rule, close enough to business-hours arithmetic.
 */
export function addBusinessDays(instant: Date, days: number, calendar: BusinessCalendar): Date {
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new RangeError('days must be a whole number from 1 to 366');
  let date = dateInZone(instant, calendar.organisation.timeZone);
  for (let counted = 0; counted < days;) {
    date = addDaysToDate(date, 1);
    if (isBusinessDay(date, calendar)) counted += 1;
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = calendar.businessHours.close.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, calendar.organisation.timeZone).getTime());
}
