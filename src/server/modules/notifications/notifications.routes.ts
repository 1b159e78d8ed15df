import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import {
  deliveryOverviewSchema,
  inboxQuerySchema,
  notificationInboxSchema,
  notificationSettingsSchema,
  updateNotificationSettingsSchema,
} from '../../../shared/notifications.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** Profile → Notifications, the bell, and the admins' view of deliveries (src/shared/notifications.ts lists them). */
export async function registerNotificationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { notifications, deliveries } = services;
  const patient = { auth: { realm: 'patient' } } as const;
  const admin = { auth: { realm: 'staff', permission: 'delivery.manage' } } as const;

  r.get(
    '/account/notification-settings',
    { config: patient, schema: { response: { 200: notificationSettingsSchema } } },
    async (req) => notifications.settings(req.session!),
  );

  r.put(
    '/account/notification-settings',
    {
      config: patient,
      schema: { body: updateNotificationSettingsSchema, response: { 200: notificationSettingsSchema } },
    },
    async (req) => notifications.updateSettings(req.session!, req.body, originOf(req)),
  );

  // The bell polls this: polling is not activity, so it never keeps an idle session alive.
  r.get(
    '/account/notifications',
    {
      config: { ...patient, touchesSession: false },
      schema: { querystring: inboxQuerySchema, response: { 200: notificationInboxSchema } },
    },
    async (req) => notifications.inbox(req.session!, req.query.limit),
  );

  r.post('/account/notifications/read-all', { config: patient }, async (req, reply) => {
    await notifications.markAllRead(req.session!);
    return reply.status(204).send();
  });

  r.post('/account/notifications/:id/read', { config: patient, schema: { params: idParams } }, async (req, reply) => {
    await notifications.markRead(req.session!, req.params.id);
    return reply.status(204).send();
  });

  r.get('/staff/admin/deliveries', { config: admin, schema: { response: { 200: deliveryOverviewSchema } } }, async () =>
    deliveries.overview(),
  );

  r.post('/staff/admin/deliveries/:id/retry', { config: admin, schema: { params: idParams } }, async (req, reply) => {
    await deliveries.retry(req.session!, req.params.id, originOf(req));
    return reply.status(204).send();
  });
}
