import type { Kysely } from 'kysely';

/**
 * Admins manage staff accounts: a password an admin set (reset) is one-time. Until the colleague chooses their own,
 * `one_time_password_expires_at` holds when it stops working (72 hours after the reset); while it is set, a signed-in
 * session may do nothing but change the password. Null: the password is the account holder's own.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('one_time_password_expires_at', 'text').execute();
}
