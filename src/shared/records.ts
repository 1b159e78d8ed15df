import { z } from 'zod';
import { itemAmendmentSchema } from './documents.ts';
import { idempotencyKeySchema } from './idempotency.ts';

/**
 * My health record, from the record system's FHIR data, for the patient and proxies (minus confidential items).
 * Routes (realm patient; the access guard checks the record; every read is audited):
 *
 *   GET  /api/patients/:patientId/home                         → HomeSummary (one request; counts, never lists)
 *   GET  /api/patients/:patientId/medications                  → MedicationList (current and past)
 *   POST /api/patients/:patientId/medications/:medicationId/refill-requests  RefillRequest → 201 Medication
 *        (full access; one open request per medication; idempotent on idempotencyKey)
 *   GET  /api/patients/:patientId/allergies                    → AllergyList
 *   GET  /api/patients/:patientId/immunizations                → ImmunizationList
 *   GET  /api/patients/:patientId/immunizations/record.pdf     → application/pdf (name, birth date, organisation)
 *   GET  /api/patients/:patientId/health-issues                → HealthIssueList (with education topics)
 *   GET  /api/patients/:patientId/history                      → MedicalHistory
 *   GET  /api/patients/:patientId/visit-instructions           → VisitInstructionsList
 *   GET  /api/patients/:patientId/education/:topicId           → EducationTopic
 *
 * Staff:
 *   POST /api/staff/work-items/:id/refill    RefillDecision → WorkItem (clinician, nurse: approve, or deny with a reason)
 *   POST /api/staff/patients/:patientId/visit-instructions  NewVisitInstructions → 201 (clinician, nurse)
 *   GET  /api/staff/admin/education-topics → EducationTopicList;  POST … EducationTopicInput → 201;
 *   PUT  /api/staff/admin/education-topics/:topicId EducationTopicInput → 200 (admin)
 */

const dateOrNull = z.string().nullable();
/** Accepted chart corrections noted on an item (newest first); left out when there are none. */
const amendments = z.array(itemAmendmentSchema).optional();

export const refillStatusSchema = z.enum(['requested', 'approved', 'denied']);

export const medicationSchema = z.object({
  id: z.string(),
  /**
   * The medication as prescribed: the brand when there is one, every ingredient with its strength, and the form
   * ("Vicodin — acetaminophen 300 mg / hydrocodone bitartrate 5 mg").
   */
  name: z.string(),
  /** How much one package or device holds ("120 actuations", "0.3 mL"), when the record says. */
  packageSize: z.string().nullable(),
  /** How to take it (the prescription's instructions), or null when the record has none. */
  instructions: z.string().nullable(),
  prescriber: z.string().nullable(),
  startDate: dateOrNull,
  endDate: dateOrNull,
  status: z.string(),
  current: z.boolean(),
  /** Refills the prescription allows, when the record says. */
  refillsLeft: z.number().int().nullable(),
  /** The latest refill request for it, if any. */
  refill: z
    .object({
      status: refillStatusSchema,
      pharmacy: z.string(),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
  canRequestRefill: z.boolean(),
  amendments,
});
export type Medication = z.infer<typeof medicationSchema>;
export const medicationListSchema = z.object({ current: z.array(medicationSchema), past: z.array(medicationSchema) });
export type MedicationList = z.infer<typeof medicationListSchema>;

export const refillRequestSchema = z.object({
  pharmacy: z.string().trim().min(1, 'Choose or enter a pharmacy.').max(200),
  comment: z.string().trim().max(1000).optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type RefillRequest = z.infer<typeof refillRequestSchema>;

export const refillDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approved') }),
  z.object({
    decision: z.literal('denied'),
    reason: z.string().trim().min(1, 'Give the reason the patient will read.').max(1000),
  }),
]);
export type RefillDecision = z.infer<typeof refillDecisionSchema>;

export const allergySchema = z.object({
  id: z.string(),
  substance: z.string(),
  /** food, medication, environment, biologic */
  category: z.string().nullable(),
  /** What happened (the reactions' manifestations), each once. */
  reactions: z.array(z.string()),
  /** FHIR criticality, the risk of a severe reaction in future: low | high | unable-to-assess, or null. */
  criticality: z.string().nullable(),
  /** The most severe of the recorded reactions: mild | moderate | severe, or null when no reaction has one. */
  severity: z.string().nullable(),
  /** active | inactive | resolved */
  status: z.string().nullable(),
  recordedDate: dateOrNull,
  amendments,
});
export const allergyListSchema = z.object({ items: z.array(allergySchema) });
export type Allergy = z.infer<typeof allergySchema>;

export const immunizationSchema = z.object({
  id: z.string(),
  vaccine: z.string(),
  date: dateOrNull,
  /**
   * Dose number in the series: the record's (protocolApplied), else the dose's place among this vaccine's doses in
   * the record; null for a dose entered in error.
   */
  dose: z.string().nullable(),
  status: z.string().nullable(),
  amendments,
});
/** One vaccine and its doses, oldest first. */
export const immunizationGroupSchema = z.object({ vaccine: z.string(), doses: z.array(immunizationSchema) });
/** Vaccines A–Z, each with its doses. */
export const immunizationListSchema = z.object({ vaccines: z.array(immunizationGroupSchema) });
export type Immunization = z.infer<typeof immunizationSchema>;
export type ImmunizationGroup = z.infer<typeof immunizationGroupSchema>;

export const educationLinkSchema = z.object({ id: z.string(), title: z.string() });

export const healthIssueSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** active | recurrence | relapse | inactive | remission | resolved */
  status: z.string().nullable(),
  active: z.boolean(),
  onsetDate: dateOrNull,
  resolvedDate: dateOrNull,
  education: z.array(educationLinkSchema),
  amendments,
});
export const healthIssueListSchema = z.object({
  active: z.array(healthIssueSchema),
  resolved: z.array(healthIssueSchema),
});
export type HealthIssue = z.infer<typeof healthIssueSchema>;

