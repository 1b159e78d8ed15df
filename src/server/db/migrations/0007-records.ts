import { sql, type Kysely } from 'kysely';
import { educationSeed } from './0007-records.education-topics.ts';

/**
 * The health record's portal-owned parts: refill requests (one open request per medication, enforced by a partial
 * unique index), instructions staff add to a visit, and health-education topics (shipped with a starter set).
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('refill_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('medication_id', 'text', (c) => c.notNull()) // MedicationRequest id
    .addColumn('status', 'text', (c) => c.notNull()) // 'requested' | 'approved' | 'denied'
    .addColumn('pharmacy', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('work_item_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('refill_request_patient')
    .on('refill_request')
    .columns(['patient_id', 'medication_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('refill_request_one_open')
    .on('refill_request')
    .column('medication_id')
    .unique()
    .where(sql<boolean>`status = 'requested'`)
    .execute();
  await db.schema
    .createIndex('refill_request_idempotency')
    .on('refill_request')
    .columns(['requested_by', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('visit_instruction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_account_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visit_instruction_patient')
    .on('visit_instruction')
    .columns(['patient_id', 'encounter_id'])
    .execute();

  await db.schema
    .createTable('education_topic')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // Markdown
    .addColumn('codes', 'text', (c) => c.notNull()) // JSON array of "system|code"
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = '2026-11-25T00:00:00.000Z';
  for (const t of educationSeed) {
    await db
      .insertInto('education_topic')
      .values({ id: t.id, title: t.title, body: t.body, codes: JSON.stringify(t.codes), updated_at: at })
      .execute();
  }
}
