import { z } from 'zod';

/**
 * Health → Test Results: laboratory reports (a DiagnosticReport with its Observations) and stand-alone laboratory
 * Observations, released to the patient by the organisation's release rules (21st Century Cures Act: at once by
 * default; some categories wait for the provider or for a number of days). Held results do not exist for the
 * patient and proxies; confidential ones follow the adolescent-confidentiality rule. Values and units are the
 * record's, unchanged; reference ranges come from the result, else from the organisation's table.
 *
 * Patient routes (realm patient; every read audited before it leaves):
 *   GET  /api/patients/:patientId/results?name=&from=&to=&cursor=   → ResultList (newest first, 20 a page)
 *   GET  /api/patients/:patientId/results/:resultId                 → ResultDetail
 *   GET  /api/patients/:patientId/results/trends/:code              → ResultTrend (one test's values over time)
 *   PUT  /api/account/result-preferences  { showHospitalResults }   → ResultPreferences (per account)
 *
 * Staff routes (realm staff; clinicians and nurses of the result's organisation):
 *   GET  /api/staff/results?view=new|held|all&abnormalFirst=true&cursor=   → StaffResultList
 *   GET  /api/staff/patients/:patientId/results/:resultId                  → StaffResultDetail
 *   PUT  /api/staff/patients/:patientId/results/:resultId/note  { note }   → StaffResultDetail
 *   POST /api/staff/patients/:patientId/results/:resultId/release { note? } → StaffResultDetail
 */

/** How a value compares with its reference range; null when there is no range to compare with. */
export const resultFlags = ['normal', 'high', 'low', 'critical_high', 'critical_low', 'abnormal'] as const;
export type ResultFlag = (typeof resultFlags)[number];

export const referenceRangeSchema = z.object({
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** The range as the laboratory wrote it ("Negative"), when it is not numeric. */
  text: z.string().nullable(),
  /** Where the range came from: the result itself, or the organisation's reference-range table. */
  source: z.enum(['result', 'organisation']),
});
export type ReferenceRange = z.infer<typeof referenceRangeSchema>;

/** One measured value of a result (an Observation). */
export const resultComponentSchema = z.object({
  /** The Observation's id. */
  id: z.string(),
  name: z.string(),
  /** LOINC code, when the record has one (the trend graph is keyed by it). */
  code: z.string().nullable(),
  /** The number exactly as the record has it; null for a result in words. */
  value: z.number().nullable(),
  /** A result in words ("Negative"), or the coded value's text. */
  valueText: z.string().nullable(),
  unit: z.string().nullable(),
  range: referenceRangeSchema.nullable(),
  flag: z.enum(resultFlags).nullable(),
  /** How many values of this test the caller may see (a trend graph when more than one). */
  valueCount: z.number().int(),
});
export type ResultComponent = z.infer<typeof resultComponentSchema>;

export const resultNoteSchema = z.object({
  text: z.string(),
  /** Who wrote it ("Dr. Dana Reyes"). */
  by: z.string(),
  at: z.string(),
});
export type ResultNote = z.infer<typeof resultNoteSchema>;

export const resultSummarySchema = z.object({
  /** The report's or stand-alone observation's id (ids in URLs are the record's random ids). */
  id: z.string(),
  name: z.string(),
  /** When the sample was collected (UTC ISO, or a date). */
  collectedAt: z.string().nullable(),
  /** When the laboratory reported it. */
  resultedAt: z.string().nullable(),
  orderedBy: z.string().nullable(),
  /** From an inpatient stay or emergency visit: hidden unless "Show hospital results" is on. */
  hospital: z.boolean(),
  /** Worst flag among its values: null when nothing could be compared with a range. */
  flag: z.enum(resultFlags).nullable(),
  /** How many of its values are out of range. */
  outOfRange: z.number().int(),
  componentCount: z.number().int(),
  hasNote: z.boolean(),
  /** Not opened yet by this account. */
  isNew: z.boolean(),
});
export type ResultSummary = z.infer<typeof resultSummarySchema>;

export const resultListSchema = z.object({
  items: z.array(resultSummarySchema),
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
  showHospitalResults: z.boolean(),
  /** Hospital results left out because the box is off (so the page can say so). */
  hiddenHospitalResults: z.number().int(),
});
export type ResultList = z.infer<typeof resultListSchema>;

export const resultDetailSchema = resultSummarySchema.extend({
  components: z.array(resultComponentSchema),
  /** The laboratory or organisation that performed it. */
  performer: z.string().nullable(),
  /** The report's conclusion in words (a pathology diagnosis, a genetic finding), when it has one. */
  conclusion: z.string().nullable(),
  note: resultNoteSchema.nullable(),
  /** When it was released to the patient. */
  releasedAt: z.string().nullable(),
});
export type ResultDetail = z.infer<typeof resultDetailSchema>;

export const resultTrendPointSchema = z.object({
  /** The result (report or observation) this value belongs to, for a link. */
  resultId: z.string(),
  at: z.string(),
  value: z.number(),
  flag: z.enum(resultFlags).nullable(),
});
export const resultTrendSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  /** The range that applies today (the table's, or the latest result's own). */
  range: referenceRangeSchema.nullable(),
  /** Oldest first. */
  points: z.array(resultTrendPointSchema),
});
export type ResultTrend = z.infer<typeof resultTrendSchema>;

export const resultListQuerySchema = z.object({
  name: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(200).optional(),
});
export type ResultListQuery = z.infer<typeof resultListQuerySchema>;

export const resultPreferencesSchema = z.object({ showHospitalResults: z.boolean() });
export type ResultPreferences = z.infer<typeof resultPreferencesSchema>;

/** Release state, as staff see it. */
export const releaseStates = ['released', 'held', 'scheduled'] as const;
export type ReleaseState = (typeof releaseStates)[number];

export const staffResultSummarySchema = resultSummarySchema.omit({ isNew: true }).extend({
  patientId: z.string(),
  patientName: z.string(),
  release: z.enum(releaseStates),
  /** Why it is held (the rule's label, "Pathology"). */
  holdReason: z.string().nullable(),
  /** When a scheduled release happens by itself (UTC ISO). */
  releaseDue: z.string().nullable(),
  /** When the patient (or a proxy) first opened it; null if not yet. */
  viewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type StaffResultSummary = z.infer<typeof staffResultSummarySchema>;

export const staffResultListSchema = z.object({
  items: z.array(staffResultSummarySchema),
  nextCursor: z.string().nullable(),
  counts: z.object({ new: z.number().int(), held: z.number().int() }),
});
export type StaffResultList = z.infer<typeof staffResultListSchema>;

export const staffResultDetailSchema = resultDetailSchema.omit({ isNew: true }).extend({
  patientId: z.string(),
  patientName: z.string(),
  release: z.enum(releaseStates),
  holdReason: z.string().nullable(),
  releaseDue: z.string().nullable(),
  viewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type StaffResultDetail = z.infer<typeof staffResultDetailSchema>;

export const staffResultViews = ['new', 'held', 'all'] as const;
export const staffResultListQuerySchema = z.object({
  view: z.enum(staffResultViews).default('new'),
  abnormalFirst: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
});

export const resultNoteInputSchema = z.object({ note: z.string().trim().min(1).max(4000) });
export const resultReleaseInputSchema = z.object({ note: z.string().trim().max(4000).optional() });
