import { addDaysToDate, dateInZone, hasReachedAge } from '../../platform/calendar.ts';
import type { Tenant } from '../../../shared/tenant.ts';
import type { StaffPatientView, StaffVisit } from '../../../shared/front-desk.ts';
import type { PatientSummary, VisitSummary } from '../fhir/fhir.service.ts';

/**
 * A visit as the front desk chooses one for a code: its date in the organisation's calendar and the last day a
 * code tied to it would work (visit date + the tenant's `activationCodeValidDays`, 45 in the FAQ).
 */
export function presentVisit(v: VisitSummary, today: string, tenant: Tenant): StaffVisit {
  const visitDate = dateInZone(new Date(v.start), tenant.organisation.timeZone);
  const lastValidDate = addDaysToDate(visitDate, tenant.rules.activationCodeValidDays);
  return {
    id: v.id,
    start: v.start,
    type: v.type,
    kind: v.kind,
    reason: v.reason,
    visitDate,
    lastValidDate,
    codeEligible: visitDate <= today && lastValidDate >= today,
  };
}

/**
 * The patient page for staff. A code may be offered when the caller's role issues codes, the patient has no
 * account yet (one account per patient) and is an adult by the code's last day (minors use proxy access).
 */
export function presentStaffPatient(
  p: PatientSummary,
  visits: VisitSummary[],
  hasAccount: boolean,
  mayIssue: boolean,
  today: string,
  tenant: Tenant,
): StaffPatientView {
  const ageLimit = tenant.rules.proxyMinorAgeLimit;
  const todayLastValidDate = addDaysToDate(today, tenant.rules.activationCodeValidDays);
  const isMinor = p.birthDate !== null && !hasReachedAge(p.birthDate, ageLimit, today);
  const adultByCodeEnd = p.birthDate === null || hasReachedAge(p.birthDate, ageLimit, todayLastValidDate);
  return {
    patient: { id: p.id, displayName: p.displayName, birthDate: p.birthDate, isMinor },
    hasAccount,
    visits: visits.filter((v) => v.start).map((v) => presentVisit(v, today, tenant)),
    todayLastValidDate,
    actions: { canIssueCode: mayIssue && !hasAccount && adultByCodeEnd },
  };
}
