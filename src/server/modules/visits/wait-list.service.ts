import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { WaitListEntry } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { AppointmentsRepository, type AppointmentRow } from './appointments.repository.ts';
import type { Handle } from './schedule.repository.ts';
import type { ScheduleService } from './schedule.service.ts';
import { WaitListRepository, type Candidate, type EntryRow, type OfferRow } from './wait-list.repository.ts';

/** Time that opened with a provider: a cancelled appointment's, an expired offer's, or found free in the schedule. */
export interface OpenTime {
  practitionerId: string;
  start: string;
  end: string;
}

/** The time an offer held, open again. */
const timeOf = (o: OfferRow): OpenTime => ({ practitionerId: o.practitioner_id, start: o.starts_at, end: o.ends_at });

const SYSTEM = { type: 'system' as const, id: null };

/**
 * "Get an earlier time": a patient's upcoming appointment waits for an earlier slot with the same provider. When
 * time opens, the first waiting patient it suits (in the order they joined) is offered it: the time is held for
 * them for the configured minutes and they are told through the outbox (no health details). The first acceptance
 * moves the appointment atomically and releases the old time, which is offered onward in turn; an expired or
 * declined offer goes to the next patient.
 */
export class WaitListService {
  readonly repo = new WaitListRepository();
  private readonly appointments = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly notifications: NotificationService,
  ) {}

  private now(): string {
    return toDbTime(this.ctx.clock.now());
  }

  async join(
    scope: PatientScope,
    appointment: AppointmentRow,
    input: { weekdays: number[] | null; dayPart: 'any' | 'morning' | 'afternoon' },
    session: Session,
    origin: RequestOrigin,
  ): Promise<void> {
    const id = randomUUID();
    try {
      await this.ctx.db.kysely.transaction().execute(async (trx) => {
        await this.repo.insertEntry(trx, {
          id,
          patient_id: scope.patientId,
          appointment_id: appointment.id,
          practitioner_id: appointment.practitioner_id,
          visit_type_id: appointment.visit_type_id,
          weekdays: input.weekdays?.length ? JSON.stringify([...new Set(input.weekdays)].sort()) : null,
          day_part: input.dayPart,
          status: 'waiting',
          created_at: this.now(),
          created_by: session.accountId,
          ended_at: null,
        });
        await scope.audit(
          { action: 'wait_list.joined', subject: { type: 'appointment', id: appointment.id }, origin },
          trx,
        );
      });
    } catch (err) {
      // Already waiting (one live entry per appointment): the same answer as the first time.
      if (!isUniqueViolation(err)) throw err;
    }
  }

  async leave(scope: PatientScope, entryId: string, origin: RequestOrigin): Promise<void> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await this.repo.endEntry(trx, { id: entryId }, 'left', this.now(), scope.patientId))) throw notFound();
      for (const offer of await this.repo.openOffersOfEntry(trx, [entryId]))
        if (await this.repo.decide(trx, offer.id, 'declined', this.now())) await this.offerTime(trx, timeOf(offer));
      await scope.audit({ action: 'wait_list.left', subject: { type: 'wait_list_entry', id: entryId }, origin }, trx);
    });
  }

  async entries(scope: PatientScope): Promise<Map<string, WaitListEntry>> {
    const rows = await this.repo.entriesOf(this.ctx.db.kysely, scope);
    return new Map(rows.map((r) => [r.appointment_id, presentEntry(r)]));
  }

  /**
   * An appointment is going away (cancelled, rescheduled, moved earlier): its wait-list entry ends, and an offer
   * open for it is withdrawn, its time offered onward.
   */
  async endFor(trx: Handle, appointment: AppointmentRow, status: 'moved' | 'ended'): Promise<void> {
    const entries = await this.repo.entriesOfAppointment(trx, appointment.id);
    for (const offer of await this.repo.openOffersOfEntry(
      trx,
      entries.map((e) => e.id),
    ))
      if (await this.repo.decide(trx, offer.id, 'gone', this.now())) await this.offerTime(trx, timeOf(offer));
    await this.repo.endEntry(trx, { appointmentId: appointment.id }, status, this.now(), appointment.patient_id);
  }

  /**
   * Offers open time to the first waiting patient it suits: same provider, an appointment later than this time,
   * a visit type that fits, the days and times they said suit, not offered this time before. Holds the time and
   * tells them, in the caller's transaction. Returns whether an offer was made.
   */
  async offerTime(trx: Handle, time: OpenTime): Promise<boolean> {
    const now = this.ctx.clock.now();
    const lead = now.getTime() + this.ctx.config.tenant.visits.bookingLeadMinutes * 60_000;
    if (Date.parse(time.start) < lead) return false;
    const length = (Date.parse(time.end) - Date.parse(time.start)) / 60_000;
    const candidates = await this.repo.candidates(trx, time.practitionerId, time.start, time.start);
    const entry = candidates.find((c) => c.minutes <= length && this.suits(c, time.start));
    if (!entry) return false;
    const id = randomUUID();
    const end = toDbTime(new Date(Date.parse(time.start) + entry.minutes * 60_000));
    const expires = new Date(now.getTime() + this.ctx.config.tenant.visits.waitListOfferMinutes * 60_000);
    await this.repo.insertOffer(trx, {
      id,
      entry_id: entry.id,
      patient_id: entry.patient_id,
      practitioner_id: time.practitionerId,
      starts_at: time.start,
      ends_at: end,
      status: 'open',
      created_at: toDbTime(now),
      expires_at: toDbTime(expires),
      decided_at: null,
      appointment_id: null,
    });
    await this.ctx.audit.record(
      {
        actor: SYSTEM,
        patientId: entry.patient_id,
        action: 'wait_list.offer_made',
        subject: { type: 'appointment', id: entry.appointment_id },
      },
      trx,
    );
    await this.notifications.toRecord(trx, { type: 'waitlist.offer', ref: `offer:${id}`, patientId: entry.patient_id });
    return true;
  }

  /** Whether a start suits the days and part of the day the patient chose (in the organisation's time zone). */
  private suits(entry: Candidate, start: string): boolean {
    const local = new TZDate(Date.parse(start), this.ctx.config.tenant.organisation.timeZone);
    if (entry.weekdays && !(JSON.parse(entry.weekdays) as number[]).includes(local.getDay())) return false;
    if (entry.day_part === 'morning') return local.getHours() < 12;
    if (entry.day_part === 'afternoon') return local.getHours() >= 12;
    return true;
  }

  /**
   * Takes an offered earlier time: exactly one acceptance wins (the offer is claimed by an UPDATE); the appointment
   * moves in the same transaction and its old time is offered onward. A later or second acceptance is told the time
   * has gone, and the appointment stays as it was.
   */
  async accept(scope: PatientScope, session: Session, offerId: string, origin: RequestOrigin): Promise<string> {
    const db = this.ctx.db.kysely;
    if (!(await this.repo.offer(db, scope, offerId))) throw notFound();
    return db.transaction().execute(async (trx) => {
      const offer = (await this.repo.offer(trx, scope, offerId))!;
      const entry = (await this.repo.entriesOf(trx, scope)).find((e) => e.id === offer.entry_id);
      const old = entry && (await this.appointments.get(trx, scope, entry.appointment_id));
      const now = this.now();
      if (
        !old ||
        old.status !== 'booked' ||
        !(await this.repo.decide(trx, offerId, 'accepted', now, { patientId: scope.patientId, notExpiredAt: now }))
      )
        throw new AppError(
          'conflict',
          'offer_gone',
          'This earlier time is no longer available: the offer ended or the time was taken. Your appointment has not changed.',
        );
      const id = randomUUID();
      await this.appointments.insert(trx, {
        ...old,
        id,
        starts_at: offer.starts_at,
        ends_at: offer.ends_at,
        booked_by: session.accountId,
        booked_at: now,
        idempotency_key: `offer:${offerId}`,
        checked_in_at: null,
        check_in: null,
      });
      await this.repo.setOfferAppointment(trx, offerId, id);
      await this.appointments.cancel(trx, scope, old.id, {
        at: now,
        by: session.accountId,
        reason: 'moved_earlier',
        replacedBy: id,
      });
      await this.repo.endEntry(trx, { id: offer.entry_id }, 'moved', now, scope.patientId);
      await this.offerTime(trx, { practitionerId: old.practitioner_id, start: old.starts_at, end: old.ends_at });
      await scope.audit({ action: 'wait_list.offer_accepted', subject: { type: 'appointment', id }, origin }, trx);
      return id;
    });
  }

  async decline(scope: PatientScope, offerId: string, origin: RequestOrigin): Promise<void> {
    const db = this.ctx.db.kysely;
    const offer = await this.repo.offer(db, scope, offerId);
    if (!offer) throw notFound();
    await db.transaction().execute(async (trx) => {
      if (!(await this.repo.decide(trx, offerId, 'declined', this.now(), { patientId: scope.patientId }))) return;
      await this.offerTime(trx, timeOf(offer));
      await scope.audit(
        { action: 'wait_list.offer_declined', subject: { type: 'wait_list_offer', id: offerId }, origin },
        trx,
      );
    });
  }

  /**
   * The job (every minute, on every node): expired offers go to the next patient, then waiting patients are offered
   * earlier free time found in the schedule (new hours, say). Each offer is claimed or held under a database
   * constraint, so nodes running it at once make each move once.
   */
  async runDue(limit = 100): Promise<{ expired: number; offered: number }> {
    const db = this.ctx.db.kysely;
    let expired = 0;
    for (const offer of await this.repo.expiredOffers(db, this.now(), limit)) {
      await this.unlessTaken(() =>
        db.transaction().execute(async (trx) => {
          if (!(await this.repo.decide(trx, offer.id, 'expired', this.now()))) return;
          expired += 1;
          await this.ctx.audit.record(
            {
              actor: SYSTEM,
              patientId: offer.patient_id,
              action: 'wait_list.offer_expired',
              subject: { type: 'wait_list_offer', id: offer.id },
            },
            trx,
          );
          await this.offerTime(trx, timeOf(offer));
        }),
      );
    }
    let offered = 0;
    for (const entry of await this.repo.waitingWithoutOffer(db, limit))
      if (await this.offerEarlierSlot(entry)) offered += 1;
    return { expired, offered };
  }

  /** Runs a change that may lose a race for provider time to another node: the loser changes nothing, quietly. */
  private async unlessTaken(change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** Looks for the earliest free slot before an entry's appointment and offers it (a race loses quietly). */
  private async offerEarlierSlot(entry: EntryRow & { appointment_starts_at: string }): Promise<boolean> {
    const provider = await this.schedule.bookableProvider(entry.practitioner_id);
    const visitType = provider?.visitTypes.find((t) => t.id === entry.visit_type_id);
    if (!provider || !visitType) return false;
    const now = this.ctx.clock.now();
    const notBefore = new Date(now.getTime() + this.ctx.config.tenant.visits.bookingLeadMinutes * 60_000);
    const tz = this.ctx.config.tenant.organisation.timeZone;
    const from = dateInZone(now, tz);
    const days = Math.ceil((Date.parse(entry.appointment_starts_at) - now.getTime()) / 86_400_000) + 1;
    if (days < 1) return false;
    const found = await this.schedule.openSlots(provider, visitType, from, Math.min(days, 120), notBefore);
    for (const slot of found.flatMap((d) => d.slots)) {
      const start = toDbTime(slot.start);
      if (start >= entry.appointment_starts_at) break;
      if (await this.repo.wasOffered(this.ctx.db.kysely, entry.id, start)) continue;
      try {
        return await this.ctx.db.kysely
          .transaction()
          .execute((trx) =>
            this.offerTime(trx, { practitionerId: entry.practitioner_id, start, end: toDbTime(slot.end) }),
          );
      } catch (err) {
        if (isUniqueViolation(err)) continue; // taken meanwhile, or another node offered it first
        throw err;
      }
    }
    return false;
  }
}

/** A wait-list entry as the patient reads it. */
export function presentEntry(r: EntryRow): WaitListEntry {
  return {
    id: r.id,
    appointmentId: r.appointment_id,
    weekdays: r.weekdays ? (JSON.parse(r.weekdays) as number[]) : null,
    dayPart: r.day_part,
    createdAt: r.created_at,
  };
}
