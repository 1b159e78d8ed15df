import type { Kysely } from 'kysely';

/**
 * Account security under attack: attempt counters that every app node shares and updates atomically (one row per
 * key, counted before the check), devices an account has signed in from (they may still sign in while the account
 * is locked by someone else's guesses), and instance settings (whether this database is the demo's).
 * The per-account counters on `account` and the append-only `auth_failure` log they replace are dropped.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey()) // '<limit>:<address|account|username>'
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('expire_at', 'bigint') // milliseconds since the epoch; null: never
    .execute();
  await db.schema.createIndex('rate_limit_expire').on('rate_limit').column('expire_at').execute();

  await db.schema
    .createTable('known_device')
    .addColumn('token_hash', 'text', (c) => c.primaryKey()) // SHA-256 of the device cookie's value
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('known_device_account').on('known_device').column('account_id').execute();

  await db.schema
    .createTable('instance_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.dropTable('auth_failure').execute();
  await db.schema.alterTable('account').dropColumn('failed_signins').execute();
  await db.schema.alterTable('account').dropColumn('locked_until').execute();
}
