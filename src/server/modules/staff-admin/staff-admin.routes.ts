import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  createStaffAccountRequestSchema,
  createdStaffAccountSchema,
  organisationListSchema,
  staffAccountListSchema,
  staffAccountSchema,
  staffOrganisationsRequestSchema,
} from '../../../shared/staff-admin.ts';

/**
 * Staff administration for admins: list staff and create an account (username, name, role). The generated
 * initial password is returned once; the colleague must enrol 2-step verification at first sign-in.
 */
export async function registerStaffAdminRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const accounts = services.staffAccounts;
  const config = { auth: { realm: 'staff', permission: 'staff.manage' } } as const;

  r.get('/staff/admin/accounts', { config, schema: { response: { 200: staffAccountListSchema } } }, async () => ({
    accounts: await accounts.list(),
  }));

  r.post(
    '/staff/admin/accounts',
    { config, schema: { body: createStaffAccountRequestSchema, response: { 201: createdStaffAccountSchema } } },
    async (req, reply) => {
      const s = req.session;
      if (!s) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
      const { accountId, initialPassword } = await accounts.create(
        { type: 'staff', id: s.accountId, role: s.staffRole ?? undefined },
        req.body,
        originOf(req),
      );
      const account = (await accounts.list()).find((a) => a.id === accountId);
      if (!account)
        throw new AppError('internal', 'staff_account_missing', 'The account was created but could not be read back.');
      return reply.status(201).send({ account, initialPassword });
    },
  );

  r.get('/staff/admin/organisations', { config, schema: { response: { 200: organisationListSchema } } }, async () => ({
    organisations: await services.fhir.organisations(),
  }));

  r.put(
    '/staff/admin/accounts/:id/organisations',
    {
      config,
      schema: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: staffOrganisationsRequestSchema,
        response: { 200: staffAccountSchema },
      },
    },
    async (req) =>
      accounts.setOrganisations(
        { type: 'staff', id: req.session!.accountId, role: req.session!.staffRole ?? undefined },
        req.params.id,
        req.body.organisations,
        originOf(req),
      ),
  );
}
