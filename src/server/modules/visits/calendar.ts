import { TZDate } from '@date-fns/tz';
import { ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Appointment } from '../../../shared/appointments.ts';

/**
 * "Add to calendar": one appointment as an iCalendar file (RFC 5545) in the organisation's time zone, with the zone's
 * VTIMEZONE rules so a calendar shows the right local time on either side of a DST change. It says when, where and
 * with whom — the patient downloads it themselves — but not why (the reason stays in the portal).
 */
export function appointmentCalendar(
  a: Appointment,
  options: { timeZone: string; organisation: string; portalUrl: string },
): string {
  const calendar = new ICalCalendar({ prodId: { company: 'Lantern', product: 'patient-portal', language: 'EN' } });
  calendar.timezone({ name: options.timeZone, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null });
  const where =
    a.visitType.mode === 'video' ? 'Video visit' : [a.department.name, a.department.address].filter(Boolean).join(', ');
  calendar.createEvent({
    id: `${a.id}@lantern`,
    // A TZDate: ical-generator writes its local time in the zone (a plain Date would be read in the server's zone).
    start: new TZDate(Date.parse(a.start), options.timeZone),
    end: new TZDate(Date.parse(a.end), options.timeZone),
    timezone: options.timeZone,
    summary: `${a.visitType.name} with ${a.provider.name}`,
    location: where,
    description: [
      `${options.organisation}. To cancel or change it, sign in at ${options.portalUrl} or call ${a.department.phone}.`,
      a.department.instructions ?? '',
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
  return calendar.toString();
}
