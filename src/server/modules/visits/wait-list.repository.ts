import type { Insertable, Selectable } from 'kysely';
import type { WaitListEntryTable, WaitListOfferTable } from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { Handle } from './schedule.repository.ts';
import { unitsOf } from './slots.ts';

export type EntryRow = Selectable<WaitListEntryTable>;
export type OfferRow = Selectable<WaitListOfferTable>;

/** A waiting entry with what its appointment needs to be matched against an open time. */
export interface Candidate extends EntryRow {
  appointment_starts_at: string;
  minutes: number;
}

/**
 * The wait list: entries (a patient's appointment to move earlier) and the offers made to them. An offer holds its
 * time in provider_time (offer_id), so nobody else books it while it is open; a decision claims the offer with an
 * UPDATE … WHERE status = 'open', so two acceptances (or an acceptance racing the expiry job) make one move.
 */
export class WaitListRepository {
  async insertEntry(trx: Handle, row: Insertable<WaitListEntryTable>): Promise<void> {
    await trx.insertInto('wait_list_entry').values(row).execute();
  }

  async entriesOf(db: Handle, scope: PatientScope): Promise<EntryRow[]> {
    return db
      .selectFrom('wait_list_entry')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('status', '=', 'waiting')
      .execute();
  }

  /** Ends an entry (left by the patient, moved by an accepted offer, ended with its appointment). */
  async endEntry(
    trx: Handle,
    where: { id: string } | { appointmentId: string },
    status: 'moved' | 'left' | 'ended',
    at: string,
    patientId: string,
  ): Promise<boolean> {
    let q = trx
      .updateTable('wait_list_entry')
      .set({ status, ended_at: at })
      .where('patient_id', '=', patientId)
      .where('status', '=', 'waiting');
    q = 'id' in where ? q.where('id', '=', where.id) : q.where('appointment_id', '=', where.appointmentId);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }

  /**
   * Waiting entries with a provider whose appointment starts after `before`, with no open offer and never offered
   * this start, in the order they joined.
   */
  async candidates(trx: Handle, practitionerId: string, before: string, start: string): Promise<Candidate[]> {
    return trx
      .selectFrom('wait_list_entry as e')
      .innerJoin('appointment as a', 'a.id', 'e.appointment_id')
      .innerJoin('visit_type as t', 't.id', 'e.visit_type_id')
      .selectAll('e')
      .select(['a.starts_at as appointment_starts_at', 't.minutes as minutes'])
      .where('e.practitioner_id', '=', practitionerId)
      .where('e.status', '=', 'waiting')
      .where('a.status', '=', 'booked')
      .where('a.starts_at', '>', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('wait_list_offer as o')
              .select('o.id')
              .whereRef('o.entry_id', '=', 'e.id')
              .where((eb) => eb.or([eb('o.status', '=', 'open'), eb('o.starts_at', '=', start)])),
          ),
        ),
      )
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(50)
      .execute();
  }

  /** Waiting entries with no open offer, oldest first (the job looks for earlier times for them). */
  async waitingWithoutOffer(db: Handle, limit: number): Promise<Candidate[]> {
    const waiting = await db
      .selectFrom('wait_list_entry as e')
      .innerJoin('appointment as a', 'a.id', 'e.appointment_id')
      .innerJoin('visit_type as t', 't.id', 'e.visit_type_id')
      .selectAll('e')
      .select(['a.starts_at as appointment_starts_at', 't.minutes as minutes'])
      .where('e.status', '=', 'waiting')
      .where('a.status', '=', 'booked')
      .orderBy('e.created_at')
      .limit(limit)
      .execute();
    const out: Candidate[] = [];
    for (const w of waiting) if (!(await this.hasOpenOffer(db, w.id))) out.push(w);
    return out;
  }

  /** Whether an entry has an offer waiting for an answer (one entry at a time: the open-offer index's lookup). */
  async hasOpenOffer(db: Handle, entryId: string): Promise<boolean> {
    return !!(await db
      .selectFrom('wait_list_offer')
      .select('id')
      .where('entry_id', '=', entryId)
      .where('status', '=', 'open')
      .executeTakeFirst());
  }

  async wasOffered(db: Handle, entryId: string, start: string): Promise<boolean> {
    return !!(await db
      .selectFrom('wait_list_offer')
      .select('id')
      .where('entry_id', '=', entryId)
      .where('starts_at', '=', start)
      .executeTakeFirst());
  }

  /** Writes an offer and holds its time (fails, with the transaction, when any of it is taken). */
  async insertOffer(trx: Handle, row: Insertable<WaitListOfferTable>): Promise<void> {
    await trx.insertInto('wait_list_offer').values(row).execute();
    await trx
      .insertInto('provider_time')
      .values(
        unitsOf(new Date(row.starts_at), new Date(row.ends_at)).map((unit_start) => ({
          practitioner_id: row.practitioner_id,
          unit_start,
          appointment_id: null,
          offer_id: row.id,
        })),
      )
      .execute();
  }

  async offer(db: Handle, scope: PatientScope, id: string): Promise<OfferRow | undefined> {
    return db
      .selectFrom('wait_list_offer')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async openOffers(db: Handle, scope: PatientScope, now: string): Promise<OfferRow[]> {
    return db
      .selectFrom('wait_list_offer')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('status', '=', 'open')
      .where('expires_at', '>', now)
      .orderBy('starts_at')
      .execute();
  }

  /**
   * Decides an open offer, exactly once: true for the one caller whose UPDATE found it open (and, for a patient's
   * decision, not yet expired); the offer's hold on the time is let go with it.
   */
  async decide(
    trx: Handle,
    id: string,
    status: 'accepted' | 'declined' | 'expired' | 'gone',
    at: string,
    options: { patientId?: string; notExpiredAt?: string; appointmentId?: string } = {},
  ): Promise<boolean> {
    let q = trx
      .updateTable('wait_list_offer')
      .set({ status, decided_at: at, appointment_id: options.appointmentId ?? null })
      .where('id', '=', id)
      .where('status', '=', 'open');
    if (options.patientId) q = q.where('patient_id', '=', options.patientId);
    if (options.notExpiredAt) q = q.where('expires_at', '>', options.notExpiredAt);
    if (Number((await q.executeTakeFirst()).numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('provider_time').where('offer_id', '=', id).execute();
    return true;
  }

  async setOfferAppointment(trx: Handle, id: string, appointmentId: string): Promise<void> {
    await trx.updateTable('wait_list_offer').set({ appointment_id: appointmentId }).where('id', '=', id).execute();
  }

  /** Open offers past their time, oldest first. */
  async expiredOffers(db: Handle, now: string, limit: number): Promise<OfferRow[]> {
    return db
      .selectFrom('wait_list_offer')
      .selectAll()
      .where('status', '=', 'open')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  }

  /** Open offers for an entry's patient on an appointment that is going away (cancelled): they end with it. */
  async openOffersOfEntry(trx: Handle, entryIds: readonly string[]): Promise<OfferRow[]> {
    if (!entryIds.length) return [];
    return trx
      .selectFrom('wait_list_offer')
      .selectAll()
      .where('entry_id', 'in', entryIds)
      .where('status', '=', 'open')
      .execute();
  }

  async entriesOfAppointment(trx: Handle, appointmentId: string): Promise<EntryRow[]> {
    return trx
      .selectFrom('wait_list_entry')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .where('status', '=', 'waiting')
      .execute();
  }
}
