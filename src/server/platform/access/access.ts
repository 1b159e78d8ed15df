import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, StaffRole } from '../../db/schema.ts';
import type { AuditActor, AuditLog } from '../audit/audit.ts';
import { dateInZone, hasReachedAge } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import type { Session } from '../session/sessions.ts';
import { AccessRepository, type GrantRow } from './access.repository.ts';
import { isWrite, ORGANISATION_BOUND, permissionsOf, relationHolds, type Permission, type Relation } from './policy.ts';
import { PatientScope } from './scope.ts';

export type { Relation } from './policy.ts';

/**
 * The one access guard for patient data. From the session and the patient named in the URL (or behind the object a
 * staff route names) it resolves the relation — self, proxy (full or view-only), staff with a role, or none — and
 * builds the patient scope with the permissions the policy table (policy.ts) gives that relation. None, or a
 * permission staff do not hold, is a 404, the same answer as a patient that does not exist; a proxy asking for what
 * their access does not cover is a 403 (view-only writing: `proxy_view_only`), since they know the record exists. Clinicians and nurses reach only patients of their own
 * organisations. A minor's proxy grant ends on the child's 18th birthday, checked here at every request.
 */
export class AccessGuard {
  readonly grants: AccessRepository;
  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly auditLog: AuditLog,
  ) {
    this.grants = new AccessRepository(db);
  }

  async require(session: Session, patientId: string, permission: Permission): Promise<PatientScope> {
    const scope = await this.resolve(session, patientId);
    if (!scope) throw notFound();
    if (scope.can(permission)) return scope;
    // A proxy already knows this record exists: what their access does not cover is a 403 that says why.
    if (scope.relation === 'proxy_view_only' && isWrite(permission) && relationHolds('proxy_full', permission)) {
      throw new AppError(
        'forbidden',
        'proxy_view_only',
        'You have view-only access to this record, so you cannot make changes or send requests from it.',
      );
    }
    if (scope.relation === 'proxy_full' || scope.relation === 'proxy_view_only') {
      throw new AppError(
        'forbidden',
        'only_the_patient',
        'Only the patient (or a proxy with full access, where allowed) can do this with their record.',
      );
    }
    throw notFound();
  }

  /** The caller's scope on a patient's record, or null for none. */
  async resolve(session: Session, patientId: string): Promise<PatientScope | null> {
    if (session.stage !== 'full') return null;
    if (session.realm === 'staff') {
      const role = session.staffRole;
      if (!role || !(await this.staffReaches(session, patientId))) return null;
      return this.scope(patientId, 'staff', { type: 'staff', id: session.accountId, role }, null, role);
    }
    if (session.patientId === patientId)
      return this.scope(patientId, 'self', { type: 'patient', id: session.accountId }, null);
    const grant = await this.grants.activeGrant(session.accountId, patientId);
    if (!grant || !(await this.grantInForce(grant))) return null;
    const full = grant.level === 'full';
    return this.scope(
      patientId,
      full ? 'proxy_full' : 'proxy_view_only',
      { type: 'proxy', id: session.accountId, role: full ? 'proxy-full' : 'proxy-view-only' },
      grant,
    );
  }

  /**
   * Whether a staff member reaches a patient at all: the patient exists and, for clinicians and nurses, shares an
   * organisation with them (they treat at one of the organisations the patient was seen at).
   */
  async staffReaches(session: Session, patientId: string): Promise<boolean> {
    if (session.realm !== 'staff' || session.stage !== 'full' || !session.staffRole) return false;
    if (!ORGANISATION_BOUND.includes(session.staffRole)) return this.grants.patientExists(patientId);
    return this.grants.sharesOrganisation(session.accountId, patientId);
  }

  private async scope(
    patientId: string,
    relation: Relation,
    actor: AuditActor,
    grant: GrantRow | null,
    role: StaffRole | null = null,
  ): Promise<PatientScope> {
    const permissions = permissionsOf(relation, role);
    // The birth date matters to the confidentiality filter only where it is on (proxies); decisions about what
    // proxies may be told look it up themselves (ScopedRecord.confidentialForProxies).
    const birthDate = permissions.has('record.confidential.read') ? null : await this.grants.birthDateOf(patientId);
    return new PatientScope({
      patientId,
      relation,
      actor,
      permissions,
      grant,
      birthDate,
      tenant: this.config.tenant,
      now: this.clock.now(),
      audit: this.auditLog,
    });
  }

  /** A grant for a minor is in force only until the day before the child's 18th birthday (organisation's calendar). */
  async grantInForce(grant: GrantRow, trx?: Kysely<Database> | Transaction<Database>): Promise<boolean> {
    return grant.kind !== 'minor' || this.isMinorToday(grant.patient_id, trx);
  }

  /** Whether the patient is under the proxy age limit today (false for an unknown patient or birth date). */
  async isMinorToday(patientId: string, trx?: Kysely<Database> | Transaction<Database>): Promise<boolean> {
    const birthDate = await this.grants.birthDateOf(patientId, trx);
    if (!birthDate) return false;
    const today = dateInZone(this.clock.now(), this.config.tenant.organisation.timeZone);
    return !hasReachedAge(birthDate, this.config.tenant.rules.proxyMinorAgeLimit, today);
  }
}
