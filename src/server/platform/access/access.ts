import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, StaffRole } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import { dateInZone, hasReachedAge } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import type { Session } from '../session/sessions.ts';
import { AccessRepository, type GrantRow } from './access.repository.ts';

export type Scope = 'read' | 'write';
export type Relation = 'self' | 'proxy_full' | 'proxy_view_only' | 'staff';

/** What the guard decided: whose record, in which relation, and what the caller may see and do. */
export interface PatientAccess {
  patientId: string;
  relation: Relation;
  /** The account that acts, for audit events ("by which proxy, which staff member and role"). */
  actor: AuditActor;
  canWrite: boolean;
  /** Proxies never see items marked confidential (adolescent confidentiality). */
  hideConfidential: boolean;
  /** Full-access proxies and the patient see the record's access log; view-only proxies do not. */
  canSeeAccessLog: boolean;
  grant: GrantRow | null;
}

/** Staff roles that may open a patient's record, and those that may change it. */
const STAFF_READ: StaffRole[] = ['clinician', 'nurse', 'him', 'front_desk', 'billing', 'admin'];
const STAFF_WRITE: StaffRole[] = ['clinician', 'nurse', 'him'];

/**
 * The one access guard for patient data. From the session and the patient named in the URL it resolves the
 * relation — self, proxy (full or view-only), staff with a role, or none — and the scope asked for. None is a 404,
 * the same answer as a patient that does not exist; a view-only proxy writing is a 403. A minor's proxy grant ends
 * on the child's 18th birthday, checked here at every request, not by a nightly job.
 */
export class AccessGuard {
  readonly grants: AccessRepository;
  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: Config,
  ) {
    this.grants = new AccessRepository(db);
  }

  async require(session: Session, patientId: string, scope: Scope): Promise<PatientAccess> {
    const access = await this.resolve(session, patientId);
    if (!access) throw notFound();
    if (scope === 'write' && !access.canWrite) {
      throw new AppError(
        'forbidden',
        'proxy_view_only',
        'You have view-only access to this record, so you cannot make changes or send requests from it.',
      );
    }
    return access;
  }

  /** The caller's access to a patient, or null for none. */
  async resolve(session: Session, patientId: string): Promise<PatientAccess | null> {
    if (session.stage !== 'full') return null;
    if (session.realm === 'staff') {
      const role = session.staffRole;
      if (!role || !STAFF_READ.includes(role) || !(await this.grants.patientExists(patientId))) return null;
      return {
        patientId,
        relation: 'staff',
        actor: { type: 'staff', id: session.accountId, role },
        canWrite: STAFF_WRITE.includes(role),
        hideConfidential: false,
        canSeeAccessLog: false,
        grant: null,
      };
    }
    if (session.patientId === patientId) {
      return {
        patientId,
        relation: 'self',
        actor: { type: 'patient', id: session.accountId },
        canWrite: true,
        hideConfidential: false,
        canSeeAccessLog: true,
        grant: null,
      };
    }
    const grant = await this.grants.activeGrant(session.accountId, patientId);
    if (!grant || !(await this.grantInForce(grant))) return null;
    const full = grant.level === 'full';
    return {
      patientId,
      relation: full ? 'proxy_full' : 'proxy_view_only',
      actor: { type: 'proxy', id: session.accountId, role: full ? 'proxy-full' : 'proxy-view-only' },
      canWrite: full,
      hideConfidential: true,
      canSeeAccessLog: full,
      grant,
    };
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
