import { sql, type Kysely } from 'kysely';

/**
 * Indexes for lists that were read whole (test/query-plans.test.ts at 10,000 patients): a patient's pending share
 * invitations (the sharing page), an account's own activity (events about the account, such as a lock, besides the
 * ones it did), and the work queue across every pool (an admin's open and closed tabs).
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('proxy_invitation_patient')
    .on('proxy_invitation')
    .columns(['patient_id', 'status'])
    .execute();
  // Partial: only the few events whose subject is an account (the audit log is the largest table, written on every read).
  await db.schema
    .createIndex('audit_event_account_subject')
    .on('audit_event')
    .columns(['subject_id', 'occurred_at'])
    .where(sql.ref('subject_type'), '=', 'account')
    .execute();
  // Open items (closed_at empty) by status; closed ones most recently closed first.
  await db.schema.createIndex('work_item_status_closed').on('work_item').columns(['status', 'closed_at']).execute();
}
