import { z } from 'zod';
import { visitKindSchema } from './visits.ts';
import { workItemSchema } from './work-queue.ts';

/**
 * The front-desk API contract (staff realm): find a patient, see their visits, issue an activation code, and issue
 * one from an activation-code request in the work queue.
 *
 *   GET  /api/staff/patients?q=                                  → PatientSearchResult
 *   GET  /api/staff/patients/:patientId                          → StaffPatientView
 *   POST /api/staff/patients/:patientId/activation-codes { encounterId? }   → IssuedActivationCode
 *   POST /api/staff/work-items/:id/activation-code { patientId, encounterId? } → CodeIssuedFromRequest
 *   POST /api/activation-code-requests (public; see shared/identity.ts)     → 202
 */

export const patientSearchQuerySchema = z.object({
  q: z.string().trim().min(2, 'Enter at least 2 characters of a name or a birth date.').max(100),
});

export const patientListItemSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
});
export type PatientListItem = z.infer<typeof patientListItemSchema>;

export const patientSearchResultSchema = z.object({ patients: z.array(patientListItemSchema) });
export type PatientSearchResult = z.infer<typeof patientSearchResultSchema>;

/** A visit as the front desk picks one for a code: the code works through `lastValidDate` (visit date + 45 days). */
export const staffVisitSchema = z.object({
  id: z.string(),
  start: z.string(),
  /** The record's own name for the visit type (may be a code's display; pages show `kind` and `reason`). */
  type: z.string().nullable(),
  /** The setting in plain words: office visit, hospital stay, emergency… */
  kind: visitKindSchema,
  /** Why the patient came, when the record says more than the setting. */
  reason: z.string().nullable(),
  /** The visit's date in the organisation's calendar. */
  visitDate: z.string(),
  lastValidDate: z.string(),
  /** A code tied to this visit would still work today. */
  codeEligible: z.boolean(),
});
export type StaffVisit = z.infer<typeof staffVisitSchema>;

export const staffPatientViewSchema = z.object({
  patient: patientListItemSchema.extend({
    /** Under the organisation's age limit today: no account of their own (proxy access instead). */
    isMinor: z.boolean(),
  }),
  hasAccount: z.boolean(),
  visits: z.array(staffVisitSchema),
  /** The last valid date of a code issued for today, without a visit. */
  todayLastValidDate: z.string(),
  actions: z.object({ canIssueCode: z.boolean() }),
});
export type StaffPatientView = z.infer<typeof staffPatientViewSchema>;

export const issueActivationCodeRequestSchema = z.object({ encounterId: z.string().min(1).max(128).optional() });

/** Shown once to staff to hand to the patient; only its hash is stored. */
export const issuedActivationCodeSchema = z.object({
  code: z.string(),
  visitDate: z.string(),
  lastValidDate: z.string(),
});
export type IssuedActivationCode = z.infer<typeof issuedActivationCodeSchema>;

export const issueCodeFromRequestSchema = z.object({
  patientId: z.string().min(1, 'Choose the matching patient.').max(128),
  encounterId: z.string().min(1).max(128).optional(),
});
export type IssueCodeFromRequest = z.infer<typeof issueCodeFromRequestSchema>;

export const codeIssuedFromRequestSchema = issuedActivationCodeSchema.extend({
  /** Where the code was sent; when neither, staff mail it to the address the requester gave. */
  sentTo: z.object({ email: z.boolean(), phone: z.boolean() }),
  item: workItemSchema,
});
export type CodeIssuedFromRequest = z.infer<typeof codeIssuedFromRequestSchema>;

/** The requester's details on an activation-code request item (what they typed on the public form). */
export const activationRequestDetailsSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
});
export type ActivationRequestDetails = z.infer<typeof activationRequestDetailsSchema>;
