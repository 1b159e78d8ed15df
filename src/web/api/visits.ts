import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  appointmentRequestSummarySchema,
  appointmentSchema,
  checkInFormSchema,
  schedulingOptionsSchema,
  slotDaysSchema,
  visitDetailSchema,
  visitsOverviewSchema,
} from '../../shared/appointments.ts';
import type { CheckInInput } from '../../shared/appointments.ts';
import type { NewThreadRequest } from '../../shared/messaging.ts';
import { threadSchema } from '../../shared/messaging.ts';
import { apiGet, apiRequest } from './client.ts';
import { messagingKeys } from './messaging.ts';
import { noContentSchema } from './session.ts';

/**
 * Visits → Appointments and Visits, scheduling and the wait list for the record in view (src/shared/appointments.ts
 * lists the routes). Imported only by the visits chunk. Replies are cached under `['patient', patientId, 'visits', …]`,
 * so the record-in-view watcher notices a lost access (a 404) here too; every change asks the visits again.
 */
export const visitsKeys = {
  all: (patientId: string) => ['patient', patientId, 'visits'] as const,
  overview: (patientId: string) => ['patient', patientId, 'visits', 'overview'] as const,
  visit: (patientId: string, encounterId: string) => ['patient', patientId, 'visits', 'visit', encounterId] as const,
  appointment: (patientId: string, id: string) => ['patient', patientId, 'visits', 'appointment', id] as const,
  checkIn: (patientId: string, id: string) => ['patient', patientId, 'visits', 'check-in', id] as const,
  scheduling: (patientId: string) => ['patient', patientId, 'visits', 'scheduling'] as const,
  slots: (patientId: string, query: SlotQuery) => ['patient', patientId, 'visits', 'slots', query] as const,
};

/**
 * Which slots to ask for: a provider, a visit type and the first day of the week shown (YYYY-MM-DD); without `from`,
 * the server's today in the organisation's zone (the browser's clock may not agree with the clinic's).
 */
export interface SlotQuery {
  practitionerId: string;
  visitTypeId: string;
  from: string | null;
}

const patientPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}`;
const appointmentPath = (patientId: string, id: string) =>
  `${patientPath(patientId)}/appointments/${encodeURIComponent(id)}`;

/** The address of an appointment's iCalendar file (a same-origin GET with the session cookie). */
export function calendarHref(patientId: string, appointmentId: string): string {
  return `/api${appointmentPath(patientId, appointmentId)}/calendar.ics`;
}

/** Upcoming appointments, offers of earlier times, appointment requests and past visits. */
export function useVisitsOverview(patientId: string) {
  return useQuery({
    queryKey: visitsKeys.overview(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/visits`, visitsOverviewSchema, signal),
  });
}

/** One past visit: its summary, released notes and any "Request this note". */
export function useVisitDetail(patientId: string, encounterId: string) {
  return useQuery({
    queryKey: visitsKeys.visit(patientId, encounterId),
    queryFn: ({ signal }) =>
      apiGet(`${patientPath(patientId)}/visits/${encodeURIComponent(encounterId)}`, visitDetailSchema, signal),
  });
}

/** One appointment with what the patient may do with it. */
export function useAppointment(patientId: string, appointmentId: string) {
  return useQuery({
    queryKey: visitsKeys.appointment(patientId, appointmentId),
    queryFn: ({ signal }) => apiGet(appointmentPath(patientId, appointmentId), appointmentSchema, signal),
  });
}

/** E-check-in for an appointment: whether it is open, what the clinic has on file, and the visit's questions. */
export function useCheckInForm(patientId: string, appointmentId: string) {
  return useQuery({
    queryKey: visitsKeys.checkIn(patientId, appointmentId),
    queryFn: ({ signal }) => apiGet(`${appointmentPath(patientId, appointmentId)}/check-in`, checkInFormSchema, signal),
  });
}

/**
 * Finishes e-check-in (409 `check_in_closed` or `already_checked_in`; a 400 names the field, `answers.<linkId>` for a
 * question); the reply is the appointment with `checkedInAt`.
 */
export function useCheckIn(patientId: string, appointmentId: string) {
  return useVisitsChange(patientId, (body: CheckInInput) =>
    apiRequest('POST', `${appointmentPath(patientId, appointmentId)}/check-in`, appointmentSchema, { body }),
  );
}

/** The providers the patient may book with, every provider for a request, and the organisation's rules. */
export function useSchedulingOptions(patientId: string) {
  return useQuery({
    queryKey: visitsKeys.scheduling(patientId),
    queryFn: ({ signal }) => apiGet(`${patientPath(patientId)}/scheduling`, schedulingOptionsSchema, signal),
  });
}

