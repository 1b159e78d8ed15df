import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import type { Session } from '../../platform/session/sessions.ts';
import {
  codeIssuedFromRequestSchema,
  issueActivationCodeRequestSchema,
  issueCodeFromRequestSchema,
  issuedActivationCodeSchema,
  patientSearchQuerySchema,
  patientSearchResultSchema,
  staffPatientViewSchema,
} from '../../../shared/front-desk.ts';
import { activationCodeRequestSchema } from '../../../shared/identity.ts';
import { workItemSchema } from '../../../shared/work-queue.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });
const itemParams = z.object({ id: z.string().min(1).max(64) });
const declineSchema = z.object({
  reason: z.string().trim().min(1, 'Say why the request could not be verified.').max(1000),
});

/** The front-desk routes and the public activation-code request form (src/shared/front-desk.ts lists them). */
export async function registerFrontDeskRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { frontDesk, activationRequests: requests } = services;
  const search = { auth: { realm: 'staff', permission: 'patient.search' } } as const;
  const viewPatient = { ...search, patient: { permission: 'patient.search', action: 'staff.patient.read' } } as const;
  const issue = { auth: { realm: 'staff', permission: 'activation_code.issue' } } as const;
  const issueForPatient = {
    ...issue,
    patient: { permission: 'activation_code.issue', action: 'activation_code.issue' },
  } as const;
  const issueFromItem = { ...issue, workItem: { permission: 'activation_code.issue' } } as const;

  r.post(
    '/activation-code-requests',
    { config: { auth: { public: true } }, schema: { body: activationCodeRequestSchema } },
    async (req, reply) => {
      await requests.submit(req.body, originOf(req));
      return reply.status(202).send();
    },
  );

  r.get(
    '/staff/patients',
    { config: search, schema: { querystring: patientSearchQuerySchema, response: { 200: patientSearchResultSchema } } },
    async (req) => ({
      patients: await frontDesk.searchPatients(staffOf(req), req.query.q, originOf(req)),
    }),
  );

  r.get(
    '/staff/patients/:patientId',
    { config: viewPatient, schema: { params: patientParams, response: { 200: staffPatientViewSchema } } },
    async (req) => frontDesk.patientView(req.scope!),
  );

  r.post(
    '/staff/patients/:patientId/activation-codes',
    {
      config: issueForPatient,
      schema: {
        params: patientParams,
        body: issueActivationCodeRequestSchema,
        response: { 201: issuedActivationCodeSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await frontDesk.issueCode(req.scope!, staffOf(req), req.body.encounterId, originOf(req))),
  );

  r.post(
    '/staff/work-items/:id/activation-code',
    {
      config: issueFromItem,
      schema: { params: itemParams, body: issueCodeFromRequestSchema, response: { 201: codeIssuedFromRequestSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await requests.issueFromRequest(staffOf(req), req.params.id, req.body, originOf(req))),
  );

  r.post(
    '/staff/work-items/:id/activation-code/decline',
    { config: issueFromItem, schema: { params: itemParams, body: declineSchema, response: { 200: workItemSchema } } },
    async (req) => requests.decline(staffOf(req), req.params.id, req.body.reason, originOf(req)),
  );
}

/** The staff session the auth hook already required. */
function staffOf(req: FastifyRequest): Session {
  if (!req.session)
    throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
  return req.session;
}
