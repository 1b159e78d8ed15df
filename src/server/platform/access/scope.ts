import type { Tenant } from '../../../shared/tenant.ts';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/audit.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { GrantRow } from './access.repository.ts';
import { confidentialForProxies, type ConfidentialityFacts } from './confidentiality.ts';
import { isWrite, POLICY, type Permission, type Relation } from './policy.ts';

type Handle = Kysely<Database> | Transaction<Database>;

export interface ScopeInit {
  patientId: string;
  relation: Relation;
  actor: AuditActor;
  permissions: ReadonlySet<Permission>;
  grant: GrantRow | null;
  /** The patient's birth date, for the confidentiality filter: loaded for proxies only (null otherwise). */
  birthDate: string | null;
  tenant: Tenant;
  now: Date;
  audit: AuditLog;
}

/**
 * What the guard hands a patient-data route: one patient's record, the caller's relation to it and the permissions
 * that relation holds (platform/access/policy.ts), the confidentiality filter, and an audit writer bound to the
 * actor and the patient. Patient-data repositories are built from a scope (`scope.patientId` is their only way to
 * the patient), so every query they write is already limited to this record; an id from another record is simply
 * not found.
 */
export class PatientScope {
  readonly patientId: string;
  readonly relation: Relation;
  readonly actor: AuditActor;
  readonly grant: GrantRow | null;
  private readonly permissions: ReadonlySet<Permission>;
  private readonly birthDate: string | null;
  private readonly tenant: Tenant;
  private readonly now: Date;
  private readonly auditLog: AuditLog;

  constructor(init: ScopeInit) {
    this.patientId = init.patientId;
    this.relation = init.relation;
    this.actor = init.actor;
    this.grant = init.grant;
    this.permissions = init.permissions;
    this.birthDate = init.birthDate;
    this.tenant = init.tenant;
    this.now = init.now;
    this.auditLog = init.audit;
  }

  can(permission: Permission): boolean {
    return this.permissions.has(permission);
  }

  /** The caller may change something in this record (a view-only proxy may not). */
  get canWrite(): boolean {
    return [...this.permissions].some((p) => isWrite(p) && POLICY[p].relations.length > 0);
  }

  /** Whether the confidentiality filter hides anything from this caller at all (proxies of adolescents and adults). */
  get hideConfidential(): boolean {
    return !this.can('record.confidential.read');
  }

  get canSeeAccessLog(): boolean {
    return this.can('access_log.read');
  }

  /** The confidentiality filter: whether this caller must not see (or be told about) an item. */
  hides(item: ConfidentialityFacts): boolean {
    return this.hideConfidential && this.confidentialForProxies(item);
  }

  /**
   * Whether proxies may not see (or be told about) an item of this record, whoever this caller is. The birth date
   * is the scope's (known for proxies) unless given (for the patient and staff, looked up by the caller).
   */
  confidentialForProxies(item: ConfidentialityFacts, birthDate: string | null = this.birthDate): boolean {
    return confidentialForProxies(birthDate, item, this.tenant, this.now);
  }

  /** The items of a list this caller may see: every list, count and label goes through here. */
  visible<T extends ConfidentialityFacts>(items: readonly T[]): T[] {
    return this.hideConfidential ? items.filter((i) => !this.hides(i)) : [...items];
  }

  /** Records an audit event on this record by this actor; pass the change's transaction to commit with it. */
  async audit(entry: Omit<AuditEntry, 'actor' | 'patientId'>, trx?: Handle): Promise<void> {
    await this.auditLog.record({ ...entry, actor: this.actor, patientId: this.patientId }, trx);
  }

  /** Records a read of this record by this actor; resolves once the event is committed (grouped with others'). */
  async auditRead(entry: Omit<AuditEntry, 'actor' | 'patientId'>): Promise<void> {
    await this.auditLog.recordCommitted({ ...entry, actor: this.actor, patientId: this.patientId });
  }
}
