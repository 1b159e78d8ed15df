import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  AccountTable,
  ActivationCodeTable,
  Database,
  KnownDeviceTable,
  OneTimeCodeTable,
  Realm,
} from '../../db/schema.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type AccountRow = Selectable<AccountTable>;
export type ActivationCodeRow = Selectable<ActivationCodeTable>;
export type OneTimeCodeRow = Selectable<OneTimeCodeTable>;
export type KnownDeviceRow = Selectable<KnownDeviceTable>;

/** Identity's SQL: accounts, activation codes, one-time and recovery codes, known devices. */
export class IdentityRepository {
  // ----- accounts
  async insertAccount(trx: Handle, row: Insertable<AccountTable>): Promise<void> {
    await trx.insertInto('account').values(row).execute();
  }

  findAccountByUsername(trx: Handle, realm: Realm, username: string): Promise<AccountRow | undefined> {
    return trx
      .selectFrom('account')
      .selectAll()
      .where('realm', '=', realm)
      .where('username', '=', username)
      .executeTakeFirst();
  }

  findAccount(trx: Handle, id: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findAccountByPatient(trx: Handle, patientId: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('account').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
  }

  /** Accounts whose verified email or phone is this contact (forgot username). */
  findAccountsByVerifiedContact(
    trx: Handle,
    realm: Realm,
    contact: { email: string } | { phone: string },
  ): Promise<AccountRow[]> {
    const q = trx.selectFrom('account').selectAll().where('realm', '=', realm);
    return (
      'email' in contact
        ? q.where('email', '=', contact.email).where('email_verified_at', 'is not', null)
        : q.where('phone', '=', contact.phone).where('phone_verified_at', 'is not', null)
    ).execute();
  }

  async updateAccount(trx: Handle, id: string, changes: Updateable<AccountTable>): Promise<void> {
    await trx.updateTable('account').set(changes).where('id', '=', id).execute();
  }

  listStaff(trx: Handle): Promise<AccountRow[]> {
    return trx.selectFrom('account').selectAll().where('realm', '=', 'staff').orderBy('display_name').execute();
  }

  /**
   * The enabled admins' ids. `lock` (PostgreSQL): their rows stay locked until the transaction ends, so two admins
   * disabling each other at once cannot both succeed (SQLite runs one writing transaction at a time).
   */
  async enabledAdminIds(trx: Handle, lock: boolean): Promise<string[]> {
    const q = trx
      .selectFrom('account')
      .select('id')
      .where('realm', '=', 'staff')
      .where('staff_role', '=', 'admin')
      .where('status', '=', 'active')
      .orderBy('id'); // every transaction locks them in the same order: no deadlock between two
    return (await (lock ? q.forUpdate() : q).execute()).map((r) => r.id);
  }

  /** Replaces the organisations a staff member belongs to. */
  async setStaffOrganisations(trx: Handle, accountId: string, organisations: readonly string[]): Promise<void> {
    await trx.deleteFrom('staff_organisation').where('account_id', '=', accountId).execute();
    if (organisations.length)
      await trx
        .insertInto('staff_organisation')
        .values([...new Set(organisations)].map((organisation_id) => ({ account_id: accountId, organisation_id })))
        .execute();
  }

  async staffOrganisations(trx: Handle): Promise<Map<string, string[]>> {
    const rows = await trx.selectFrom('staff_organisation').selectAll().orderBy('organisation_id').execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), r.organisation_id]);
    return out;
  }

  // ----- activation codes
  async insertActivationCode(trx: Handle, row: ActivationCodeRow): Promise<void> {
    await trx.insertInto('activation_code').values(row).execute();
  }

  findActivationCode(trx: Handle, codeHash: string): Promise<ActivationCodeRow | undefined> {
    return trx.selectFrom('activation_code').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  }

  /** Marks a code used, only if it still is unused: two sign-ups racing for one code cannot both win. */
  async useActivationCode(trx: Handle, id: string, at: string, accountId: string): Promise<boolean> {
    const res = await trx
      .updateTable('activation_code')
      .set({ used_at: at, used_by: accountId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Earlier unused codes of a patient stop working when a new one is issued. */
  async revokeOpenActivationCodes(trx: Handle, patientId: string, at: string): Promise<void> {
    await trx
      .updateTable('activation_code')
      .set({ revoked_at: at })
      .where('patient_id', '=', patientId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  // ----- one-time codes (contact verification, password reset)
  async insertOneTimeCode(trx: Handle, row: Insertable<OneTimeCodeTable>): Promise<void> {
    await trx.insertInto('one_time_code').values(row).execute();
  }

  /** The newest unused code of an account for a purpose. */
  latestOneTimeCode(
    trx: Handle,
    accountId: string,
    purpose: OneTimeCodeRow['purpose'],
  ): Promise<OneTimeCodeRow | undefined> {
    return trx
      .selectFrom('one_time_code')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /** Takes one try of an unused, unexpired code with tries left, in one statement; undefined when none is left. */
  takeOneTimeAttempt(trx: Handle, id: string, maxTries: number, now: string): Promise<OneTimeCodeRow | undefined> {
    return trx
      .updateTable('one_time_code')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('attempts', '<', maxTries)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
  }

  /** Uses a code once: false when it was already used. */
  async useOneTimeCode(trx: Handle, id: string, at: string): Promise<boolean> {
    const res = await trx
      .updateTable('one_time_code')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async expireOneTimeCodes(
    trx: Handle,
    accountId: string,
    purpose: OneTimeCodeRow['purpose'],
    at: string,
  ): Promise<void> {
    await trx
      .updateTable('one_time_code')
      .set({ used_at: at })
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  // ----- recovery codes
  async replaceRecoveryCodes(trx: Handle, accountId: string, hashes: string[]): Promise<void> {
    await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    if (hashes.length)
      await trx
        .insertInto('recovery_code')
        .values(hashes.map((h) => ({ account_id: accountId, code_hash: h, used_at: null })))
        .execute();
  }

  /** Uses a recovery code once; false when it does not exist or was used. */
  async useRecoveryCode(trx: Handle, accountId: string, hash: string, at: string): Promise<boolean> {
    const res = await trx
      .updateTable('recovery_code')
      .set({ used_at: at })
      .where('account_id', '=', accountId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ----- known devices (signed in from before: may pass a lock someone else caused)
  async insertKnownDevice(trx: Handle, row: KnownDeviceRow): Promise<void> {
    await trx.insertInto('known_device').values(row).execute();
  }

  /** The device, only if it belongs to this account. */
  findKnownDevice(trx: Handle, tokenHash: string, accountId: string): Promise<KnownDeviceRow | undefined> {
    return trx
      .selectFrom('known_device')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  async touchKnownDevice(trx: Handle, tokenHash: string, at: string): Promise<void> {
    await trx.updateTable('known_device').set({ last_used_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteKnownDevice(trx: Handle, tokenHash: string): Promise<void> {
    await trx.deleteFrom('known_device').where('token_hash', '=', tokenHash).execute();
  }

  /**
   * Takes a TOTP time step for the account only if it is later than the last one accepted: of two requests with the
   * same code at the same instant, one wins.
   */
  async takeTotpStep(trx: Handle, accountId: string, step: number): Promise<boolean> {
    const res = await trx
      .updateTable('account')
      .set({ totp_last_step: step })
      .where('id', '=', accountId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
