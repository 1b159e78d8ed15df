import type { Kysely } from 'kysely';

/**
 * Access grants: who may act for which patient. A grant is a proxy relation (parent of a minor, or an adult's chosen
 * helper) at a level (full or view-only). Adult invitations wait for the invitee to accept.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proxy_grant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull()) // the record (FHIR Patient id)
    .addColumn('grantee_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'minor' (parent/guardian) | 'adult' (granted by the patient)
    .addColumn('level', 'text', (c) => c.notNull()) // 'full' | 'view_only'
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'revoked'
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('ending_notice_sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('proxy_grant_grantee')
    .on('proxy_grant')
    .columns(['grantee_account_id', 'status'])
    .execute();
  await db.schema.createIndex('proxy_grant_patient').on('proxy_grant').columns(['patient_id', 'status']).execute();

  await db.schema
    .createTable('proxy_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('inviter_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('invitee_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'accepted' | 'declined' | 'cancelled'
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('proxy_invitation_invitee')
    .on('proxy_invitation')
    .columns(['invitee_account_id', 'status'])
    .execute();

  // A parent's request for a child's record, as the parent follows it; staff work it as a work item.
  await db.schema
    .createTable('proxy_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requester_account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('work_item_id', 'text', (c) => c.notNull())
    .addColumn('child_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'approved' | 'denied'
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('proxy_request_requester').on('proxy_request').column('requester_account_id').execute();
}
