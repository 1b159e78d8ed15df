import { z } from 'zod';

/**
 * Health → Documents: letters and records released to the patient (visit summaries later), each a download, and
 * the amendments accepted chart corrections noted on the record. Proxies see what their access allows, minus what
 * the confidentiality filter hides.
 *
 * Patient routes (realm patient; the access guard checks the record; every read is audited before it leaves):
 *   GET /api/patients/:patientId/documents                       → DocumentCenter
 *   GET /api/patients/:patientId/documents/:documentId/file      → the file (a download)
 */

/** An amendment as it is shown on the record item it corrects. */
export const itemAmendmentSchema = z.object({
  id: z.string(),
  /** The amendment's text, as health information staff wrote it. */
  text: z.string(),
  /** When it was accepted (UTC ISO). */
  amendedAt: z.string(),
});
export type ItemAmendment = z.infer<typeof itemAmendmentSchema>;

export const recordItemTypes = [
  'MedicationRequest',
  'AllergyIntolerance',
  'Immunization',
  'Condition',
  'Procedure',
  'Observation',
  'DiagnosticReport',
  'Encounter',
] as const;

/** An amendment in the list of amendments: with the item it corrects, when the caller may see it. */
export const amendmentSchema = itemAmendmentSchema.extend({
  item: z
    .object({
      type: z.enum(recordItemTypes),
      id: z.string(),
      /** What the item is ("Penicillin allergy"), or null when the record no longer names it. */
      label: z.string().nullable(),
    })
    .nullable(),
});
export type Amendment = z.infer<typeof amendmentSchema>;

export const documentKinds = ['records', 'letter', 'visit_summary'] as const;

export const patientDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  /** Bytes. */
  size: z.number().int(),
  /** When it was released to the patient (UTC ISO). */
  releasedAt: z.string(),
});
export type PatientDocument = z.infer<typeof patientDocumentSchema>;

export const documentCenterSchema = z.object({
  /** Newest first. */
  documents: z.array(patientDocumentSchema),
  /** Newest first. */
  amendments: z.array(amendmentSchema),
  /** The caller may ask for records or a correction (full access; a view-only proxy may only read). */
  canAsk: z.boolean(),
});
export type DocumentCenter = z.infer<typeof documentCenterSchema>;
