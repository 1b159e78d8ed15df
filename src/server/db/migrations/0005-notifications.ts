import type { Kysely } from 'kysely';

/**
 * Notifications: each account's choices (per event, per channel; opt-in), the bell's items (what is new, never
 * what it says), and the delivery log the per-recipient rate limit counts (the recipient only as a keyed hash).
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_preference')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull()) // 0 | 1
    .addColumn('sms', 'integer', (c) => c.notNull()) // 0 | 1
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preference_pk', ['account_id', 'event_type'])
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text') // the record it concerns, when it concerns one
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique()) // one item per event and recipient
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_account')
    .on('notification')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_key', 'text', (c) => c.notNull()) // SHA-256 of channel + address, never the address
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_delivery_recipient')
    .on('notification_delivery')
    .columns(['recipient_key', 'sent_at'])
    .execute();
}
