import { randomUUID } from 'node:crypto';
import type { BookRequest } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { AppointmentsRepository, type AppointmentRow } from './appointments.repository.ts';
import type { Handle } from './schedule.repository.ts';
import type { BookableProvider, ScheduleService } from './schedule.service.ts';
import type { WaitListService } from './wait-list.service.ts';

/** When the patient's record joined the portal (identity provides it): the scheduling rule counts visits after it. */
export type PortalOpenedAt = (patientId: string) => Promise<string | null>;

/** Who is booking: the patient or a proxy (the FAQ's rules apply), or staff for the patient. */
export type Booker = 'patient' | 'staff';

/**
 * Booking, cancelling and rescheduling. One booking per slot and no overlapping appointments for a provider are the
 * database's to enforce (provider_time's primary key), so racing requests — two tabs, two patients, two nodes —
 * make exactly one booking; a repeated submit with the same idempotency key returns the first answer. Online
 * changes close `cancelNoticeHours` before the start (the FAQ: "less than 2 hours away, you will need to call").
 */
export class BookingService {
  readonly repo = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly fhir: FhirService,
    private readonly notifications: NotificationService,
    private readonly waitList: WaitListService,
    private readonly portalOpenedAt: PortalOpenedAt,
  ) {}

  /**
   * Providers this record may self-schedule with: with the FAQ's rule on, those it had a finished visit with since
   * its portal account was opened ("you first need to visit your provider one time after you open an account").
   */
  async selfSchedulable(scope: PatientScope): Promise<BookableProvider[]> {
    const providers = await this.schedule.bookable();
    if (!this.ctx.config.tenant.rules.firstVisitRequiredBeforeScheduling) return providers;
    const opened = await this.portalOpenedAt(scope.patientId);
    if (!opened) return [];
    const seen = await this.fhir.practitionersSeenSince(scope.patientId, opened);
    return providers.filter((p) => seen.has(p.row.practitioner_id));
  }

  /** The deadline for changing an appointment online (the notice rule). */
  changeDeadline(startsAt: string): Date {
    return new Date(Date.parse(startsAt) - this.ctx.config.tenant.rules.cancelNoticeHours * 3_600_000);
  }

  async book(
    scope: PatientScope,
    session: Session,
    input: BookRequest,
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<{ appointment: AppointmentRow; created: boolean }> {
    const db = this.ctx.db.kysely;
    const earlier = await this.repo.byKey(db, scope, input.idempotencyKey);
    if (earlier) return { appointment: earlier, created: false };
    const { provider, visitType } = await this.schedule.providerAndType(input.practitionerId, input.visitTypeId, {
      selfScheduling: booker === 'patient',
    });
    if (
      booker === 'patient' &&
      !(await this.selfSchedulable(scope)).some((p) => p.row.practitioner_id === provider.row.practitioner_id)
    )
      throw new AppError(
        'forbidden',
        'first_visit_required',
        'You can book with this provider online after your first visit with them since you opened your account. Use "Request an appointment" instead.',
        'practitionerId',
      );
    const start = new Date(input.start);
    this.checkBookable(start, booker);
    const slot = await this.schedule.slotAt(provider, visitType, start, db);
    const row: AppointmentRow = {
      id: randomUUID(),
      patient_id: scope.patientId,
      practitioner_id: provider.row.practitioner_id,
      department_id: provider.department.id,
      organisation_id: provider.row.organisation_id,
      visit_type_id: visitType.id,
      starts_at: toDbTime(slot.start),
      ends_at: toDbTime(slot.end),
      status: 'booked',
      reason: input.reason?.trim() || null,
      booked_by: session.accountId,
      booked_at: toDbTime(this.ctx.clock.now()),
      idempotency_key: input.idempotencyKey,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      replaced_by: null,
      checked_in_at: null,
      check_in: null,
    };
    try {
      await db.transaction().execute(async (trx) => {
        await this.repo.insert(trx, row);
        await scope.audit({ action: 'appointment.booked', subject: { type: 'appointment', id: row.id }, origin }, trx);
        await this.notifications.toRecord(trx, {
          type: 'appointment.booked',
          ref: `appointment:${row.id}`,
          patientId: scope.patientId,
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const replay = await this.repo.byKey(db, scope, input.idempotencyKey);
      if (replay) return { appointment: replay, created: false };
      throw slotTaken();
    }
    return { appointment: row, created: true };
  }

  /** Patients book from the lead time on, within the horizon; staff may book any time in the schedule from now. */
  private checkBookable(start: Date, booker: Booker): void {
    const now = this.ctx.clock.now().getTime();
    const rules = this.ctx.config.tenant.visits;
    const earliest = booker === 'patient' ? now + rules.bookingLeadMinutes * 60_000 : now;
    if (start.getTime() < earliest)
      throw badInput('start', 'That time has passed or is too soon to book online. Choose a later time.');
    if (booker === 'patient' && start.getTime() > now + (rules.bookingHorizonDays + 1) * 86_400_000)
      throw badInput('start', `You can book up to ${rules.bookingHorizonDays} days ahead. Choose an earlier date.`);
  }

  /** Refuses a patient's change within the notice period, naming the rule and the number to call. */
  async assertChangeable(appointment: AppointmentRow, booker: Booker): Promise<void> {
    if (appointment.status !== 'booked')
      throw new AppError('conflict', 'appointment_not_booked', 'This appointment was already cancelled.');
    const now = this.ctx.clock.now().getTime();
    if (Date.parse(appointment.starts_at) <= now)
      throw new AppError('conflict', 'appointment_started', 'This appointment has already started.');
    if (booker === 'patient' && now > this.changeDeadline(appointment.starts_at).getTime()) {
      const hours = this.ctx.config.tenant.rules.cancelNoticeHours;
      const dept = (await this.schedule.repo.departments(this.ctx.db.kysely)).find(
        (d) => d.id === appointment.department_id,
      );
      throw new AppError(
        'conflict',
        'cancel_notice_period',
        `This appointment is less than ${hours} hours away, so it can no longer be cancelled or changed online. Please call ${dept?.name ?? 'the office'} at ${dept?.phone ?? 'the number on your appointment'}.`,
      );
    }
  }

  async cancel(
    scope: PatientScope,
    session: Session,
    id: string,
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<AppointmentRow> {
    const db = this.ctx.db.kysely;
    const appointment = await this.repo.get(db, scope, id);
    if (!appointment) throw notFound();
    await this.assertChangeable(appointment, booker);
    await db.transaction().execute(async (trx) => {
      await this.release(trx, scope, appointment, { by: session.accountId, reason: 'cancelled' });
      await scope.audit({ action: 'appointment.cancelled', subject: { type: 'appointment', id }, origin }, trx);
      if (booker === 'staff')
        await this.notifications.toRecord(trx, {
          type: 'appointment.changed',
          ref: `appointment:${id}:cancelled`,
          patientId: scope.patientId,
        });
    });
    return (await this.repo.get(db, scope, id))!;
  }

  /**
   * Reschedule: the new slot is booked and the old one released in one transaction (both or neither); the old time
   * goes to the wait list first.
   */
  async reschedule(
    scope: PatientScope,
    session: Session,
    id: string,
    input: { start: string; idempotencyKey: string },
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<{ appointment: AppointmentRow; created: boolean }> {
    const db = this.ctx.db.kysely;
    const earlier = await this.repo.byKey(db, scope, input.idempotencyKey);
    if (earlier) return { appointment: earlier, created: false };
    const old = await this.repo.get(db, scope, id);
    if (!old) throw notFound();
    await this.assertChangeable(old, booker);
    const { provider, visitType } = await this.schedule.providerAndType(old.practitioner_id, old.visit_type_id, {
      selfScheduling: false,
    });
    const start = new Date(input.start);
    this.checkBookable(start, booker);
    const slot = await this.schedule.slotAt(provider, visitType, start, db);
    const now = toDbTime(this.ctx.clock.now());
    const row: AppointmentRow = {
      ...old,
      id: randomUUID(),
      starts_at: toDbTime(slot.start),
      ends_at: toDbTime(slot.end),
      booked_by: session.accountId,
      booked_at: now,
      idempotency_key: input.idempotencyKey,
      checked_in_at: null,
      check_in: null,
    };
    try {
      await db.transaction().execute(async (trx) => {
        // Release first: a new time overlapping the old one is then free to take.
        if (
          !(await this.release(trx, scope, old, {
            by: session.accountId,
            reason: 'rescheduled',
            replacedBy: row.id,
            offer: false,
          }))
        )
          throw new AppError('conflict', 'appointment_not_booked', 'This appointment was already cancelled.');
        await this.repo.insert(trx, row);
        // The old time goes to the wait list first, unless the new time overlaps it.
        if (row.starts_at >= old.ends_at || row.ends_at <= old.starts_at)
          await this.waitList.offerTime(trx, {
            practitionerId: old.practitioner_id,
            start: old.starts_at,
            end: old.ends_at,
          });
        await scope.audit(
          { action: 'appointment.rescheduled', subject: { type: 'appointment', id: row.id }, origin },
          trx,
        );
        if (booker === 'staff')
          await this.notifications.toRecord(trx, {
            type: 'appointment.changed',
            ref: `appointment:${old.id}:moved`,
            patientId: scope.patientId,
          });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const replay = await this.repo.byKey(db, scope, input.idempotencyKey);
      if (replay) return { appointment: replay, created: false };
      throw slotTaken();
    }
    return { appointment: row, created: true };
  }

  /** Cancels an appointment and frees its time, ending its wait-list entry; the time goes to the wait list first. */
  private async release(
    trx: Handle,
    scope: PatientScope,
    appointment: AppointmentRow,
    change: { by: string; reason: 'cancelled' | 'rescheduled'; replacedBy?: string; offer?: boolean },
  ): Promise<boolean> {
    const at = toDbTime(this.ctx.clock.now());
    if (!(await this.repo.cancel(trx, scope, appointment.id, { at, ...change }))) return false;
    await this.waitList.endFor(trx, appointment, 'ended');
    if (change.offer !== false)
      await this.waitList.offerTime(trx, {
        practitionerId: appointment.practitioner_id,
        start: appointment.starts_at,
        end: appointment.ends_at,
      });
    return true;
  }
}

function slotTaken(): AppError {
  return new AppError(
    'conflict',
    'slot_taken',
    'Someone else just booked that time. Please choose another time.',
    'start',
  );
}
