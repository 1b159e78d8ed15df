import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Services } from '../../services.ts';
import { documentCenterSchema } from '../../../shared/documents.ts';
import type { CataloguedAuditAction } from '../../../shared/audit-actions.ts';

const patientParams = z.object({ patientId: z.string().min(1).max(128) });

/** Health → Documents (src/shared/documents.ts lists the routes). Reads are audited by the guard before they leave. */
export async function registerDocumentsRoutes(
  app: FastifyInstance,
  _ctx: AppContext,
  services: Services,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { documents } = services;
  const read = (action: CataloguedAuditAction) => ({
    auth: { realm: 'patient' as const },
    patient: { permission: 'record.read' as const, action },
  });

  r.get(
    '/patients/:patientId/documents',
    {
      config: read('record.documents.read'),
      schema: { params: patientParams, response: { 200: documentCenterSchema } },
    },
    async (req) => documents.center(req.scope!),
  );
  r.get(
    '/patients/:patientId/documents/:documentId/file',
    {
      config: read('record.document.downloaded'),
      schema: { params: patientParams.extend({ documentId: z.string().min(1).max(64) }) },
    },
    async (req, reply) => {
      const { row, bytes } = await documents.file(req.scope!, req.params.documentId);
      // A download, never shown in our origin: the stored type, not sniffed, sandboxed.
      return reply
        .header('content-type', row.content_type)
        .header(
          'content-disposition',
          `attachment; filename="${row.file_name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.file_name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
}
