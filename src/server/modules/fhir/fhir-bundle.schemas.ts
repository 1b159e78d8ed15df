import { z } from 'zod';

/** FHIR `id` datatype: 1–64 of A–Z a–z 0–9 - . */
export const fhirIdPattern = /^[A-Za-z0-9\-.]{1,64}$/;

const resourceSchema = z
  .object({
    resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/, 'resourceType must be a FHIR resource type name'),
    id: z.string().regex(fhirIdPattern, 'id must be a FHIR id (1–64 letters, digits, "-" or ".")').optional(),
    meta: z
      .object({
        security: z.array(z.object({ system: z.string().optional(), code: z.string().optional() })).optional(),
      })
      .optional(),
  })
  .loose();

/** One bundle entry as the importer accepts it: a resource, an optional fullUrl, and for transactions a POST or PUT. */
export const bundleEntrySchema = z.object({
  fullUrl: z.string().min(1).optional(),
  resource: resourceSchema,
  request: z
    .object({ method: z.enum(['POST', 'PUT']), url: z.string() })
    .loose()
    .optional(),
});

/** The envelope: transaction, batch or collection bundles, as Synthea and EHR exports write them. */
export const bundleEnvelopeSchema = z.object({
  resourceType: z.literal('Bundle', { error: 'resourceType must be "Bundle"' }),
  type: z.enum(['transaction', 'batch', 'collection', 'searchset'], {
    error: 'type must be transaction, batch, collection or searchset',
  }),
  entry: z.array(z.unknown()).default([]),
});

export type BundleEntry = z.infer<typeof bundleEntrySchema>;

/** A FHIR resource as stored: at least its type and id, the rest as it came. */
export interface FhirResource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}