/** A week of open times with a provider for a visit type, by day in the organisation's zone. */
export function useSlots(patientId: string, query: SlotQuery | null) {
  return useQuery({
    queryKey: visitsKeys.slots(patientId, query ?? { practitionerId: '', visitTypeId: '', from: null }),
    queryFn: ({ signal }) => {
      const { practitionerId, visitTypeId, from } = query!;
      const params = new URLSearchParams({ practitionerId, visitTypeId, ...(from ? { from } : {}), days: '7' });
      return apiGet(`${patientPath(patientId)}/scheduling/slots?${params}`, slotDaysSchema, signal);
    },
    enabled: query !== null,
  });
}

/** After any change, the appointment's page and the lists are asked again; a new or moved appointment is stored. */
function useVisitsChange<Input, Output>(patientId: string, mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (output) => {
      const parsed = appointmentSchema.safeParse(output);
      if (parsed.success) queryClient.setQueryData(visitsKeys.appointment(patientId, parsed.data.id), parsed.data);
      void queryClient.invalidateQueries({ queryKey: visitsKeys.all(patientId) });
    },
  });
}

export interface BookInput {
  practitionerId: string;
  visitTypeId: string;
  start: string;
  reason?: string;
  idempotencyKey: string;
}

/** Books a time (409 `slot_taken` when someone else was quicker). */
export function useBookAppointment(patientId: string) {
  return useVisitsChange(patientId, (body: BookInput) =>
    apiRequest('POST', `${patientPath(patientId)}/appointments`, appointmentSchema, { body }),
  );
}

/** Cancels an appointment (the server refuses within the notice period). */
export function useCancelAppointment(patientId: string, appointmentId: string) {
  return useVisitsChange(patientId, () =>
    apiRequest('POST', `${appointmentPath(patientId, appointmentId)}/cancel`, appointmentSchema),
  );
}

/** Moves an appointment to another time with the same provider and visit type; the reply is the new appointment. */
export function useRescheduleAppointment(patientId: string, appointmentId: string) {
  return useVisitsChange(patientId, (body: { start: string; idempotencyKey: string }) =>
    apiRequest('POST', `${appointmentPath(patientId, appointmentId)}/reschedule`, appointmentSchema, { body }),
  );
}

export interface WaitListInput {
  weekdays: number[] | null;
  dayPart: 'any' | 'morning' | 'afternoon';
}

/**
 * "Get an earlier time": waits for an earlier slot with the same provider. The route answers with the appointment,
 * its wait-list entry on it (the route list in src/shared/appointments.ts says WaitListEntry; the route's schema wins).
 */
export function useJoinWaitList(patientId: string, appointmentId: string) {
  return useVisitsChange(patientId, (body: WaitListInput) =>
    apiRequest('POST', `${appointmentPath(patientId, appointmentId)}/wait-list`, appointmentSchema, { body }),
  );
}

/** Stops waiting for an earlier time. */
export function useLeaveWaitList(patientId: string) {
  return useVisitsChange(patientId, (entryId: string) =>
    apiRequest('DELETE', `${patientPath(patientId)}/wait-list/${encodeURIComponent(entryId)}`, noContentSchema),
  );
}

/** Takes an offered earlier time (409 `offer_gone` when it has gone); the reply is the moved appointment. */
export function useAcceptOffer(patientId: string) {
  return useVisitsChange(patientId, (offerId: string) =>
    apiRequest(
      'POST',
      `${patientPath(patientId)}/wait-list-offers/${encodeURIComponent(offerId)}/accept`,
      appointmentSchema,
    ),
  );
}

/** Says no to an offered earlier time; it goes to the next patient waiting. */
export function useDeclineOffer(patientId: string) {
  return useVisitsChange(patientId, (offerId: string) =>
    apiRequest(
      'POST',
      `${patientPath(patientId)}/wait-list-offers/${encodeURIComponent(offerId)}/decline`,
      noContentSchema,
    ),
  );
}

export interface AppointmentRequestInput {
  practitionerId: string | null;
  reason: string;
  preferred?: string;
  idempotencyKey: string;
}

/** "Request an appointment": the front desk contacts the patient to book it. */
export function useRequestAppointment(patientId: string) {
  return useVisitsChange(patientId, (body: AppointmentRequestInput) =>
    apiRequest('POST', `${patientPath(patientId)}/appointment-requests`, appointmentRequestSummarySchema, { body }),
  );
}

/**
 * "Request this note": a Customer Service Question on Medical Record Request about the visit, through messaging. The
 * visit is asked again so its request status shows, and the message lists too.
 */
export function useRequestVisitNote(patientId: string, encounterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewThreadRequest) =>
      apiRequest('POST', `${patientPath(patientId)}/messages`, threadSchema, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: visitsKeys.visit(patientId, encounterId) });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.all(patientId) });
    },
  });
}
