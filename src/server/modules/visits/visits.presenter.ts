import type { Appointment, PastVisit, WaitListEntry } from '../../../shared/appointments.ts';
import { visitKindOf, visitReasonOf } from '../../../shared/visits.ts';
import type { RecordRow } from '../fhir/fhir.service.ts';
import { codeableText, idOf } from '../fhir/fhir.service.ts';
import type { AppointmentRow } from './appointments.repository.ts';
import type { DepartmentRow, ProviderRow, VisitTypeRow } from './schedule.repository.ts';
import { presentDepartment, presentVisitType } from './schedule.service.ts';

/** The catalogue an appointment is presented with (every provider, department and visit type, active or not). */
export interface Catalogue {
  providers: Map<string, ProviderRow>;
  departments: Map<string, DepartmentRow>;
  visitTypes: Map<string, VisitTypeRow>;
}

/** Rule values and the moment an appointment's allowed actions are decided at. */
export interface ActionContext {
  now: number;
  cancelNoticeHours: number;
  checkInOpensDays: number;
  /** The caller may change this record (not a view-only proxy). */
  canWrite: boolean;
}

export function presentAppointment(
  a: AppointmentRow,
  catalogue: Catalogue,
  waitList: WaitListEntry | null,
  c: ActionContext,
): Appointment {
  const start = Date.parse(a.starts_at);
  const deadline = start - c.cancelNoticeHours * 3_600_000;
  const checkInOpens = start - c.checkInOpensDays * 86_400_000;
  const booked = a.status === 'booked' && start > c.now;
  const changeable = booked && c.now <= deadline;
  const provider = catalogue.providers.get(a.practitioner_id);
  const department = catalogue.departments.get(a.department_id);
  const visitType = catalogue.visitTypes.get(a.visit_type_id);
  return {
    id: a.id,
    start: a.starts_at,
    end: a.ends_at,
    status: a.status,
    provider: { id: a.practitioner_id, name: provider?.display_name ?? 'Your provider' },
    department: department
      ? presentDepartment(department)
      : { id: a.department_id, name: 'Clinic', phone: '', address: null, instructions: null },
    visitType: visitType
      ? presentVisitType(visitType)
      : { id: a.visit_type_id, name: 'Visit', minutes: 0, mode: 'in_person', priceCents: null },
    reason: a.reason,
    changeDeadline: new Date(deadline).toISOString(),
    checkInOpensAt: new Date(checkInOpens).toISOString(),
    checkedInAt: a.checked_in_at,
    waitList,
    actions: {
      canCancel: c.canWrite && changeable,
      canReschedule: c.canWrite && changeable,
      canJoinWaitList: c.canWrite && changeable && !waitList,
      canCheckIn: c.canWrite && booked && c.now >= checkInOpens && !a.checked_in_at,
      callToChange: booked && !changeable,
    },
  };
}

/** The people and place of a visit, by reference: who saw the patient and where. */
export function visitRefs(row: RecordRow): { practitionerId: string | null; organisationId: string | null } {
  const e = row.resource as {
    participant?: { individual?: { reference?: string } }[];
    serviceProvider?: { reference?: string };
  };
  const practitionerId = (e.participant ?? []).map((p) => idOf(p.individual?.reference, 'Practitioner')).find(Boolean);
  return { practitionerId: practitionerId ?? null, organisationId: idOf(e.serviceProvider?.reference, 'Organization') };
}

/** The references whose names a list of visits shows (FhirService.namesOf). */
export function visitNameRefs(rows: RecordRow[]): string[] {
  return rows.flatMap((row) => {
    const r = visitRefs(row);
    return [
      ...(r.practitionerId ? [`Practitioner/${r.practitionerId}`] : []),
      ...(r.organisationId ? [`Organization/${r.organisationId}`] : []),
    ];
  });
}

export function presentPastVisit(
  row: RecordRow,
  names: Map<string, string>,
  withNotes: ReadonlySet<string>,
): PastVisit {
  const r = row.resource as { type?: unknown; reasonCode?: unknown; class?: { code?: string } };
  const refs = visitRefs(row);
  return {
    id: row.id,
    start: row.effectiveDate ?? '',
    kind: visitKindOf(r.class?.code),
    reason: visitReasonOf(codeableText(r.reasonCode), codeableText(r.type)),
    provider: names.get(`Practitioner/${refs.practitionerId}`) ?? null,
    location: names.get(`Organization/${refs.organisationId}`) ?? null,
    hasNotes: withNotes.has(row.id),
  };
}
