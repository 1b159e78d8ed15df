import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection.ts';

/**
 * Visits: scheduling, appointments, the wait list, visit notes.
 * - department, visit_type, schedule_provider, schedule_block (weekly hours), schedule_exception (a day or part of
 *   one closed, or extra hours): what an administrator defines; open slots derive from them.
 * - appointment: Lantern's own bookings (upcoming visits). One per (patient, idempotency key): a repeated submit
 *   returns the first answer.
 * - provider_time: the provider's time in 5-minute units, one row per unit an appointment (or a wait-list offer's
 *   hold) occupies. Its primary key (practitioner, unit) is what makes double booking impossible on both engines:
 *   two bookings racing for one slot, or overlapping ones, cannot both insert their units.
 * - wait_list_entry / wait_list_offer: "Get an earlier time", and the offers made when an earlier slot opens.
 * - appointment_request: "Request an appointment", for the front desk.
 * - visit_note: a clinician's note on a visit (encounter), released to the patient when signed unless held.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('instructions', 'text') // directions and what to bring
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visit_type')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // in_person | video
    .addColumn('self_schedulable', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'integer') // self-pay estimate
    .addColumn('questionnaire', 'text') // FHIR Questionnaire JSON for e-check-in, or null
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schedule_provider')
    .addColumn('practitioner_id', 'text', (c) => c.primaryKey()) // the record's Practitioner
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('visit_type_ids', 'text', (c) => c.notNull()) // JSON array: the visit types this provider offers
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schedule_block')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull()) // 0 Sunday … 6 Saturday, in the organisation's time zone
    .addColumn('start_minute', 'integer', (c) => c.notNull()) // minutes after local midnight
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('valid_to', 'text') // YYYY-MM-DD inclusive, or open-ended
    .execute();
  await db.schema.createIndex('schedule_block_provider').on('schedule_block').columns(['practitioner_id']).execute();

  await db.schema
    .createTable('schedule_exception')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD, local
    .addColumn('kind', 'text', (c) => c.notNull()) // closed | open (extra hours)
    .addColumn('start_minute', 'integer') // null with closed: the whole day
    .addColumn('end_minute', 'integer')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('schedule_exception_provider')
    .on('schedule_exception')
    .columns(['practitioner_id', 'date'])
    .execute();

  await db.schema
    .createTable('appointment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('visit_type_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // booked | cancelled
    .addColumn('reason', 'text')
    .addColumn('booked_by', 'text', (c) => c.notNull()) // account
    .addColumn('booked_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text') // cancelled | rescheduled | moved_earlier
    .addColumn('replaced_by', 'text') // the appointment a reschedule or an accepted offer moved it to
    .addColumn('checked_in_at', 'text')
    .addColumn('check_in', 'text') // e-check-in answers (JSON), QuestionnaireResponse included
    .execute();
  await db.schema
    .createIndex('appointment_once')
    .on('appointment')
    .columns(['patient_id', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema.createIndex('appointment_patient').on('appointment').columns(['patient_id', 'starts_at']).execute();
  await db.schema
    .createIndex('appointment_provider_day')
    .on('appointment')
    .columns(['practitioner_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('provider_time')
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('unit_start', 'text', (c) => c.notNull()) // UTC instant of a 5-minute unit
    .addColumn('appointment_id', 'text')
    .addColumn('offer_id', 'text') // held for a wait-list offer
    .addPrimaryKeyConstraint('provider_time_pk', ['practitioner_id', 'unit_start'])
    .execute();
  await db.schema.createIndex('provider_time_appointment').on('provider_time').columns(['appointment_id']).execute();
  await db.schema.createIndex('provider_time_offer').on('provider_time').columns(['offer_id']).execute();

  await db.schema
    .createTable('wait_list_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('appointment_id', 'text', (c) => c.notNull()) // the appointment to move earlier
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('visit_type_id', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text') // JSON array of 0–6 that suit, null: any day
    .addColumn('day_part', 'text', (c) => c.notNull()) // any | morning | afternoon
    .addColumn('status', 'text', (c) => c.notNull()) // waiting | moved | left | ended
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  // One live entry per appointment; left and ended ones stay as history.
  await db.schema
    .createIndex('wait_list_entry_once')
    .on('wait_list_entry')
    .columns(['appointment_id'])
    .unique()
    .where(sql.ref('status'), '=', 'waiting')
    .execute();
  await db.schema
    .createIndex('wait_list_entry_patient')
    .on('wait_list_entry')
    .columns(['patient_id', 'status'])
    .execute();
  await db.schema
    .createIndex('wait_list_entry_waiting')
    .on('wait_list_entry')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('wait_list_entry_provider')
    .on('wait_list_entry')
    .columns(['practitioner_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('wait_list_offer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('practitioner_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | accepted | expired | declined | gone
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('appointment_id', 'text') // the appointment accepting it made
    .execute();
  // One open offer per entry at a time.
  await db.schema
    .createIndex('wait_list_offer_open')
    .on('wait_list_offer')
    .columns(['entry_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema.createIndex('wait_list_offer_entry').on('wait_list_offer').columns(['entry_id']).execute();
  await db.schema
    .createIndex('wait_list_offer_patient')
    .on('wait_list_offer')
    .columns(['patient_id', 'status'])
    .execute();
  // Open offers by when they expire (the job's expiry sweep).
  await db.schema
    .createIndex('wait_list_offer_expiry')
    .on('wait_list_offer')
    .columns(['expires_at'])
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('appointment_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('practitioner_id', 'text') // null: any provider
    .addColumn('visit_type_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('preferred', 'text') // the days and times that suit, in the patient's words
    .addColumn('status', 'text', (c) => c.notNull()) // open | booked | closed
    .addColumn('work_item_id', 'text')
    .addColumn('appointment_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointment_request_once')
    .on('appointment_request')
    .columns(['patient_id', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('visit_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | signed
    .addColumn('hold_reason', 'text') // a Cures Act exception: held from the patient
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .execute();
  await db.schema
    .createIndex('visit_note_encounter')
    .on('visit_note')
    .columns(['patient_id', 'encounter_id'])
    .execute();
}
