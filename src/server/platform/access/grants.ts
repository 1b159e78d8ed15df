import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import type { AccessGuard } from './access.ts';
import type { GrantRow } from './access.repository.ts';

type Handle = Kysely<Database> | Transaction<Database>;

export interface NewGrant {
  patientId: string;
  granteeAccountId: string;
  kind: 'minor' | 'adult';
  level: 'full' | 'view_only';
  relationship: string;
  grantedBy: string;
  /** Why staff gave it directly (kept with the grant); omitted for requests and invitations. */
  reason?: string;
}

/**
 * The only way grants change: the proxy module (requests, approvals, invitations, revocation) calls these, and the
 * guard reads what they wrote. A second active grant for the same pair is refused, by a unique index.
 */
export class Grants {
  constructor(
    private readonly guard: AccessGuard,
    private readonly clock: Clock,
  ) {}

  async grant(trx: Handle, g: NewGrant): Promise<string> {
    // Inside the caller's transaction: on SQLite a read outside it would wait for the transaction's own connection.
    const existing = await this.guard.grants.activeGrant(g.granteeAccountId, g.patientId, trx);
    if (existing && (await this.guard.grantInForce(existing, trx)))
      throw new AppError('conflict', 'grant_exists', 'This person already has access to this record.');
    if (existing) await this.guard.grants.revokeGrant(trx, existing.id, toDbTime(this.clock.now()), 'system:expired');
    const id = randomUUID();
    // The partial unique index (one active grant per account and patient) decides between two at the same instant.
    await this.guard.grants
      .insertGrant(trx, {
        id,
        patient_id: g.patientId,
        grantee_account_id: g.granteeAccountId,
        kind: g.kind,
        level: g.level,
        relationship: g.relationship,
        status: 'active',
        granted_by: g.grantedBy,
        granted_at: toDbTime(this.clock.now()),
        reason: g.reason ?? null,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err))
          throw new AppError('conflict', 'grant_exists', 'This person already has access to this record.');
        throw err;
      });
    return id;
  }

  async revoke(trx: Handle, grantId: string, by: string): Promise<boolean> {
    return this.guard.grants.revokeGrant(trx, grantId, toDbTime(this.clock.now()), by);
  }

  find(trx: Handle, grantId: string): Promise<GrantRow | undefined> {
    return this.guard.grants.findGrant(trx, grantId);
  }

  ofPatient(patientId: string): Promise<GrantRow[]> {
    return this.guard.grants.grantsOfPatient(patientId);
  }

  /** Grants to a patient's record that are in force today, read through the caller's transaction. */
  async inForceForPatient(trx: Handle, patientId: string): Promise<GrantRow[]> {
    const out: GrantRow[] = [];
    for (const g of await this.guard.grants.activeGrantsOfPatient(trx, patientId))
      if (await this.guard.grantInForce(g, trx)) out.push(g);
    return out;
  }

  /** Grants an account holds that are in force today (a minor's ends on the 18th birthday). */
  async inForceFor(accountId: string): Promise<GrantRow[]> {
    const out: GrantRow[] = [];
    for (const g of await this.guard.grants.grantsOfGrantee(accountId))
      if (await this.guard.grantInForce(g)) out.push(g);
    return out;
  }
}
