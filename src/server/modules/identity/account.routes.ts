import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  activityItemSchema,
  contactChangeRequestSchema,
  contactVerifyRequestSchema,
  forgotPasswordRequestSchema,
  forgotUsernameRequestSchema,
  passwordChangeRequestSchema,
  profileSchema,
  resetPasswordRequestSchema,
} from '../../../shared/identity.ts';

/** The patient's own account: profile and contact details, password, activity, and recovery when signed out; a staff member's password. */
export async function registerAccountRoutes(app: FastifyInstance, ctx: AppContext, services: Services): Promise<void> {
  const { accounts } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const patient = { auth: { realm: 'patient' as const } };
  const anyone = { auth: { public: true as const } };

  r.get('/account/profile', { config: patient, schema: { response: { 200: profileSchema } } }, async (req) =>
    accounts.profile(req.session!),
  );
  r.post(
    '/account/contact',
    { config: patient, schema: { body: contactChangeRequestSchema, response: { 200: profileSchema } } },
    async (req) => accounts.changeContact(req.session!, req.body, originOf(req)),
  );
  r.post(
    '/account/contact/verify',
    { config: patient, schema: { body: contactVerifyRequestSchema, response: { 200: profileSchema } } },
    async (req) => accounts.verifyContact(req.session!, req.body.channel, req.body.code, originOf(req)),
  );
  r.post(
    '/account/password',
    { config: patient, schema: { body: passwordChangeRequestSchema } },
    async (req, reply) => {
      await accounts.changePassword(req.session!, req.body.currentPassword, req.body.newPassword, originOf(req));
      return reply.status(204).send();
    },
  );
  // Staff change their password here; after an admin's reset it is the only thing their session may do.
  r.post(
    '/staff/account/password',
    {
      config: { auth: { realm: 'staff', whilePasswordChangeDue: true } },
      schema: { body: passwordChangeRequestSchema },
    },
    async (req, reply) => {
      await accounts.changePassword(req.session!, req.body.currentPassword, req.body.newPassword, originOf(req));
      return reply.status(204).send();
    },
  );
  r.get(
    '/account/activity',
    { config: patient, schema: { response: { 200: z.array(activityItemSchema) } } },
    async (req) => accounts.activity(req.session!),
  );

  r.post(
    '/auth/forgot-password',
    { config: anyone, schema: { body: forgotPasswordRequestSchema } },
    async (req, reply) => {
      await accounts.requestPasswordReset(req.body.username, originOf(req));
      return reply.status(202).send();
    },
  );
  r.post(
    '/auth/reset-password',
    { config: anyone, schema: { body: resetPasswordRequestSchema } },
    async (req, reply) => {
      await accounts.resetPassword(req.body.username, req.body.code, req.body.newPassword, originOf(req));
      return reply.status(204).send();
    },
  );
  r.post(
    '/auth/forgot-username',
    { config: anyone, schema: { body: forgotUsernameRequestSchema } },
    async (req, reply) => {
      await accounts.remindUsername(req.body.contact, originOf(req));
      return reply.status(202).send();
    },
  );
}
