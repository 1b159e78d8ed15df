import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  accessLogQuerySchema,
  accessLogResponseSchema,
  invitationItemSchema,
  minorAccessRequestSchema,
  proxyRequestItemSchema,
  recordsResponseSchema,
  recordSummarySchema,
  shareInvitationRequestSchema,
  directGrantRequestSchema,
  sharingResponseSchema,
} from '../../../shared/proxy.ts';
import { passwordOnlySchema } from '../../../shared/identity.ts';
import { workItemSchema } from '../../../shared/work-queue.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });

/** The record switcher's list, proxy requests and invitations, the patient-data routes of sharing and the access log, and staff decisions. */
export async function registerProxyRoutes(app: FastifyInstance, ctx: AppContext, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { proxy, sharing, proxyRequests: requests, accessLog } = services;
  const patientAccount = { auth: { realm: 'patient' as const } };
  const either = { realm: 'either' as const };

  r.get(
    '/account/records',
    { config: patientAccount, schema: { response: { 200: recordsResponseSchema } } },
    async (req) => ({ records: await proxy.records(req.session!) }),
  );
  r.post(
    '/account/proxy-requests',
    { config: patientAccount, schema: { body: minorAccessRequestSchema } },
    async (req, reply) => {
      await proxy.requestMinorAccess(req.session!, req.body, originOf(req), requests.createWorkItem);
      return reply.status(202).send();
    },
  );
  r.get(
    '/account/proxy-requests',
    { config: patientAccount, schema: { response: { 200: z.array(proxyRequestItemSchema) } } },
    async (req) => proxy.myRequests(req.session!),
  );
  r.get(
    '/account/invitations',
    { config: patientAccount, schema: { response: { 200: z.array(invitationItemSchema) } } },
    async (req) => sharing.invitationsForMe(req.session!),
  );
  for (const answer of ['accept', 'decline'] as const) {
    r.post(
      `/account/invitations/:id/${answer}`,
      { config: patientAccount, schema: { params: z.object({ id: z.string().max(64) }) } },
      async (req, reply) => {
        await sharing.respond(req.session!, req.params.id, answer === 'accept', originOf(req));
        return reply.status(204).send();
      },
    );
  }

  // Patient-data routes: the access guard (config.patient) decides before any of these run.
  r.get(
    '/patients/:patientId/summary',
    {
      config: { auth: either, patient: { permission: 'record.read', action: 'record.summary.read' } },
      schema: { params: patientParams, response: { 200: recordSummarySchema } },
    },
    async (req) => proxy.summary(req.scope!),
  );
  r.get(
    '/patients/:patientId/access-log',
    {
      config: { auth: either, patient: { permission: 'access_log.read', action: 'record.access_log.read' } },
      schema: { params: patientParams, querystring: accessLogQuerySchema },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="access-log.csv"')
          .send(await accessLog.csv(req.scope!, filter));
      }
      return accessLogResponseSchema.parse(await accessLog.page(req.scope!, filter));
    },
  );
  r.get(
    '/patients/:patientId/proxies',
    {
      config: { auth: either, patient: { permission: 'sharing.read', action: 'record.sharing.read' } },
      schema: { params: patientParams, response: { 200: sharingResponseSchema } },
    },
    async (req) => sharing.sharing(req.scope!),
  );
  r.post(
    '/patients/:patientId/proxies/invitations',
    {
      config: { auth: either, patient: { permission: 'sharing.manage', action: 'proxy.invitation.create' } },
      schema: { params: patientParams, body: shareInvitationRequestSchema },
    },
    async (req, reply) => {
      const id = await sharing.invite(req.scope!, req.session!, req.body, originOf(req));
      return reply.status(201).send({ id });
    },
  );
  r.post(
    '/patients/:patientId/proxies/invitations/:id/cancel',
    {
      config: { auth: either, patient: { permission: 'sharing.manage', action: 'proxy.invitation.cancel' } },
      schema: { params: patientParams.extend({ id: z.string().max(64) }) },
    },
    async (req, reply) => {
      await sharing.cancelInvitation(req.scope!, req.params.id, originOf(req));
      return reply.status(204).send();
    },
  );
  r.post(
    '/patients/:patientId/proxies/:grantId/revoke',
    {
      config: { auth: either, patient: { permission: 'sharing.manage', action: 'proxy.grant.revoke' } },
      schema: { params: patientParams.extend({ grantId: z.string().max(64) }), body: passwordOnlySchema },
    },
    async (req, reply) => {
      await sharing.revoke(req.scope!, req.session!, req.params.grantId, req.body.password, originOf(req));
      return reply.status(204).send();
    },
  );

  // Staff decisions.
  const decide = {
    auth: { realm: 'staff', permission: 'proxy.decide' },
    workItem: { permission: 'proxy.decide' },
  } as const;
  r.post(
    '/staff/work-items/:id/proxy/approve',
    {
      config: decide,
      schema: {
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ patientId: z.string().min(1).max(128) }),
        response: { 200: workItemSchema },
      },
    },
    async (req) => requests.approve(req.session!, req.params.id, req.body.patientId, originOf(req)),
  );
  r.post(
    '/staff/work-items/:id/proxy/deny',
    {
      config: decide,
      schema: {
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ reason: z.string().trim().min(1, 'Say why, in words the parent will read.').max(1000) }),
        response: { 200: workItemSchema },
      },
    },
    async (req) => requests.deny(req.session!, req.params.id, req.body.reason, originOf(req)),
  );
  r.post(
    '/staff/patients/:patientId/proxies',
    {
      config: {
        auth: { realm: 'staff', permission: 'proxy.grant' },
        patient: { permission: 'proxy.grant', action: 'proxy.grant.direct' },
      },
      schema: { params: patientParams, body: directGrantRequestSchema },
    },
    async (req, reply) => {
      await requests.grantDirectly(req.scope!, req.session!, req.body, originOf(req));
      return reply.status(201).send();
    },
  );
}
