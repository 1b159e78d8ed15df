import type { DaySchedule, SchedulingProvider } from '../../../shared/appointments.ts';
import { ORGANISATION_BOUND } from '../../platform/access/policy.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addDaysToDate, startOfDayInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { presentProvider, type ScheduleService } from './schedule.service.ts';

/**
 * The staff side of the schedule: the providers a staff member schedules for (clinicians and nurses: their own
 * organisations'; front desk and administrators: all), and a provider's day of appointments with who checked in
 * online. Each patient on the day is audited as read before the list leaves.
 */
export class StaffScheduleService {
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly fhir: FhirService,
  ) {}

  private async reachable(session: Session) {
    const all = await this.schedule.bookable();
    if (!session.staffRole || !ORGANISATION_BOUND.includes(session.staffRole)) return all;
    const mine = new Set(await this.ctx.access.grants.organisationsOf(session.accountId));
    return all.filter((p) => mine.has(p.row.organisation_id));
  }

  async providers(session: Session): Promise<SchedulingProvider[]> {
    return (await this.reachable(session)).map((p) => presentProvider(p, false));
  }

  async day(session: Session, practitionerId: string, date: string, origin: RequestOrigin): Promise<DaySchedule> {
    const provider = (await this.reachable(session)).find((p) => p.row.practitioner_id === practitionerId);
    if (!provider) throw notFound('The provider');
    const tz = this.ctx.config.tenant.organisation.timeZone;
    const from = toDbTime(startOfDayInZone(date, tz));
    const to = toDbTime(startOfDayInZone(addDaysToDate(date, 1), tz));
    const rows = await this.schedule.repo.dayOf(this.ctx.db.kysely, practitionerId, from, to);
    const patients = await this.fhir.getPatients(rows.map((r) => r.patient_id));
    const types = new Map((await this.schedule.repo.visitTypes(this.ctx.db.kysely)).map((t) => [t.id, t.name]));
    const actor = { type: 'staff' as const, id: session.accountId, role: session.staffRole ?? 'unknown' };
    await Promise.all(
      rows.map((r) =>
        this.ctx.audit.recordCommitted({
          actor,
          patientId: r.patient_id,
          action: 'record.appointment.read',
          subject: { type: 'appointment', id: r.id },
          origin,
        }),
      ),
    );
    return {
      date,
      provider: { id: practitionerId, name: provider.row.display_name },
      appointments: rows.map((r) => ({
        id: r.id,
        start: r.starts_at,
        end: r.ends_at,
        patient: { id: r.patient_id, name: patients.get(r.patient_id)?.displayName ?? 'Unknown patient' },
        visitType: types.get(r.visit_type_id) ?? 'Visit',
        reason: r.reason,
        checkedInOnline: r.checked_in_at !== null,
      })),
    };
  }
}
