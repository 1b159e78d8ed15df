import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/session/session.plugin.ts';
import type { Session } from '../../platform/session/sessions.ts';
import {
  assignWorkItemRequestSchema,
  assigneesSchema,
  closeWorkItemRequestSchema,
  workItemListQuerySchema,
  workItemListSchema,
  workItemSchema,
  workPoolsSchema,
} from '../../../shared/work-queue.ts';

/** Every staff role works some queue; which pools each may see is the policy's business (checked per item). */
const auth = { realm: 'staff', permission: 'work_item.read' } as const;
const reads = { auth, workItem: { permission: 'work_item.read' } } as const;
const works = {
  auth: { realm: 'staff', permission: 'work_item.work' },
  workItem: { permission: 'work_item.work' },
} as const;
const idParams = z.object({ id: z.string().min(1).max(64) });

/** The staff work-queue routes (src/shared/work-queue.ts lists them). */
export async function registerWorkQueueRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { queue } = services;

  r.get(
    '/staff/work-items',
    { config: { auth }, schema: { querystring: workItemListQuerySchema, response: { 200: workItemListSchema } } },
    async (req) => ({
      items: await queue.listForStaff(staffOf(req), req.query, originOf(req)),
    }),
  );

  r.get(
    '/staff/work-items/pools',
    { config: { auth }, schema: { response: { 200: workPoolsSchema } } },
    async (req) => {
      const { pools, counts } = await queue.poolsFor(staffOf(req));
      return { pools, names: await queue.poolNames(pools), counts };
    },
  );

  r.get(
    '/staff/work-items/:id',
    { config: reads, schema: { params: idParams, response: { 200: workItemSchema } } },
    async (req) => queue.get(staffOf(req), req.params.id, originOf(req)),
  );

  r.get(
    '/staff/work-items/:id/assignees',
    { config: reads, schema: { params: idParams, response: { 200: assigneesSchema } } },
    async (req) => ({
      assignees: await queue.assigneesFor(staffOf(req), req.params.id),
    }),
  );

  r.post(
    '/staff/work-items/:id/claim',
    { config: works, schema: { params: idParams, response: { 200: workItemSchema } } },
    async (req) => queue.claim(staffOf(req), req.params.id, originOf(req)),
  );

  r.post(
    '/staff/work-items/:id/release',
    { config: works, schema: { params: idParams, response: { 200: workItemSchema } } },
    async (req) => queue.release(staffOf(req), req.params.id, originOf(req)),
  );

  r.post(
    '/staff/work-items/:id/assign',
    {
      config: works,
      schema: { params: idParams, body: assignWorkItemRequestSchema, response: { 200: workItemSchema } },
    },
    async (req) => queue.assign(staffOf(req), req.params.id, req.body.assigneeId, originOf(req)),
  );

  r.post(
    '/staff/work-items/:id/close',
    {
      config: works,
      schema: { params: idParams, body: closeWorkItemRequestSchema, response: { 200: workItemSchema } },
    },
    async (req) => queue.close(staffOf(req), req.params.id, req.body, originOf(req)),
  );
}

/** The staff session the auth hook already required. */
function staffOf(req: FastifyRequest): Session {
  if (!req.session)
    throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
  return req.session;
}
