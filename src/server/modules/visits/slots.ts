import { TZDate } from '@date-fns/tz';
import { toDbTime } from '../../platform/clock.ts';

/**
 * Open slots, derived: a provider's weekly hours on a date (blocks valid that day), less the exceptions that close
 * it, plus extra hours, cut into visits of the visit type's length, less the time already taken. Hours are local
 * minutes in the organisation's time zone, so a 9:00 clinic opens at 9:00 on both sides of a DST change.
 */

/** Provider time is taken in 5-minute units (provider_time); visit lengths and opening hours are multiples of it. */
export const UNIT_MINUTES = 5;
const UNIT_MS = UNIT_MINUTES * 60_000;

export interface WeeklyBlock {
  weekday: number;
  start_minute: number;
  end_minute: number;
  valid_from: string;
  valid_to: string | null;
}

export interface DayException {
  date: string;
  kind: 'closed' | 'open';
  start_minute: number | null;
  end_minute: number | null;
}

export interface Slot {
  start: Date;
  end: Date;
}

type Interval = [number, number];

/** The weekday (0 Sunday … 6 Saturday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Open intervals of local minutes on a date: weekly blocks, minus closures, plus extra hours, merged. */
export function openingsOn(
  date: string,
  blocks: readonly WeeklyBlock[],
  exceptions: readonly DayException[],
): Interval[] {
  const day = weekdayOf(date);
  let open: Interval[] = blocks
    .filter((b) => b.weekday === day && b.valid_from <= date && (b.valid_to === null || b.valid_to >= date))
    .map((b) => [b.start_minute, b.end_minute]);
  const today = exceptions.filter((e) => e.date === date);
  for (const e of today.filter((x) => x.kind === 'closed')) {
    const [cs, ce] = e.start_minute === null ? [0, 24 * 60] : [e.start_minute, e.end_minute ?? 24 * 60];
    open = open.flatMap(([s, en]): Interval[] => {
      if (ce <= s || cs >= en) return [[s, en]];
      const parts: Interval[] = [];
      if (cs > s) parts.push([s, cs]);
      if (ce < en) parts.push([ce, en]);
      return parts;
    });
  }
  for (const e of today.filter((x) => x.kind === 'open' && x.start_minute !== null && x.end_minute !== null))
    open.push([e.start_minute!, e.end_minute!]);
  open.sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const i of open) {
    const last = merged[merged.length - 1];
    if (last && i[0] <= last[1]) last[1] = Math.max(last[1], i[1]);
    else merged.push([i[0], i[1]]);
  }
  return merged;
}

/** The instant a local time (minutes after midnight) on a date occurs in the zone. */
export function localInstant(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, 0, timeZone).getTime());
}

/** The visits of `minutes` that fit in a day's openings, back to back from each opening's start. */
export function slotsOn(date: string, openings: readonly Interval[], minutes: number, timeZone: string): Slot[] {
  const out: Slot[] = [];
  for (const [s, e] of openings)
    for (let at = s; at + minutes <= e; at += minutes)
      out.push({ start: localInstant(date, at, timeZone), end: localInstant(date, at + minutes, timeZone) });
  return out;
}

/** The 5-minute units a visit occupies, as stored in provider_time. */
export function unitsOf(start: Date, end: Date): string[] {
  const units: string[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += UNIT_MS) units.push(toDbTime(new Date(t)));
  return units;
}

/** A slot is open when none of its units is taken (by an appointment or an offer's hold). */
export function isFree(slot: Slot, taken: ReadonlySet<string>): boolean {
  return unitsOf(slot.start, slot.end).every((u) => !taken.has(u));
}

/** Whether an instant falls on a 5-minute unit boundary (every slot does). */
export function onUnit(at: Date): boolean {
  return at.getTime() % UNIT_MS === 0;
}
