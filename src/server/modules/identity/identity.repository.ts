import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AccountTable, ActivationCodeTable, Database, OneTimeCodeTable, Realm } from '../../db/schema.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type AccountRow = Selectable<AccountTable>;
export type ActivationCodeRow = Selectable<ActivationCodeTable>;
export type OneTimeCodeRow = Selectable<OneTimeCodeTable>;

/** Identity's SQL: accounts, activation codes, one-time and recovery codes, sign-in failures. */
export class IdentityRepository {
  // ----- accounts
  async insertAccount(trx: Handle, row: Insertable<AccountTable>): Promise<void> {
    await trx.insertInto('account').values(row).execute();
  }

  findAccountByUsername(trx: Handle, realm: Realm, username: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('account').selectAll().where('realm', '=', realm).where('username', '=', username).executeTakeFirst();
  }

  findAccount(trx: Handle, id: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findAccountByPatient(trx: Handle, patientId: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('account').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
  }

  /** Accounts whose verified email or phone is this contact (forgot username). */
  findAccountsByVerifiedContact(trx: Handle, realm: Realm, contact: { email: string } | { phone: string }): Promise<AccountRow[]> {
    const q = trx.selectFrom('account').selectAll().where('realm', '=', realm);
    return ('email' in contact
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

  // ----- activation codes
  async insertActivationCode(trx: Handle, row: ActivationCodeRow): Promise<void> {
    await trx.insertInto('activation_code').values(row).execute();
  }

  findActivationCode(trx: Handle, codeHash: string): Promise<ActivationCodeRow | undefined> {
    return trx.selectFrom('activation_code').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  }

  /** Marks a code used, only if it still is unused: two sign-ups racing for one code cannot both win. */
  async useActivationCode(trx: Handle, id: string, at: string, accountId: string): Promise<boolean> {
    const res = await trx.updateTable('activation_code').set({ used_at: at, used_by: accountId }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Earlier unused codes of a patient stop working when a new one is issued. */
  async revokeOpenActivationCodes(trx: Handle, patientId: string, at: string): Promise<void> {
    await trx.updateTable('activation_code').set({ revoked_at: at }).where('patient_id', '=', patientId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
  }

  // ----- one-time codes (contact verification, password reset)
  async insertOneTimeCode(trx: Handle, row: Insertable<OneTimeCodeTable>): Promise<void> {
    await trx.insertInto('one_time_code').values(row).execute();
  }

  /** The newest unused code of an account for a purpose. */
  latestOneTimeCode(trx: Handle, accountId: string, purpose: OneTimeCodeRow['purpose']): Promise<OneTimeCodeRow | undefined> {
    return trx
      .selectFrom('one_time_code')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  async countOneTimeAttempt(trx: Handle, id: string): Promise<void> {
    await trx.updateTable('one_time_code').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
  }

  async useOneTimeCode(trx: Handle, id: string, at: string): Promise<void> {
    await trx.updateTable('one_time_code').set({ used_at: at }).where('id', '=', id).execute();
  }

  async expireOneTimeCodes(trx: Handle, accountId: string, purpose: OneTimeCodeRow['purpose'], at: string): Promise<void> {
    await trx.updateTable('one_time_code').set({ used_at: at }).where('account_id', '=', accountId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  }

  // ----- recovery codes
  async replaceRecoveryCodes(trx: Handle, accountId: string, hashes: string[]): Promise<void> {
    await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    if (hashes.length) await trx.insertInto('recovery_code').values(hashes.map((h) => ({ account_id: accountId, code_hash: h, used_at: null }))).execute();
  }

  /** Uses a recovery code once; false when it does not exist or was used. */
  async useRecoveryCode(trx: Handle, accountId: string, hash: string, at: string): Promise<boolean> {
    const res = await trx.updateTable('recovery_code').set({ used_at: at }).where('account_id', '=', accountId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ----- failures, for rate limits shared by every app node
  async recordFailure(trx: Handle, id: string, key: string, at: string): Promise<void> {
    await trx.insertInto('auth_failure').values({ id, key, occurred_at: at }).execute();
  }

  async countFailuresSince(trx: Handle, key: string, since: string): Promise<number> {
    const row = await trx.selectFrom('auth_failure').select((eb) => eb.fn.countAll<string | number>().as('n')).where('key', '=', key).where('occurred_at', '>=', since).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
