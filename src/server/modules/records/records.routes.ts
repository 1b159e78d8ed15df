import type { CataloguedAuditAction } from '../../../shared/audit-actions.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  allergyListSchema,
  educationTopicInputSchema,
  educationTopicListSchema,
  educationTopicSchema,
  healthIssueListSchema,
  homeSummarySchema,
  immunizationListSchema,
  medicalHistorySchema,
  medicationListSchema,
  medicationSchema,
  newVisitInstructionsSchema,
  refillDecisionSchema,
  refillRequestSchema,
  visitInstructionsListSchema,
} from '../../../shared/records.ts';
import { workItemSchema } from '../../../shared/work-queue.ts';
import { REPLAY_HEADER } from '../../../shared/idempotency.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });
const itemParams = z.object({ id: z.string().min(1).max(64) });

/** The Health area, Home, and the staff side of refills, visit instructions and education (src/shared/records.ts lists them). */
export async function registerRecordsRoutes(app: FastifyInstance, ctx: AppContext, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { records } = services;
  const auth = { realm: 'patient' as const };
  const read = (action: CataloguedAuditAction) => ({ auth, patient: { permission: 'record.read' as const, action } });

  r.get(
    '/patients/:patientId/home',
    { config: read('record.home.read'), schema: { params: patientParams, response: { 200: homeSummarySchema } } },
    async (req) => records.home(req.scope!, req.session!),
  );
  r.get(
    '/patients/:patientId/medications',
    {
      config: read('record.medications.read'),
      schema: { params: patientParams, response: { 200: medicationListSchema } },
    },
    async (req) => records.medications(req.scope!),
  );
  r.post(
    '/patients/:patientId/medications/:medicationId/refill-requests',
    {
      config: { auth, patient: { permission: 'refill.request', action: 'medication.refill.request' } },
      schema: {
        params: patientParams.extend({ medicationId: z.string().min(1).max(128) }),
        body: refillRequestSchema,
        response: { 201: medicationSchema },
      },
    },
    async (req, reply) => {
      const { medication, replayed } = await records.requestRefill(
        req.scope!,
        req.session!,
        req.params.medicationId,
        req.body,
        originOf(req),
      );
      if (replayed) void reply.header(REPLAY_HEADER, 'true');
      return reply.status(201).send(medication);
    },
  );
  r.get(
    '/patients/:patientId/allergies',
    { config: read('record.allergies.read'), schema: { params: patientParams, response: { 200: allergyListSchema } } },
    async (req) => records.allergies(req.scope!),
  );
  r.get(
    '/patients/:patientId/immunizations',
    {
      config: read('record.immunizations.read'),
      schema: { params: patientParams, response: { 200: immunizationListSchema } },
    },
    async (req) => records.immunizations(req.scope!),
  );
  r.get(
    '/patients/:patientId/immunizations/record.pdf',
    { config: read('record.immunizations.pdf'), schema: { params: patientParams } },
    async (req, reply) =>
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="immunization-record.pdf"')
        .header('x-content-type-options', 'nosniff')
        .send(await records.immunizationPdf(req.scope!)),
  );
  r.get(
    '/patients/:patientId/health-issues',
    {
      config: read('record.health_issues.read'),
      schema: { params: patientParams, response: { 200: healthIssueListSchema } },
    },
    async (req) => records.healthIssues(req.scope!),
  );
  r.get(
    '/patients/:patientId/history',
    { config: read('record.history.read'), schema: { params: patientParams, response: { 200: medicalHistorySchema } } },
    async (req) => records.history(req.scope!),
  );
  r.get(
    '/patients/:patientId/visit-instructions',
    {
      config: read('record.visit_instructions.read'),
      schema: { params: patientParams, response: { 200: visitInstructionsListSchema } },
    },
    async (req) => records.visitInstructions(req.scope!),
  );
  r.get(
    '/patients/:patientId/education/:topicId',
    {
      config: read('record.education.read'),
      schema: {
        params: patientParams.extend({ topicId: z.string().min(1).max(100) }),
        response: { 200: educationTopicSchema },
      },
    },
    async (req) => records.topic(req.params.topicId),
  );

  // ----- staff
  r.post(
    '/staff/work-items/:id/refill',
    {
      config: { auth: { realm: 'staff', permission: 'refill.decide' }, workItem: { permission: 'refill.decide' } },
      schema: { params: itemParams, body: refillDecisionSchema, response: { 200: workItemSchema } },
    },
    async (req) => records.decideRefill(req.scope!, req.session!, req.params.id, req.body, originOf(req)),
  );
  r.post(
    '/staff/patients/:patientId/visit-instructions',
    {
      config: {
        auth: { realm: 'staff', permission: 'visit_instructions.write' },
        patient: { permission: 'visit_instructions.write', action: 'record.visit_instructions.create' },
      },
      schema: { params: patientParams, body: newVisitInstructionsSchema },
    },
    async (req, reply) => {
      await records.addVisitInstructions(req.scope!, req.session!, req.body, originOf(req));
      return reply.status(201).send();
    },
  );
  const admin = { auth: { realm: 'staff', permission: 'education.manage' } } as const;
  r.get(
    '/staff/admin/education-topics',
    { config: admin, schema: { response: { 200: educationTopicListSchema } } },
    async () => ({ topics: await records.topics() }),
  );
  r.post(
    '/staff/admin/education-topics',
    { config: admin, schema: { body: educationTopicInputSchema, response: { 201: educationTopicSchema } } },
    async (req, reply) =>
      reply.status(201).send(await records.saveTopic(crypto.randomUUID(), req.body, req.session!, originOf(req))),
  );
  r.put(
    '/staff/admin/education-topics/:topicId',
    {
      config: admin,
      schema: {
        params: z.object({ topicId: z.string().min(1).max(100) }),
        body: educationTopicInputSchema,
        response: { 200: educationTopicSchema },
      },
    },
    async (req) => {
      await records.topic(req.params.topicId); // 404 for an unknown topic
      return records.saveTopic(req.params.topicId, req.body, req.session!, originOf(req));
    },
  );
}
