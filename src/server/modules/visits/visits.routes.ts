import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appointmentRequestInputSchema,
  appointmentRequestSummarySchema,
  appointmentSchema,
  bookRequestSchema,
  checkInFormSchema,
  checkInInputSchema,
  rescheduleRequestSchema,
  schedulingOptionsSchema,
  slotDaysSchema,
  slotsQuerySchema,
  visitDetailSchema,
  visitsOverviewSchema,
  waitListRequestSchema,
} from '../../../shared/appointments.ts';
import { sendOnce } from '../../platform/replay.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import type { Services } from '../../services.ts';

const id = z.string().min(1).max(128);
const patientParams = z.object({ patientId: id });
const appointmentParams = patientParams.extend({ appointmentId: id });
const appointmentSubject = { type: 'appointment', param: 'appointmentId' };

/** Visits → Appointments and Visits, scheduling and the wait list, for patients and proxies (src/shared/appointments.ts). */
export async function registerVisitsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { visits, scheduling, appointmentRequests, checkIn } = services;
  const auth = { realm: 'patient' as const };
  const read = (
    action: 'record.visits.read' | 'record.visit.read' | 'record.appointment.read' | 'record.scheduling.read',
  ) => ({
    auth,
    patient: { permission: 'record.read' as const, action },
  });
  const book = { auth, patient: { permission: 'appointment.book' as const, action: 'appointment.booked' as const } };

  r.get(
    '/patients/:patientId/visits',
    { config: read('record.visits.read'), schema: { params: patientParams, response: { 200: visitsOverviewSchema } } },
    async (req) => visits.overview(req.scope!),
  );
  r.get(
    '/patients/:patientId/visits/:encounterId',
    {
      config: {
        ...read('record.visit.read'),
        patient: { ...read('record.visit.read').patient, subject: { type: 'Encounter', param: 'encounterId' } },
      },
      schema: { params: patientParams.extend({ encounterId: id }), response: { 200: visitDetailSchema } },
    },
    async (req) => visits.visit(req.scope!, req.params.encounterId),
  );
  r.get(
    '/patients/:patientId/appointments/:appointmentId',
    {
      config: {
        auth,
        patient: { permission: 'record.read', action: 'record.appointment.read', subject: appointmentSubject },
      },
      schema: { params: appointmentParams, response: { 200: appointmentSchema } },
    },
    async (req) => visits.appointment(req.scope!, req.params.appointmentId),
  );
  r.get(
    '/patients/:patientId/appointments/:appointmentId/calendar.ics',
    {
      config: {
        auth,
        patient: { permission: 'record.read', action: 'record.appointment.calendar', subject: appointmentSubject },
      },
      schema: { params: appointmentParams },
    },
    async (req, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .send(await visits.calendar(req.scope!, req.params.appointmentId)),
  );
  r.get(
    '/patients/:patientId/scheduling',
    {
      config: read('record.scheduling.read'),
      schema: { params: patientParams, response: { 200: schedulingOptionsSchema } },
    },
    async (req) => scheduling.options(req.scope!),
  );
  r.get(
    '/patients/:patientId/scheduling/slots',
    {
      config: read('record.scheduling.read'),
      schema: { params: patientParams, querystring: slotsQuerySchema, response: { 200: slotDaysSchema } },
    },
    async (req) => scheduling.slots(req.scope!, req.query, 'patient'),
  );
  r.post(
    '/patients/:patientId/appointments',
    {
      config: book,
      schema: {
        params: patientParams,
        body: bookRequestSchema,
        response: { 200: appointmentSchema, 201: appointmentSchema },
      },
    },
    async (req, reply) => {
      const { appointment, created } = await scheduling.book(
        req.scope!,
        req.session!,
        req.body,
        originOf(req),
        'patient',
      );
      return sendOnce(reply, created, appointment);
    },
  );
  r.post(
    '/patients/:patientId/appointments/:appointmentId/cancel',
    { config: book, schema: { params: appointmentParams, response: { 200: appointmentSchema } } },
    async (req) => scheduling.cancel(req.scope!, req.session!, req.params.appointmentId, originOf(req), 'patient'),
  );
  r.post(
    '/patients/:patientId/appointments/:appointmentId/reschedule',
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
        'patient',
      );
      return sendOnce(reply, created, appointment);
    },
  );
  r.post(
    '/patients/:patientId/appointments/:appointmentId/wait-list',
    {
      config: book,
      schema: { params: appointmentParams, body: waitListRequestSchema, response: { 200: appointmentSchema } },
    },
    async (req) => scheduling.joinWaitList(req.scope!, req.session!, req.params.appointmentId, req.body, originOf(req)),
  );
  r.delete(
    '/patients/:patientId/wait-list/:entryId',
    { config: book, schema: { params: patientParams.extend({ entryId: id }) } },
    async (req, reply) => {
      await scheduling.leaveWaitList(req.scope!, req.params.entryId, originOf(req));
      return reply.status(204).send();
    },
  );
  r.post(
    '/patients/:patientId/wait-list-offers/:offerId/accept',
    { config: book, schema: { params: patientParams.extend({ offerId: id }), response: { 200: appointmentSchema } } },
    async (req) => scheduling.acceptOffer(req.scope!, req.session!, req.params.offerId, originOf(req)),
  );
  r.post(
    '/patients/:patientId/wait-list-offers/:offerId/decline',
    { config: book, schema: { params: patientParams.extend({ offerId: id }) } },
    async (req, reply) => {
      await scheduling.declineOffer(req.scope!, req.params.offerId, originOf(req));
      return reply.status(204).send();
    },
  );
  r.post(
    '/patients/:patientId/appointment-requests',
    {
      config: book,
      schema: {
        params: patientParams,
        body: appointmentRequestInputSchema,
        response: { 200: appointmentRequestSummarySchema, 201: appointmentRequestSummarySchema },
      },
    },
    async (req, reply) => {
      const { request, created } = await appointmentRequests.requestAppointment(
        req.scope!,
        req.session!,
        req.body,
        originOf(req),
      );
      return sendOnce(reply, created, request);
    },
  );
  r.get(
    '/patients/:patientId/appointments/:appointmentId/check-in',
    {
      config: {
        auth,
        patient: { permission: 'record.read', action: 'record.check_in.read', subject: appointmentSubject },
      },
      schema: { params: appointmentParams, response: { 200: checkInFormSchema } },
    },
    async (req) => checkIn.form(req.scope!, req.params.appointmentId),
  );
  r.post(
    '/patients/:patientId/appointments/:appointmentId/check-in',
    {
      config: { auth, patient: { permission: 'appointment.book', action: 'appointment.checked_in' } },
      schema: { params: appointmentParams, body: checkInInputSchema, response: { 200: appointmentSchema } },
    },
    async (req) => checkIn.checkIn(req.scope!, req.params.appointmentId, req.body, originOf(req)),
  );
}
