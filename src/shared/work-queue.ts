import { z } from 'zod';

/**
 * The staff work-queue API contract, shared by server and web. Every staff route sends the staff session
 * cookie; state-changing ones send `X-CSRF-Token`.
 *
 *   GET  /api/staff/work-items?pool=&status=        → WorkItemList   (the caller's pools, soonest due first)
 *   GET  /api/staff/work-items/pools                → { pools, names, counts } (the pools the caller works, for
 *                                                       tabs; names: care-team pools' organisation names;
 *                                                       counts: active items per pool)
 *   GET  /api/staff/work-items/:id                  → WorkItem
 *   POST /api/staff/work-items/:id/claim            → WorkItem
 *   POST /api/staff/work-items/:id/release          → WorkItem
 *   POST /api/staff/work-items/:id/assign   { assigneeId } → WorkItem
 *   POST /api/staff/work-items/:id/close    { outcome, note? } → WorkItem
 *   GET  /api/staff/work-items/:id/assignees        → { assignees } (colleagues who work the item's pool)
 */

export const workItemStatusSchema = z.enum(['open', 'in_progress', 'closed']);
export type WorkItemStatus = z.infer<typeof workItemStatusSchema>;

/** The list filter: `active` (the default) is everything not closed. */
export const workItemStatusFilterSchema = z.enum(['active', 'open', 'in_progress', 'closed']);
export type WorkItemStatusFilter = z.infer<typeof workItemStatusFilterSchema>;

/** A pool name: `front_desk`, `him`, `billing`, `customer_service` or `care_team:<id>`. */
export const poolSchema = z
  .string()
  .regex(/^(front_desk|him|billing|customer_service|care_team:[A-Za-z0-9_-]{1,64})$/, 'Unknown work pool.');

/**
 * The kinds of work and the outcomes a person may close each with by hand. Other outcomes are set only by the
 * action that does the work: an activation-code request ends `code_issued` (the issue action) or `not_verified`
 * (the decline action, which also tells the requester to call), never by a bare close.
 */
export const workItemTypes = {
  activation_code_request: { manualOutcomes: ['duplicate'] },
  proxy_request: { manualOutcomes: ['duplicate'] },
  /** A patient's question or request: answered by a reply (and "done"), or decided (chart correction, record request). */
  patient_message: { manualOutcomes: ['answered', 'no_reply_needed', 'duplicate'] },
  /** A refill request for a current prescription: approved, or denied with a reason (the refill action only). */
  refill_request: { manualOutcomes: ['duplicate'] },
  /** Access to a minor's record that staff gave directly: health-information management reviews it and its reason. */
  direct_grant_review: { manualOutcomes: ['reviewed', 'access_ended'] },
  /** "Request an appointment": the front desk books one (and the patient is told) or closes it after a call. */
  appointment_request: { manualOutcomes: ['booked', 'arranged_by_phone', 'duplicate'] },
} as const satisfies Record<string, { manualOutcomes: readonly string[] }>;
export type WorkItemType = keyof typeof workItemTypes;

export const workItemListQuerySchema = z.object({
  pool: poolSchema.optional(),
  status: workItemStatusFilterSchema.default('active'),
});
export type WorkItemListQuery = z.infer<typeof workItemListQuerySchema>;

const personRefSchema = z.object({ id: z.string(), displayName: z.string() });

/** What the caller may do next with an item, so the page shows only the buttons that will work. */
export const workItemActionsSchema = z.object({
  canClaim: z.boolean(),
  canRelease: z.boolean(),
  canAssign: z.boolean(),
  canClose: z.boolean(),
  /** Activation-code requests: match a patient and issue a code from the item. */
  canIssueCode: z.boolean(),
  /** The patient's chart may be shown beside the item (a care-team role, an item about a known patient). */
  canSeeChart: z.boolean(),
});
export type WorkItemActions = z.infer<typeof workItemActionsSchema>;

export const workItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  pool: z.string(),
  /** The patient the work concerns, once known (an activation-code request has none until staff match one). */
  patient: personRefSchema.nullable(),
  status: workItemStatusSchema,
  assignee: personRefSchema.nullable(),
  dueAt: z.string(),
  /** Not closed and past its due time. */
  overdue: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Who closed it (null while open, or when the system closed it). */
  closedBy: personRefSchema.nullable(),
  outcome: z.string().nullable(),
  /** Shown to the patient (or requester) with the outcome. */
  outcomeNote: z.string().nullable(),
  /** Staff-facing details of the request; their shape depends on `type`. */
  details: z.record(z.string(), z.unknown()),
  actions: workItemActionsSchema,
});
export type WorkItem = z.infer<typeof workItemSchema>;

export const workItemListSchema = z.object({ items: z.array(workItemSchema) });
export type WorkItemList = z.infer<typeof workItemListSchema>;

export const workPoolsSchema = z.object({
  pools: z.array(z.string()),
  names: z.record(z.string(), z.string()).default({}),
  /** Active (open or in progress) items per pool, for the tabs; a pool without any is 0. */
  counts: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

export const assignWorkItemRequestSchema = z.object({ assigneeId: z.string().min(1, 'Choose a colleague.').max(64) });

export const closeWorkItemRequestSchema = z.object({
  outcome: z.string().trim().min(1, 'Choose an outcome.').max(40),
  note: z.string().trim().max(1000, 'Keep the note under 1000 characters.').optional(),
});
export type CloseWorkItemRequest = z.infer<typeof closeWorkItemRequestSchema>;

export const assigneesSchema = z.object({ assignees: z.array(personRefSchema.extend({ role: z.string() })) });
