import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { chartSchema } from '../../../shared/chart.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });

/**
 * The chart beside a work item (src/shared/chart.ts): clinicians and nurses, through the access guard (patients of
 * their own organisations only), the read audited by the guard before the answer leaves.
 */
export async function registerChartRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/staff/patients/:patientId/chart',
    {
      config: {
        auth: { realm: 'staff', permission: 'chart.read' },
        patient: { permission: 'chart.read', action: 'record.chart.read' },
      },
      schema: { params: patientParams, response: { 200: chartSchema } },
    },
    async (req) => services.chart.chart(req.scope!),
  );
}
