import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { StaffRole } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  createStaffAccountRequestSchema,
  createdStaffAccountSchema,
  staffAccountListSchema,
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
  const admins: StaffRole[] = ['admin'];
  const config = { auth: { realm: 'staff', roles: admins } } as const;

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
}
