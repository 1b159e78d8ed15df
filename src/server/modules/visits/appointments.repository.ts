import type { Insertable, Selectable } from 'kysely';
import type { AppointmentRequestTable, AppointmentTable, VisitNoteTable, WaitListEntryTable } from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { Handle } from './schedule.repository.ts';
import { unitsOf } from './slots.ts';

export type AppointmentRow = Selectable<AppointmentTable>;
export type RequestRow = Selectable<AppointmentRequestTable>;
export type NoteRow = Selectable<VisitNoteTable>;
export type EntryRow = Selectable<WaitListEntryTable>;

/**
 * A patient's appointments, requests and visit notes, read through the patient scope (its patientId is the only
 * way to a record: another record's appointment id is simply not found), and the provider time appointments take.
 */
export class AppointmentsRepository {
  async get(db: Handle, scope: PatientScope, id: string): Promise<AppointmentRow | undefined> {
    return db
      .selectFrom('appointment')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Booked appointments from an instant on, soonest first. */
  async upcoming(db: Handle, scope: PatientScope, from: string): Promise<AppointmentRow[]> {
    return db
      .selectFrom('appointment')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('status', '=', 'booked')
      .where('ends_at', '>', from)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(100)
      .execute();
  }

  async byKey(db: Handle, scope: PatientScope, key: string): Promise<AppointmentRow | undefined> {
    return db
      .selectFrom('appointment')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Writes an appointment and takes its provider time, unit by unit. A unit already taken (another booking, an
   * overlapping one, an offer's hold) violates provider_time's primary key and the whole transaction fails.
   */
  async insert(trx: Handle, row: Insertable<AppointmentTable>): Promise<void> {
    await trx.insertInto('appointment').values(row).execute();
    await trx
      .insertInto('provider_time')
      .values(
        unitsOf(new Date(row.starts_at), new Date(row.ends_at)).map((unit_start) => ({
          practitioner_id: row.practitioner_id,
          unit_start,
          appointment_id: row.id,
          offer_id: null,
        })),
      )
      .execute();
  }

  /**
   * Cancels a booked appointment and frees its time; false when it was no longer booked (a second cancel, a race).
   */
  async cancel(
    trx: Handle,
    scope: PatientScope,
    id: string,
    change: { at: string; by: string; reason: AppointmentRow['cancel_reason']; replacedBy?: string },
  ): Promise<boolean> {
    const done = await trx
      .updateTable('appointment')
      .set({
        status: 'cancelled',
        cancelled_at: change.at,
        cancelled_by: change.by,
        cancel_reason: change.reason,
        replaced_by: change.replacedBy ?? null,
      })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('provider_time').where('appointment_id', '=', id).execute();
    return true;
  }

  async setCheckIn(trx: Handle, scope: PatientScope, id: string, at: string, answers: string): Promise<void> {
    await trx
      .updateTable('appointment')
      .set({ checked_in_at: at, check_in: answers })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .execute();
  }

  // ----- appointment requests

  async insertRequest(trx: Handle, row: Insertable<AppointmentRequestTable>): Promise<void> {
    await trx.insertInto('appointment_request').values(row).execute();
  }

  async requestByKey(db: Handle, scope: PatientScope, key: string): Promise<RequestRow | undefined> {
    return db
      .selectFrom('appointment_request')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async request(db: Handle, scope: PatientScope, id: string): Promise<RequestRow | undefined> {
    return db
      .selectFrom('appointment_request')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Marks an open request booked with the appointment that answers it; false when it was no longer open. */
  async markRequestBooked(trx: Handle, scope: PatientScope, id: string, appointmentId: string): Promise<boolean> {
    const done = await trx
      .updateTable('appointment_request')
      .set({ status: 'booked', appointment_id: appointmentId })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  async requests(db: Handle, scope: PatientScope): Promise<RequestRow[]> {
    return db
      .selectFrom('appointment_request')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
  }

  // ----- visit notes

  async notes(db: Handle, scope: PatientScope, encounterIds: readonly string[]): Promise<NoteRow[]> {
    if (!encounterIds.length) return [];
    return db
      .selectFrom('visit_note')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('encounter_id', 'in', encounterIds)
      .orderBy('signed_at')
      .execute();
  }

  /** Encounters of this record with a note the patient may read (signed, not held). */
  async encountersWithReleasedNotes(db: Handle, scope: PatientScope): Promise<Set<string>> {
    const rows = await db
      .selectFrom('visit_note')
      .select('encounter_id')
      .where('patient_id', '=', scope.patientId)
      .where('status', '=', 'signed')
      .where('hold_reason', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.encounter_id));
  }

  async noteByAuthor(db: Handle, scope: PatientScope, encounterId: string, authorId: string) {
    return db
      .selectFrom('visit_note')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('encounter_id', '=', encounterId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
  }

  async insertNote(trx: Handle, row: Insertable<VisitNoteTable>): Promise<void> {
    await trx.insertInto('visit_note').values(row).execute();
  }

  /** Updates a draft; a signed note is final (false). */
  async updateDraft(
    trx: Handle,
    scope: PatientScope,
    id: string,
    change: Pick<NoteRow, 'text' | 'status' | 'hold_reason' | 'updated_at' | 'signed_at'>,
  ): Promise<boolean> {
    const done = await trx
      .updateTable('visit_note')
      .set(change)
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }
}
