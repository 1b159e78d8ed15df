import { z } from 'zod';
import { visitKindSchema } from './visits.ts';

/**
 * The chart the care team sees beside a patient's message or refill request: current medications, allergies,
 * active problems and recent visits, read-only (results join it once they exist).
 *
 *   GET /api/staff/patients/:patientId/chart → Chart   (clinicians and nurses of the patient's organisations; audited)
 */

const day = z.string().nullable();

export const chartSchema = z.object({
  medications: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Strength and form, when the record gives them apart from the name. */
      packageSize: z.string().nullable(),
      instructions: z.string().nullable(),
    }),
  ),
  /** Allergies that are not resolved or inactive. */
  allergies: z.array(z.object({ id: z.string(), substance: z.string(), reactions: z.array(z.string()) })),
  /** Active problems (the problem list and visit diagnoses that are still active). */
  problems: z.array(z.object({ id: z.string(), name: z.string(), since: day })),
  /** The latest visits, newest first. */
  visits: z.array(
    z.object({ id: z.string(), start: z.string(), kind: visitKindSchema, reason: z.string().nullable() }),
  ),
  /** The record holds older visits than those listed. */
  moreVisits: z.boolean(),
});
export type Chart = z.infer<typeof chartSchema>;
