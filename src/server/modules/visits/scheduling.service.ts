import type { Appointment, BookRequest, SchedulingOptions, SlotDays } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { Booker, BookingService } from './booking.service.ts';
import { presentProvider, type ScheduleService } from './schedule.service.ts';
import type { AppointmentRequestsService } from './appointment-requests.service.ts';
import type { VisitsService } from './visits.service.ts';
import type { WaitListService } from './wait-list.service.ts';

/**
 * What the scheduling routes call: self-scheduling options and slots, booking, cancelling, rescheduling and the
 * wait list, each answering with the appointment as the caller may see it (visits.service.ts presents it).
 */
export class SchedulingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly booking: BookingService,
    private readonly waitList: WaitListService,
    private readonly visits: VisitsService,
    private readonly requests: AppointmentRequestsService,
  ) {}

  async options(scope: PatientScope): Promise<SchedulingOptions> {
    const [allowed, all] = await Promise.all([this.booking.selfSchedulable(scope), this.schedule.bookable()]);
    const { rules } = this.ctx.config.tenant;
    return {
      providers: allowed.map((p) => presentProvider(p, true)).filter((p) => p.visitTypes.length > 0),
      requestable: all.map((p) => ({
        id: p.row.practitioner_id,
        name: p.row.display_name,
        department: p.department.name,
      })),
      rule: {
        firstVisitRequired: rules.firstVisitRequiredBeforeScheduling,
        cancelNoticeHours: rules.cancelNoticeHours,
      },
    };
  }

  /** Open slots with a provider the caller may self-schedule with (staff: any provider). */
  async slots(
    scope: PatientScope,
    query: { practitionerId: string; visitTypeId: string; from?: string | undefined; days: number },
    booker: Booker,
  ): Promise<SlotDays> {
    const { provider, visitType } = await this.schedule.providerAndType(query.practitionerId, query.visitTypeId, {
      selfScheduling: booker === 'patient',
    });
    if (
      booker === 'patient' &&
      !(await this.booking.selfSchedulable(scope)).some((p) => p.row.practitioner_id === query.practitionerId)
    )
      throw new AppError(
        'forbidden',
        'first_visit_required',
        'You can book with this provider online after a visit with them.',
        'practitionerId',
      );
    return this.schedule.slotDays(provider, visitType, query.from, query.days);
  }

  async book(
    scope: PatientScope,
    session: Session,
    input: BookRequest & { requestId?: string | undefined },
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<{ appointment: Appointment; created: boolean }> {
    // The request is checked before anything is booked: a wrong id books nothing.
    if (booker === 'staff' && input.requestId) await this.requests.assertRequest(scope, input.requestId);
    const { appointment, created } = await this.booking.book(scope, session, input, origin, booker);
    if (booker === 'staff' && input.requestId)
      await this.requests.requestBooked(scope, session, input.requestId, appointment.id, origin);
    return { appointment: (await this.visits.present(scope, [appointment]))[0]!, created };
  }

  async cancel(
    scope: PatientScope,
    session: Session,
    id: string,
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<Appointment> {
    const row = await this.booking.cancel(scope, session, id, origin, booker);
    return (await this.visits.present(scope, [row]))[0]!;
  }

  async reschedule(
    scope: PatientScope,
    session: Session,
    id: string,
    input: { start: string; idempotencyKey: string },
    origin: RequestOrigin,
    booker: Booker,
  ): Promise<{ appointment: Appointment; created: boolean }> {
    const { appointment, created } = await this.booking.reschedule(scope, session, id, input, origin, booker);
    return { appointment: (await this.visits.present(scope, [appointment]))[0]!, created };
  }

  async joinWaitList(
    scope: PatientScope,
    session: Session,
    id: string,
    input: { weekdays: number[] | null; dayPart: 'any' | 'morning' | 'afternoon' },
    origin: RequestOrigin,
  ): Promise<Appointment> {
    const row = await this.booking.repo.get(this.ctx.db.kysely, scope, id);
    if (!row) throw notFound();
    await this.booking.assertChangeable(row, 'patient');
    await this.waitList.join(scope, row, input, session, origin);
    return this.visits.appointment(scope, id);
  }

  leaveWaitList(scope: PatientScope, entryId: string, origin: RequestOrigin): Promise<void> {
    return this.waitList.leave(scope, entryId, origin);
  }

  async acceptOffer(
    scope: PatientScope,
    session: Session,
    offerId: string,
    origin: RequestOrigin,
  ): Promise<Appointment> {
    const id = await this.waitList.accept(scope, session, offerId, origin);
    return this.visits.appointment(scope, id);
  }

  declineOffer(scope: PatientScope, offerId: string, origin: RequestOrigin): Promise<void> {
    return this.waitList.decline(scope, offerId, origin);
  }
}
