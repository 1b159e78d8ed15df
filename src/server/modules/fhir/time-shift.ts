import { addDays, differenceInCalendarDays, format } from 'date-fns';

/**
 * Moves every date in a resource by one whole number of days, birth dates included, so that ages at each
 * event stay true and weekday-independent rules (45 days, 18th birthday) keep their meaning.
 * Times of day and UTC offsets are kept as written; only the calendar date moves.
 */
export interface TimeShift {
  days: number;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** Keys whose string values are identifiers or codes, never dates, even if they look like one. */
const NOT_DATES = new Set(['id', 'reference', 'system', 'code', 'url', 'display', 'text', 'div', 'value', 'version']);

/** Shifts one FHIR date or dateTime string; anything else comes back unchanged. */
export function shiftDateString(value: string, shift: TimeShift): string {
  const m = DATE_TIME.exec(value);
  if (!m) return value;
  const [, y, mo, d, rest] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const shifted = addDays(date, shift.days);
  // Format from UTC parts: the Date was built at UTC midnight, so local-time formatting could change the day.
  const ymd = format(new Date(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()), 'yyyy-MM-dd');
  return ymd + (rest ?? '');
}

/** Returns a deep copy of the value with every date string shifted. */
export function shiftResource<T>(value: T, shift: TimeShift): T {
  if (shift.days === 0) return value;
  return walk(value, shift, null) as T;
}

function walk(value: unknown, shift: TimeShift, key: string | null): unknown {
  if (typeof value === 'string') return key !== null && NOT_DATES.has(key) ? value : shiftDateString(value, shift);
  if (Array.isArray(value)) return value.map((v) => walk(v, shift, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, shift, k);
    return out;
  }
  return value;
}

/** The shift that moves `newest` (YYYY-MM-DD…) onto `today`'s calendar date. */
export function shiftToNow(newest: string, today: Date): TimeShift {
  const newestDay = new Date(Number(newest.slice(0, 4)), Number(newest.slice(5, 7)) - 1, Number(newest.slice(8, 10)));
  return { days: differenceInCalendarDays(today, newestDay) };
}
