import type { Kysely, Selectable, Transaction } from 'kysely';
import { reusableQuery } from '../../db/reusable-query.ts';
import type { Database, SessionTable, StaffRole } from '../../db/schema.ts';

type Handle = Kysely<Database> | Transaction<Database>;

/** A live session row joined with what every request needs to know about its account. */
export interface SessionWithAccount extends Selectable<SessionTable> {
  account_status: 'active' | 'disabled';
  staff_role: StaffRole | null;
  patient_id: string | null;
  display_name: string;
  one_time_password_expires_at: string | null;
}

const findSession = reusableQuery((db, idHash: string) =>
  db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .selectAll('session')
    .select([
      'account.status as account_status',
      'account.staff_role',
      'account.patient_id',
      'account.display_name',
      'account.one_time_password_expires_at',
    ])
    .where('session.id_hash', '=', idHash),
);

/** Sessions' SQL. Sessions live in the database so every app node sees the same ones. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(trx: Handle, row: Selectable<SessionTable>): Promise<void> {
    await trx.insertInto('session').values(row).execute();
  }

  /** Every request asks this: compiled once (db/reusable-query.ts). */
  async find(idHash: string): Promise<SessionWithAccount | undefined> {
    return (await findSession(this.db, idHash))[0];
  }

  async touch(idHash: string, at: string): Promise<void> {
    await this.db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  }

  async revoke(trx: Handle, idHash: string, at: string): Promise<void> {
    await trx
      .updateTable('session')
      .set({ revoked_at: at })
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of an account (sign out everywhere, password change), optionally but one. */
  async revokeAll(trx: Handle, accountId: string, at: string, except?: string): Promise<number> {
    let q = trx
      .updateTable('session')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null);
    if (except) q = q.where('id_hash', '!=', except);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Live sessions of an account, newest first (for the "signed in on" list). */
  listLive(accountId: string, now: string): Promise<Selectable<SessionTable>[]> {
    return this.db
      .selectFrom('session')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }
}