export const historyItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** When it began or was done; for a repeated item, the latest time. */
  date: dateOrNull,
  /** When a past condition resolved. */
  resolvedDate: dateOrNull,
  /** A relative (family history), a value (social history) or a reason, in the record's words. */
  detail: z.string().nullable(),
  /** How many times the record holds it (repeated observations and routine procedures are shown once). */
  count: z.number().int(),
  amendments,
});
export const medicalHistorySchema = z.object({
  /** Past (resolved) conditions. */
  medical: z.array(historyItemSchema),
  /** Operations (surgical procedures). */
  surgical: z.array(historyItemSchema),
  /** Other procedures (imaging, screenings, exams…), each once with its latest date. */
  procedures: z.array(historyItemSchema),
  /** Relatives' conditions (FamilyMemberHistory), where the record has them. */
  family: z.array(historyItemSchema),
  /** Smoking status and similar social-history observations, each once with its latest value and date. */
  social: z.array(historyItemSchema),
});
export type MedicalHistory = z.infer<typeof medicalHistorySchema>;
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const visitInstructionsSchema = z.object({
  encounterId: z.string(),
  visitDate: dateOrNull,
  visitType: z.string().nullable(),
  /** Care plans from the record system for that visit, and instructions staff added. */
  items: z.array(
    z.object({
      id: z.string(),
      source: z.enum(['record', 'staff']),
      title: z.string(),
      text: z.string(),
      activities: z.array(z.string()),
      author: z.string().nullable(),
      date: dateOrNull,
    }),
  ),
});
export const visitInstructionsListSchema = z.object({ visits: z.array(visitInstructionsSchema) });
export type VisitInstructions = z.infer<typeof visitInstructionsSchema>;

export const newVisitInstructionsSchema = z.object({
  encounterId: z.string().min(1).max(128),
  title: z.string().trim().min(1, 'Give the instructions a title.').max(200),
  text: z.string().trim().min(1, 'Write the instructions.').max(10_000),
});

export const educationTopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Markdown; pages render it without raw HTML. */
  body: z.string(),
  /** Condition codes it explains, as `system|code`. */
  codes: z.array(z.string()),
  updatedAt: z.string(),
});
export type EducationTopic = z.infer<typeof educationTopicSchema>;
export const educationTopicListSchema = z.object({ topics: z.array(educationTopicSchema) });
export const educationTopicInputSchema = z.object({
  title: z.string().trim().min(1, 'Give the topic a title.').max(200),
  body: z.string().trim().min(1, 'Write the topic.').max(50_000),
  codes: z.array(z.string().regex(/^[^|\s]+\|[^|\s]+$/, 'Codes look like http://snomed.info/sct|44054006.')).max(50),
});

export const homeSummarySchema = z.object({
  patientId: z.string(),
  displayName: z.string(),
  /** Conversations with a reply the caller has not opened. */
  unreadMessages: z.number().int(),
  /** Questions waiting for a reply and refill requests waiting for a decision. */
  requestsInProgress: z.object({ messages: z.number().int(), refills: z.number().int() }),
  currentMedications: z.number().int(),
  activeHealthIssues: z.number().int(),
  /** Cards later features add (upcoming visit, new results, amount due) appear here as optional fields. */
  cards: z
    .object({
      /** Released test results this account has not opened that were news when released. */
      results: z.object({ newResults: z.number().int() }).optional(),
    })
    .catchall(z.unknown()),
});
export type HomeSummary = z.infer<typeof homeSummarySchema>;
