import type { TFunction } from 'i18next';

/** Weekdays in the order a week reads at the clinic: Monday first, Sunday last (0 = Sunday, as the server counts). */
export const WEEK_ORDER: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

/** 4 January 2026 was a Sunday: weekday n is 4 + n January. */
const dayOf = (weekday: number) => new Date(Date.UTC(2026, 0, 4 + weekday));

/** A weekday's name, long ("Thursday") or short ("Thu"). */
export function weekdayName(weekday: number, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat('en-US', { weekday: width, timeZone: 'UTC' }).format(dayOf(weekday));
}

/** Minutes after midnight as the clinic says it ("1:00 PM"). */
export function clockTime(minutes: number): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4, 0, minutes)),
  );
}

/**
 * Weekly hours in words, consecutive days with the same hours together: "Mon–Fri 8:00 AM–12:00 PM; Thu 1:00 PM–2:00 PM".
 * Null when there are no hours.
 */
export function hoursInWords(
  hours: readonly { weekday: number; start: number; end: number }[],
  t: TFunction<'staff'>,
): string | null {
  const rangesOf = (weekday: number) =>
    hours
      .filter((h) => h.weekday === weekday)
      .sort((a, b) => a.start - b.start)
      .map((h) => t('schedules.range', { start: clockTime(h.start), end: clockTime(h.end) }))
      .join(t('schedules.rangeJoin'));
  const runs: { first: number; last: number; ranges: string }[] = [];
  for (const weekday of WEEK_ORDER) {
    const ranges = rangesOf(weekday);
    const previous = runs.at(-1);
    if (
      ranges &&
      previous &&
      previous.ranges === ranges &&
      WEEK_ORDER.indexOf(previous.last) + 1 === WEEK_ORDER.indexOf(weekday)
    ) {
      previous.last = weekday;
    } else if (ranges) {
      runs.push({ first: weekday, last: weekday, ranges });
    }
  }
  if (runs.length === 0) return null;
  return runs
    .map((run) => {
      const days =
        run.first === run.last
          ? weekdayName(run.first, 'short')
          : t('schedules.dayRun', { first: weekdayName(run.first, 'short'), last: weekdayName(run.last, 'short') });
      return t('schedules.daysAndHours', { days, ranges: run.ranges });
    })
    .join(t('schedules.runJoin'));
}
