/**
 * Dates and times on staff pages, always in the organisation's time zone (a due time of 17:00 means the
 * office's 17:00, whatever the computer's zone).
 */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "January 8, 2027". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A visit's start as a date in the organisation's zone. */
export function formatVisitDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(iso),
  );
}

/** The day of a moment in the page language's long form ("December 2, 2026") in the organisation's zone. */
export function formatLongDay(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
}

/** Today's date in the organisation's zone (YYYY-MM-DD), as a form's starting value. */
export function todayInZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
