/**
 * Dates on patient pages, in the page's language. Calendar dates (YYYY-MM-DD: birth dates, the last day of
 * a proxy's access) are shown as written, whatever the computer's zone; moments (ISO times) in the
 * organisation's zone, so "Nov 24" means the same day at the clinic and at home.
 */
export function formatCalendarDate(date: string, language: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** The day of a moment, e.g. "Nov 24, 2026", in the organisation's zone. */
export function formatDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(iso),
  );
}

/** A moment with its time and zone, e.g. "Nov 24, 2026, 10:02 AM EST". */
export function formatMoment(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}
