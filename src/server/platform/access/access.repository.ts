import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { parseJson, type Database, type ProxyGrantTable } from '../../db/schema.ts';

type Handle = Kysely<Database> | Transaction<Database>;
export type GrantRow = Selectable<ProxyGrantTable>;

/** The grant store's SQL: proxy grants, and the one fact about a patient the guard needs (the birth date). */
export class AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  activeGrant(accountId: string, patientId: string, trx: Handle = this.db): Promise<GrantRow | undefined> {
    return trx
      .selectFrom('proxy_grant')
      .selectAll()
      .where('grantee_account_id', '=', accountId)
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .orderBy('granted_at', 'desc')
      .executeTakeFirst();
  }

  grantsOfGrantee(accountId: string): Promise<GrantRow[]> {
    return this.db
      .selectFrom('proxy_grant')
      .selectAll()
      .where('grantee_account_id', '=', accountId)
      .where('status', '=', 'active')
      .orderBy('granted_at')
      .execute();
  }

  grantsOfPatient(patientId: string): Promise<GrantRow[]> {
    return this.db
      .selectFrom('proxy_grant')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('granted_at', 'desc')
      .execute();
  }

  activeGrantsOfPatient(trx: Handle, patientId: string): Promise<GrantRow[]> {
    return trx
      .selectFrom('proxy_grant')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .orderBy('granted_at')
      .execute();
  }

  findGrant(trx: Handle, id: string): Promise<GrantRow | undefined> {
    return trx.selectFrom('proxy_grant').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertGrant(trx: Handle, row: Insertable<ProxyGrantTable>): Promise<void> {
    await trx.insertInto('proxy_grant').values(row).execute();
  }

  /** Revokes an active grant; false when it was not active (already revoked). */
  async revokeGrant(trx: Handle, id: string, at: string, by: string): Promise<boolean> {
    const res = await trx
      .updateTable('proxy_grant')
      .set({ status: 'revoked', revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The patient's birth date from the clinical store, or null (unknown patient or no birth date). */
  async birthDateOf(patientId: string, trx: Handle = this.db): Promise<string | null> {
    const row = await trx
      .selectFrom('fhir_resource')
      .select('content')
      .where('resource_type', '=', 'Patient')
      .where('id', '=', patientId)
      .executeTakeFirst();
    if (!row) return null;
    const birthDate = parseJson<{ birthDate?: unknown }>(row.content).birthDate;
    return typeof birthDate === 'string' ? birthDate : null;
  }

  async patientExists(patientId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('fhir_resource')
      .select('id')
      .where('resource_type', '=', 'Patient')
      .where('id', '=', patientId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether a staff member belongs to an organisation the patient was seen at (clinicians' and nurses' reach). */
  async sharesOrganisation(accountId: string, patientId: string, trx: Handle = this.db): Promise<boolean> {
    const row = await trx
      .selectFrom('staff_organisation as s')
      .innerJoin('patient_organisation as p', 'p.organisation_id', 's.organisation_id')
      .select('s.organisation_id')
      .where('s.account_id', '=', accountId)
      .where('p.patient_id', '=', patientId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The organisations a staff member belongs to. */
  async organisationsOf(accountId: string, trx: Handle = this.db): Promise<string[]> {
    const rows = await trx
      .selectFrom('staff_organisation')
      .select('organisation_id')
      .where('account_id', '=', accountId)
      .orderBy('organisation_id')
      .execute();
    return rows.map((r) => r.organisation_id);
  }

  /** Active grants for minors whose parent has not been told yet that access is ending. */
  minorGrantsWithoutEndingNotice(): Promise<GrantRow[]> {
    return this.db
      .selectFrom('proxy_grant')
      .selectAll()
      .where('kind', '=', 'minor')
      .where('status', '=', 'active')
      .where('ending_notice_sent_at', 'is', null)
      .execute();
  }

  /**
   * Marks the grant's ending notice as sent unless another run (another process or node) already did: true when
   * this caller is the one to send it. The row lock makes a concurrent claim wait and then find it taken.
   */
  async claimEndingNotice(trx: Handle, id: string, at: string): Promise<boolean> {
    const result = await trx
      .updateTable('proxy_grant')
      .set({ ending_notice_sent_at: at })
      .where('id', '=', id)
      .where('ending_notice_sent_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
