import type { AuditActor, RequestOrigin } from '../../platform/audit/audit.ts';
import { dateInZone } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { IssuedActivationCode, PatientListItem, StaffPatientView } from '../../../shared/front-desk.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { ActivationService } from '../identity/activation.service.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import { presentStaffPatient } from './front-desk.presenter.ts';

/** Whether a patient already has an account (identity answers; one account per patient). */
export type AccountLookup = (patientId: string) => Promise<boolean>;

/** How many visits the patient page lists, newest first. */
const VISITS_SHOWN = 25;

/**
 * The front desk: find a patient in the record, see their visits and whether they have an account, and issue an
 * activation code tied to a visit. Every search and every patient read is audited (a search names no patient).
 */
export class FrontDeskService {
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly activation: ActivationService,
    private readonly hasAccount: AccountLookup,
  ) {}

  /** Patients whose name or birth date contains every word of the query. */
  async searchPatients(session: Session, query: string, origin: RequestOrigin): Promise<PatientListItem[]> {
    // Clinicians and nurses find only patients of their own organisations; the guard's rule, asked per result.
    const found = [];
    for (const p of await this.fhir.searchPatients(query, 25))
      if (await this.ctx.access.staffReaches(session, p.id)) found.push(p);
    await this.ctx.audit.record({
      actor: actorOf(session),
      action: 'staff.patients.searched',
      origin,
      detail: { results: found.length },
    });
    return found.map((p) => ({ id: p.id, displayName: p.displayName, birthDate: p.birthDate }));
  }

  /** The patient's summary, visits and account status (the guard built the scope; the read is audited as it leaves). */
  async patientView(scope: PatientScope): Promise<StaffPatientView> {
    const patient = await this.fhir.record(scope).patient();
    if (!patient) throw notFound('The patient');
    const [visits, hasAccount] = await Promise.all([
      this.fhir.visitsOf(scope.patientId, VISITS_SHOWN),
      this.hasAccount(scope.patientId),
    ]);
    const tenant = this.ctx.config.tenant;
    const today = dateInZone(this.ctx.clock.now(), tenant.organisation.timeZone);
    return presentStaffPatient(patient, visits, hasAccount, scope.can('activation_code.issue'), today, tenant);
  }

  /** A code for the patient, tied to a visit (or to today), shown once to staff to hand over. Identity keeps the rules. */
  async issueCode(
    scope: PatientScope,
    session: Session,
    encounterId: string | undefined,
    origin: RequestOrigin,
  ): Promise<IssuedActivationCode> {
    const issued = await this.activation.issueCode(session, scope.patientId, encounterId, origin);
    return { code: issued.code, visitDate: issued.visitDate, lastValidDate: issued.lastValidDate };
  }
}

/** The audit actor for a staff session. */
export function actorOf(session: Session): AuditActor {
  return { type: 'staff', id: session.accountId, role: session.staffRole ?? undefined };
}
