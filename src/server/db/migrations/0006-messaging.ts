import type { Kysely } from 'kysely';

/**
 * Secure messaging: threads (each in one patient's record, handed to staff as a work item), their messages,
 * who has read them, attachments (stored as files outside the web root; only metadata here), and the amendments
 * noted on a record when a chart correction is accepted.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull()) // the record it belongs to
    .addColumn('kind', 'text', (c) => c.notNull()) // 'medical' | 'customer_service'
    .addColumn('topic', 'text') // customer service: medical_record_request | chart_correction | billing_question | other
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('counterpart', 'text', (c) => c.notNull()) // practitioner's name or the department, as shown
    .addColumn('practitioner_id', 'text')
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('details', 'text') // JSON: record request or chart correction fields
    .addColumn('about_type', 'text')
    .addColumn('about_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'closed'
    .addColumn('work_item_id', 'text') // the latest in-basket item for it
    .addColumn('outcome', 'text') // JSON: decision, note, method, decidedAt
    .addColumn('created_by', 'text', (c) => c.notNull()) // account id
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('last_author_kind', 'text', (c) => c.notNull()) // 'patient' | 'proxy' | 'staff'
    .execute();
  await db.schema
    .createIndex('message_thread_patient')
    .on('message_thread')
    .columns(['patient_id', 'last_message_at'])
    .execute();
  await db.schema.createIndex('message_thread_work_item').on('message_thread').column('work_item_id').execute();

  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('message_thread.id'))
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_account_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_thread_time').on('message').columns(['thread_id', 'created_at']).execute();
  await db.schema
    .createIndex('message_idempotency')
    .on('message')
    .columns(['author_account_id', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('message_read')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('message_thread.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_read_pk', ['thread_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('message_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text') // null until sent with a message
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull()) // as detected from the bytes
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_attachment_message').on('message_attachment').column('message_id').execute();

  await db.schema
    .createTable('record_amendment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('requested', 'text', (c) => c.notNull()) // JSON: what is wrong, what it should say
    .addColumn('amendment', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_amendment_patient').on('record_amendment').column('patient_id').execute();
}
