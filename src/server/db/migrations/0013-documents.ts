import type { Kysely } from 'kysely';

/**
 * Amendments land on the record item they correct, and records released to the patient land in a Document center.
 * - record_amendment gains the item a chart correction was about (FHIR type and id; null when the request named
 *   none), so an accepted amendment is shown on that item and listed with it.
 * - patient_document: letters and records released to a patient (the file is kept under the data directory by the
 *   row's id, never in the web root). hidden_from_proxies: it holds something proxies may not see.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable('record_amendment').addColumn('item_type', 'text').execute();
  await db.schema.alterTable('record_amendment').addColumn('item_id', 'text').execute();
  await db.schema
    .createIndex('record_amendment_item')
    .on('record_amendment')
    .columns(['patient_id', 'item_type', 'item_id'])
    .execute();

  await db.schema
    .createTable('patient_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'records' | 'letter' | 'visit_summary'
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('hidden_from_proxies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thread_id', 'text') // the record request it fulfils, if any
    .addColumn('released_by', 'text', (c) => c.notNull()) // staff account id
    .addColumn('released_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('patient_document_patient')
    .on('patient_document')
    .columns(['patient_id', 'released_at'])
    .execute();
  // A record request is fulfilled by at most one document.
  await db.schema.createIndex('patient_document_thread').on('patient_document').column('thread_id').unique().execute();
}
