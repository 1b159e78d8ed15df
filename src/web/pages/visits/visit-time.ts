import { useTranslation } from 'react-i18next';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';

/**
 * Appointment times are said in the organisation's zone (the clinic's clock, whatever the computer's), slot times in
 * the zone the slots reply names: "Thursday, December 3, 2026, 9:00 AM EST", "9:00 AM", "Thursday, December 3".
 */
export interface VisitTime {
  /** Day and time with the zone. */
  moment: (iso: string) => string;
  /** From one moment to another, the day said once when they share it ("…, 9:30 – 10:00 AM EST"). */
  range: (fromIso: string, toIso: string) => string;
  /** The time of day only. */
  time: (iso: string) => string;
  /** A calendar date (YYYY-MM-DD) as a weekday and day, read as written (no zone shift). */
  day: (date: string) => string;
  /** The day of a moment, in the long form ("December 3, 2026"). */
  date: (iso: string) => string;
}

/** Formatters for visit times in `zone`, or the organisation's zone when none is given. */
export function useVisitTime(zone?: string): VisitTime {
  const { i18n } = useTranslation();
  const { timeZone: organisationZone } = usePortalConfig();
  const timeZone = zone ?? organisationZone;
  const language = i18n.language;
  const moment = new Intl.DateTimeFormat(language, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const time = new Intl.DateTimeFormat(language, { timeZone, hour: 'numeric', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(language, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' });
  const date = new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric' });
  return {
    moment: (iso) => moment.format(new Date(iso)),
    range: (a, b) => moment.formatRange(new Date(a), new Date(b)),
    time: (iso) => time.format(new Date(iso)),
    day: (d) => day.format(new Date(`${d}T12:00:00Z`)),
    date: (iso) => date.format(new Date(iso)),
  };
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
