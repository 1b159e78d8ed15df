/**
 * Dates on patient pages, in the page's language. Calendar dates (YYYY-MM-DD: birth dates, the last day of
 * a proxy's access) are shown as written, whatever the computer's zone (formatCalendarDate, shared with the
 * printable records); moments (ISO times) in the organisation's zone, so "Nov 24" means the same day at the
 * clinic and at home.
 */
export { formatCalendarDate } from '../shared/calendar-date.ts';

/** The day of a moment, e.g. "Nov 24, 2026", in the organisation's zone. */
export function formatDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(iso),
  );
}

/** The day of a moment in the long form of calendar dates, e.g. "November 24, 2026", in the organisation's zone. */
export function formatLongDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
}

const MOMENT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** A moment with its time and zone, e.g. "Nov 24, 2026, 10:02 AM EST". */
export function formatMoment(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { ...MOMENT, timeZone }).format(new Date(iso));
}

/** "Nov 24, 2026, 8:06 – 8:20 PM EST": the day said once when both moments share it (as formatMoment). */
export function formatMomentRange(fromIso: string, toIso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { ...MOMENT, timeZone }).formatRange(new Date(fromIso), new Date(toIso));
}
