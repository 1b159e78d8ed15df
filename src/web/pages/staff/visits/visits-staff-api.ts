import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  appointmentSchema,
  dayScheduleSchema,
  schedulingProviderSchema,
  slotDaysSchema,
  staffVisitNoteSchema,
  type VisitNoteInput,
} from '../../../../shared/appointments.ts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/** The staff side of visits (src/shared/appointments.ts lists the routes): notes, the day's schedule, booking. */
const enc = encodeURIComponent;
const noteKey = (patientId: string, encounterId: string) => ['staff', 'visit-note', patientId, encounterId] as const;

/** The signed-in clinician's note on one visit of the patient (null: none yet). */
export function useVisitNote(patientId: string, encounterId: string) {
  return useQuery({
    queryKey: noteKey(patientId, encounterId),
    enabled: encounterId !== '',
    queryFn: ({ signal }) =>
      apiGet(
        `/staff/patients/${enc(patientId)}/visits/${enc(encounterId)}/note`,
        staffVisitNoteSchema.nullable(),
        signal,
      ),
  });
}

/** Saves the draft, or signs it (released to the patient unless held). */
export function useSaveVisitNote(patientId: string, encounterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitNoteInput) =>
      apiRequest('PUT', `/staff/patients/${enc(patientId)}/visits/${enc(encounterId)}/note`, staffVisitNoteSchema, {
        body,
      }),
    onSuccess: (note) => queryClient.setQueryData(noteKey(patientId, encounterId), note),
  });
}

/** The providers this staff member schedules for. */
export function useScheduleProviders() {
  return useQuery({
    queryKey: ['staff', 'schedule', 'providers'],
    queryFn: ({ signal }) => apiGet('/staff/schedule/providers', z.array(schedulingProviderSchema), signal),
  });
}

/** A provider's day of appointments. */
export function useDaySchedule(practitionerId: string, date: string) {
  return useQuery({
    queryKey: ['staff', 'schedule', practitionerId, date],
    enabled: practitionerId !== '' && date !== '',
    queryFn: ({ signal }) =>
      apiGet(`/staff/schedule?practitionerId=${enc(practitionerId)}&date=${enc(date)}`, dayScheduleSchema, signal),
  });
}

/**
 * Open slots of a visit type with a provider, for booking on a patient's behalf: a week from `from`, or from the
 * server's today when none is given (the browser's clock may be on another day).
 */
export function useStaffSlots(patientId: string, practitionerId: string, visitTypeId: string, from?: string) {
  return useQuery({
    queryKey: ['staff', 'slots', patientId, practitionerId, visitTypeId, from ?? 'today'],
    enabled: practitionerId !== '' && visitTypeId !== '',
    queryFn: ({ signal }) =>
      apiGet(
        `/staff/patients/${enc(patientId)}/scheduling/slots?practitionerId=${enc(practitionerId)}&visitTypeId=${enc(
          visitTypeId,
        )}${from ? `&from=${enc(from)}` : ''}&days=7`,
        slotDaysSchema,
        signal,
      ),
  });
}

/** The patient's upcoming appointments (to cancel or move). */
export function usePatientAppointments(patientId: string) {
  return useQuery({
    queryKey: ['staff', 'appointments', patientId],
    queryFn: ({ signal }) =>
      apiGet(`/staff/patients/${enc(patientId)}/appointments`, z.array(appointmentSchema), signal),
  });
}

/** Cancels for the patient, or moves to another time (a new idempotency key per move, made by the caller). */
export function useChangeAppointment(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { id: string; start?: string; idempotencyKey?: string }) =>
      change.start
        ? apiRequest(
            'POST',
            `/staff/patients/${enc(patientId)}/appointments/${enc(change.id)}/reschedule`,
            appointmentSchema,
            { body: { start: change.start, idempotencyKey: change.idempotencyKey } },
          )
        : apiRequest(
            'POST',
            `/staff/patients/${enc(patientId)}/appointments/${enc(change.id)}/cancel`,
            appointmentSchema,
            {
              body: {},
            },
          ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

/** Books for the patient (one appointment per form, however often it is sent). */
export function useStaffBook(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      practitionerId: string;
      visitTypeId: string;
      start: string;
      reason?: string;
      idempotencyKey: string;
    }) => apiRequest('POST', `/staff/patients/${enc(patientId)}/appointments`, appointmentSchema, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
