/**
 * A calendar date from the record (YYYY-MM-DD: a vaccine given, a birth date) in the language's long form
 * ("March 4, 2019" in English), as written, whatever the computer's zone. One format for every page and for the
 * printable records, so a date reads the same on screen and on paper.
 */
export function formatCalendarDate(date: string, language: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
