import { randomUUID } from 'node:crypto';
import type { AppointmentRequestSummary } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addBusinessDays } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, isUniqueViolation } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';
import { AppointmentsRepository, type RequestRow } from './appointments.repository.ts';
import type { ScheduleService } from './schedule.service.ts';

/**
 * "Request an appointment" (the FAQ: "schedule or request an appointment"): for a patient who may not self-schedule,
 * or wants the front desk to find a time. A request is a work item in the front desk's pool; booking it (naming the
 * request) closes it, and the patient sees where it stands.
 */
export class AppointmentRequestsService {
  private readonly repo = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly queue: WorkQueueService,
  ) {}

  /** "Request an appointment": the front desk's work item, with the provider (or any), reason and times that suit. */
  async requestAppointment(
    scope: PatientScope,
    session: Session,
    input: { practitionerId: string | null; reason: string; preferred?: string | undefined; idempotencyKey: string },
    origin: RequestOrigin,
  ): Promise<{ request: AppointmentRequestSummary; created: boolean }> {
    const db = this.ctx.db.kysely;
    const earlier = await this.repo.requestByKey(db, scope, input.idempotencyKey);
    if (earlier) return { request: await this.presentRequest(earlier), created: false };
    if (input.practitionerId && !(await this.schedule.bookableProvider(input.practitionerId)))
      throw badInput('practitionerId', 'Choose a provider from the list, or "Any provider".');
    const now = this.ctx.clock.now();
    const row: RequestRow = {
      id: randomUUID(),
      patient_id: scope.patientId,
      practitioner_id: input.practitionerId,
      visit_type_id: null,
      reason: input.reason,
      preferred: input.preferred?.trim() || null,
      status: 'open',
      work_item_id: null,
      appointment_id: null,
      created_by: session.accountId,
      created_at: toDbTime(now),
      idempotency_key: input.idempotencyKey,
    };
    try {
      await db.transaction().execute(async (trx) => {
        row.work_item_id = await this.queue.create(trx, {
          type: 'appointment_request',
          pool: 'front_desk',
          patientId: scope.patientId,
          details: {
            requestId: row.id,
            practitionerId: row.practitioner_id,
            reason: row.reason,
            preferred: row.preferred,
          },
          dueAt: addBusinessDays(now, 1, this.ctx.config.tenant),
          actor: scope.actor,
          origin,
        });
        await this.repo.insertRequest(trx, row);
        await scope.audit(
          { action: 'appointment.requested', subject: { type: 'appointment_request', id: row.id }, origin },
          trx,
        );
      });
    } catch (err) {
      const replay = isUniqueViolation(err) ? await this.repo.requestByKey(db, scope, input.idempotencyKey) : undefined;
      if (replay) return { request: await this.presentRequest(replay), created: false };
      throw err;
    }
    return { request: await this.presentRequest(row), created: true };
  }

  /**
   * The front desk booked what a request asked for: the request is booked (the patient sees it) and its work item
   * closed with "Appointment booked". A request already closed by a colleague stays as it was; the booking stands.
   */
  async requestBooked(
    scope: PatientScope,
    session: Session,
    requestId: string,
    appointmentId: string,
    origin: RequestOrigin,
  ): Promise<void> {
    const db = this.ctx.db.kysely;
    const request = await this.repo.request(db, scope, requestId);
    if (!request) throw badInput('requestId', 'That appointment request is not in this record.');
    if (!(await this.repo.markRequestBooked(db, scope, requestId, appointmentId)) || !request.work_item_id) return;
    try {
      const { token } = await this.queue.acquireLease(session, request.work_item_id, origin);
      await this.queue.complete(session, request.work_item_id, { outcome: 'booked' }, origin, token);
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'conflict') throw err; // closed or being worked meanwhile
    }
  }

  /** A request of this record, or a 400 naming `requestId`. */
  async assertRequest(scope: PatientScope, requestId: string): Promise<void> {
    if (!(await this.repo.request(this.ctx.db.kysely, scope, requestId)))
      throw badInput('requestId', 'That appointment request is not in this record.');
  }

  /** Where each request stands for the patient: booked, closed by the front desk (after a call), or open. */
  async requestStatuses(rows: RequestRow[]): Promise<Map<string, AppointmentRequestSummary['status']>> {
    const out = new Map<string, AppointmentRequestSummary['status']>();
    for (const r of rows.filter((x) => x.status === 'open')) {
      const item = r.work_item_id ? await this.queue.statusOf(this.ctx.db.kysely, r.work_item_id) : null;
      out.set(r.id, item === 'closed' ? 'closed' : 'open');
    }
    return out;
  }

  private async presentRequest(r: RequestRow): Promise<AppointmentRequestSummary> {
    const provider = r.practitioner_id
      ? await this.schedule.repo.provider(this.ctx.db.kysely, r.practitioner_id)
      : undefined;
    return {
      id: r.id,
      providerName: provider?.display_name ?? null,
      reason: r.reason,
      status: r.status,
      createdAt: r.created_at,
    };
  }
}
