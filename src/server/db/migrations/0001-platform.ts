import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection.ts';

/** Audit log (append-only, enforced by triggers on both engines) and the transactional outbox. */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('patient_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('audit_event_patient_time')
    .on('audit_event')
    .columns(['patient_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('audit_event_actor_time')
    .on('audit_event')
    .columns(['actor_id', 'occurred_at'])
    .execute();

  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_event_no_${op.toLowerCase()} BEFORE ${op} ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`,
        )
        .execute(db);
    }
  } else {
    await sql`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`.execute(db);
  }

  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_message_due').on('outbox_message').columns(['status', 'available_at']).execute();
}
