import type { Kysely } from 'kysely';

/**
 * Identity: accounts (patients and staff, one table, separated by realm), server-side sessions, activation codes,
 * one-time codes, recovery codes, sign-in failures (for rate limits and locks across app nodes), and the staff
 * work queues every feature hands work to staff through.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('realm', 'text', (c) => c.notNull()) // 'patient' | 'staff'
    .addColumn('username', 'text', (c) => c.notNull()) // normalised (NFKC, lower case) for uniqueness
    .addColumn('username_display', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text') // patients: the FHIR Patient id; one account per patient
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('staff_role', 'text')
    .addColumn('email', 'text')
    .addColumn('email_verified_at', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_verified_at', 'text')
    .addColumn('address', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('totp_pending_secret', 'text') // during enrolment, until the first code confirms it
    .addColumn('totp_last_step', 'integer') // last accepted time step: a code is never accepted twice
    .addColumn('failed_signins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'disabled'
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_realm_username').on('account').columns(['realm', 'username']).unique().execute();
  await db.schema.createIndex('account_patient').on('account').column('patient_id').unique().execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie value; the value itself is never stored
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('realm', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull()) // 'second_factor' (password ok, TOTP pending) | 'full'
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()) // absolute lifetime
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('session_account').on('session').column('account_id').execute();

  await db.schema
    .createTable('activation_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text')
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('activation_code_patient').on('activation_code').column('patient_id').execute();

  await db.schema
    .createTable('one_time_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('purpose', 'text', (c) => c.notNull()) // 'verify_email' | 'verify_phone' | 'reset_password'
    .addColumn('target', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('one_time_code_account').on('one_time_code').columns(['account_id', 'purpose']).execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_code_pk', ['account_id', 'code_hash'])
    .execute();

  // Failed attempts by key ('signin-ip:1.2.3.4', 'code-ip:…'), counted over a sliding window for rate limits.
  await db.schema
    .createTable('auth_failure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_failure_key_time').on('auth_failure').columns(['key', 'occurred_at']).execute();

  await db.schema
    .createTable('work_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull()) // 'activation_code_request', later 'proxy_request', 'refill_request', …
    .addColumn('pool', 'text', (c) => c.notNull()) // 'front_desk' | 'care_team:<id>' | 'him' | 'billing' | 'customer_service'
    .addColumn('patient_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'in_progress' | 'closed'
    .addColumn('assignee_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull()) // JSON, staff-facing
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text') // shown to the patient
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    // A short exclusive lease while a step with outside effects runs (issuing a code from a request), so a
    // double-click or two colleagues cannot both act on one item.
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema
    .createIndex('work_item_pool_status_due')
    .on('work_item')
    .columns(['pool', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('work_item_patient').on('work_item').column('patient_id').execute();
}
