import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appointmentSchema,
  dayScheduleQuerySchema,
  providerScheduleInputSchema,
  rescheduleRequestSchema,
  scheduleAdminSchema,
  dayScheduleSchema,
  schedulingProviderSchema,
  slotDaysSchema,
  slotsQuerySchema,
  staffBookRequestSchema,
  staffVisitNoteSchema,
  visitNoteInputSchema,
} from '../../../shared/appointments.ts';
import { sendOnce } from '../../platform/replay.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import type { Services } from '../../services.ts';

const id = z.string().min(1).max(128);
const patientParams = z.object({ patientId: id });
const appointmentParams = patientParams.extend({ appointmentId: id });
const visitParams = patientParams.extend({ encounterId: id });

/** The staff side of visits: the day's schedule, booking and cancelling for a patient, and visit notes. */
export async function registerStaffVisitsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { staffSchedule, scheduling, visitNotes, scheduleAdmin } = services;
  const scheduleAuth = { realm: 'staff' as const, permission: 'schedule.read' as const };
  const bookAuth = { realm: 'staff' as const, permission: 'appointment.schedule' as const };
  const book = {
    auth: bookAuth,
    patient: { permission: 'appointment.schedule' as const, action: 'appointment.booked' as const },
  };

  r.get(
    '/staff/schedule/providers',
    { config: { auth: scheduleAuth }, schema: { response: { 200: z.array(schedulingProviderSchema) } } },
    async (req) => staffSchedule.providers(req.session!),
  );
  r.get(
    '/staff/schedule',
    {
      config: { auth: scheduleAuth },
      schema: { querystring: dayScheduleQuerySchema, response: { 200: dayScheduleSchema } },
    },
    async (req) => staffSchedule.day(req.session!, req.query.practitionerId, req.query.date, originOf(req)),
  );
  r.get(
    '/staff/patients/:patientId/scheduling/slots',
    {
      config: { auth: scheduleAuth, patient: { permission: 'schedule.read', action: 'record.scheduling.read' } },
      schema: { params: patientParams, querystring: slotsQuerySchema, response: { 200: slotDaysSchema } },
    },
    async (req) => scheduling.slots(req.scope!, req.query, 'staff'),
  );
  r.post(
    '/staff/patients/:patientId/appointments',
    {
      config: book,
      schema: {
        params: patientParams,
        body: staffBookRequestSchema,
        response: { 200: appointmentSchema, 201: appointmentSchema },
      },
    },
    async (req, reply) => {
      const { appointment, created } = await scheduling.book(
        req.scope!,
        req.session!,
        req.body,
        originOf(req),
        'staff',
      );
      return sendOnce(reply, created, appointment);
    },
  );
  r.post(
    '/staff/patients/:patientId/appointments/:appointmentId/cancel',
    { config: book, schema: { params: appointmentParams, response: { 200: appointmentSchema } } },
    async (req) => scheduling.cancel(req.scope!, req.session!, req.params.appointmentId, originOf(req), 'staff'),
  );

  r.post(
    '/staff/patients/:patientId/appointments/:appointmentId/reschedule',
    {
      config: book,
      schema: {
        params: appointmentParams,
        body: rescheduleRequestSchema,
        response: { 200: appointmentSchema, 201: appointmentSchema },
      },
    },
    async (req, reply) => {
      const { appointment, created } = await scheduling.reschedule(
        req.scope!,
        req.session!,
        req.params.appointmentId,
        req.body,
        originOf(req),
        'staff',
      );
      return sendOnce(reply, created, appointment);
    },
  );
  r.get(
    '/staff/patients/:patientId/appointments',
    {
      config: { auth: scheduleAuth, patient: { permission: 'schedule.read', action: 'record.visits.read' } },
      schema: { params: patientParams, response: { 200: z.array(appointmentSchema) } },
    },
    async (req) => services.visits.upcoming(req.scope!),
  );

  const noteAuth = { realm: 'staff' as const, permission: 'visit_note.write' as const };
  r.get(
    '/staff/patients/:patientId/visits/:encounterId/note',
    {
      config: { auth: noteAuth, patient: { permission: 'chart.read', action: 'record.visit_note.read' } },
      schema: { params: visitParams, response: { 200: staffVisitNoteSchema.nullable() } },
    },
    async (req) => visitNotes.note(req.scope!, req.session!, req.params.encounterId),
  );
  r.put(
    '/staff/patients/:patientId/visits/:encounterId/note',
    {
      config: { auth: noteAuth, patient: { permission: 'visit_note.write', action: 'record.visit_note.saved' } },
      schema: { params: visitParams, body: visitNoteInputSchema, response: { 200: staffVisitNoteSchema } },
    },
    async (req) => visitNotes.save(req.scope!, req.session!, req.params.encounterId, req.body, originOf(req)),
  );

  // ----- administration: providers' schedules
  const admin = { auth: { realm: 'staff' as const, permission: 'schedule.manage' as const } };
  r.get('/staff/admin/schedules', { config: admin, schema: { response: { 200: scheduleAdminSchema } } }, async () =>
    scheduleAdmin.overview(),
  );
  r.put(
    '/staff/admin/schedules/:practitionerId',
    {
      config: admin,
      schema: {
        params: z.object({ practitionerId: id }),
        body: providerScheduleInputSchema,
        response: { 200: scheduleAdminSchema },
      },
    },
    async (req) => scheduleAdmin.save(req.session!, req.params.practitionerId, req.body, originOf(req)),
  );
}
