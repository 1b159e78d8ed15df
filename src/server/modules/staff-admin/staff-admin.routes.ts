import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  createStaffAccountRequestSchema,
  createdStaffAccountSchema,
  organisationListSchema,
  resetStaffPasswordSchema,
  staffAccountListSchema,
  staffAccountSchema,
  staffOrganisationsRequestSchema,
} from '../../../shared/staff-admin.ts';

/**
 * Staff administration for admins: list staff and create an account (username, name, role). The generated
 * initial password is returned once; the colleague must enrol 2-step verification at first sign-in. Admins also
 * reset a colleague's password (a one-time password, returned once) or 2-step, and disable or enable an account
 * (staff-account-controls.service.ts has the rules).
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

  const params = z.object({ id: z.string().min(1).max(64) });
  const controls = services.staffAccountControls;

  r.post(
    '/staff/admin/accounts/:id/reset-password',
    { config, schema: { params, response: { 200: resetStaffPasswordSchema } } },
    async (req) => {
      const reset = await controls.resetPassword(actorOf(req), req.params.id, originOf(req));
      return { account: await accounts.view(req.params.id), ...reset };
    },
  );
  for (const [path, act] of [
    ['reset-two-step', (actor, id, origin) => controls.resetTwoStep(actor, id, origin)],
    ['disable', (actor, id, origin) => controls.disable(actor, id, origin)],
    ['enable', (actor, id, origin) => controls.enable(actor, id, origin)],
  ] as const satisfies readonly (readonly [string, Control])[]) {
    r.post(
      `/staff/admin/accounts/:id/${path}`,
      { config, schema: { params, response: { 200: staffAccountSchema } } },
      async (req) => {
        await act(actorOf(req), req.params.id, originOf(req));
        return accounts.view(req.params.id);
      },
    );
  }

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

type Control = (actor: AuditActor, accountId: string, origin: ReturnType<typeof originOf>) => Promise<void>;

/** The signed-in admin, as the audit log names them. */
function actorOf(req: FastifyRequest): AuditActor {
  const s = req.session;
  if (!s) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
  return { type: 'staff', id: s.accountId, role: s.staffRole ?? undefined };
}
