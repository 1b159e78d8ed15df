import { z } from 'zod';
import { idempotencyKeySchema } from './idempotency.ts';
import { isoDateSchema, passwordSchema, usernameSchema } from './identity.ts';

/**
 * Proxy access and the record in view. Routes (patient realm; state-changing requests send X-CSRF-Token):
 *
 *   GET  /api/account/records                         → RecordsResponse   (my record + records I may act for)
 *   POST /api/account/proxy-requests   MinorAccessRequest → 202            (parent asks for a child's record)
 *   GET  /api/account/proxy-requests                  → ProxyRequestItem[] (mine, with status/outcome)
 *   GET  /api/account/invitations                     → InvitationItem[]  (adults inviting me)
 *   POST /api/account/invitations/:id/accept | /decline → 204
 *
 *   GET  /api/patients/:patientId/summary             → RecordSummary     (any access; for the banner)
 *   GET  /api/patients/:patientId/access-log?from&to&actorId&cursor&format=csv → AccessLogResponse | text/csv
 *                                                       (the patient, or a full-access proxy; else 403)
 *   GET  /api/patients/:patientId/proxies             → SharingResponse   (the patient only)
 *   POST /api/patients/:patientId/proxies/invitations ShareInvitationRequest → 201 (the patient only)
 *   POST /api/patients/:patientId/proxies/:grantId/revoke { password } → 204 (the patient only)
 *   POST /api/patients/:patientId/proxies/invitations/:id/cancel → 204
 *
 * Staff (realm staff): POST /api/staff/work-items/:id/proxy/approve { patientId } | /deny { reason };
 *   POST /api/staff/patients/:patientId/proxies { username, relationship } (grant directly, for phone/email requests).
 */

export const relationSchema = z.enum(['self', 'proxy_full', 'proxy_view_only', 'staff']);

export const recordItemSchema = z.object({
  patientId: z.string(),
  displayName: z.string(),
  relation: relationSchema,
  /** e.g. "your daughter", as the grant names it; null for self. */
  relationship: z.string().nullable(),
  level: z.enum(['full', 'view_only']).nullable(),
  /** Minors: the last day of access (the day before the 18th birthday). */
  accessEndsOn: z.string().nullable(),
});
export type RecordItem = z.infer<typeof recordItemSchema>;
export const recordsResponseSchema = z.object({ records: z.array(recordItemSchema) });

export const minorAccessRequestSchema = z.object({
  childFirstName: z.string().trim().min(1, "Enter the child's first name.").max(100),
  childLastName: z.string().trim().min(1, "Enter the child's last name.").max(100),
  childDateOfBirth: isoDateSchema,
  relationship: z.enum(['parent', 'legal_guardian']),
  attestation: z.literal(true, { error: 'Confirm that you are the parent or legal guardian.' }),
  idempotencyKey: idempotencyKeySchema,
});
export type MinorAccessRequest = z.infer<typeof minorAccessRequestSchema>;

/** What a parent's request carries in its staff work item (the request plus who asked). */
export const proxyRequestDetailsSchema = z.object({
  requesterAccountId: z.string(),
  requesterName: z.string(),
  childFirstName: z.string(),
  childLastName: z.string(),
  childDateOfBirth: z.string(),
  relationship: z.enum(['parent', 'legal_guardian']),
  attestation: z.boolean(),
});

export const proxyRequestItemSchema = z.object({
  id: z.string(),
  childName: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'approved', 'denied']),
  /** The reason when denied, as staff wrote it for the requester. */
  note: z.string().nullable(),
});

export const invitationItemSchema = z.object({
  id: z.string(),
  fromName: z.string(),
  level: z.enum(['full', 'view_only']),
  relationship: z.string(),
  createdAt: z.string(),
});

export const recordSummarySchema = z.object({
  patientId: z.string(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
  relation: relationSchema,
  canWrite: z.boolean(),
  canSeeAccessLog: z.boolean(),
  accessEndsOn: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

/** Who did it: the words are the web's (`accessLogWords.who`); see src/shared/access-log-words.ts. */
export const accessLogActorSchema = z.object({
  kind: z.enum(['you', 'patient', 'proxy', 'staff', 'system', 'unknown']),
  name: z.string().nullable(),
  /** A staff member's role (`clinician`…), or a proxy's level (`full`, `view_only`). */
  role: z.string().nullable(),
});

/**
 * One line of the access log: an event, or repeated reads of the same thing by the same person in one visit
 * (`count` of them, from `firstAt` to `at`). The sentence comes from `action` and `actor` (accessLogWords in the web
 * locale); `action` is the audit action, never shown.
 */
export const accessLogEntrySchema = z.object({
  /** The newest event's id. */
  id: z.string(),
  /** When (the newest of a group). */
  at: z.string(),
  /** The oldest of a group (= `at` for one event). */
  firstAt: z.string(),
  count: z.number().int().min(1),
  actorId: z.string().nullable(),
  actor: accessLogActorSchema,
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
});
export const accessLogResponseSchema = z.object({
  entries: z.array(accessLogEntrySchema),
  /** The people in these entries, for the person filter. */
  people: z.array(z.object({ actorId: z.string(), actor: accessLogActorSchema })),
  /** Pass as `cursor` for the next (older) page; null at the beginning of the log. */
  nextCursor: z.string().nullable(),
});

export type AccessLogResponse = z.infer<typeof accessLogResponseSchema>;

/** Where a page of the log ends: the last event's time and id (keyset paging, newest first). */
export const accessLogCursorSchema = z
  .string()
  .max(120)
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[\w-]{1,64}$/, 'Not a place in the access log.');

export const accessLogQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  actorId: z.string().max(64).optional(),
  cursor: accessLogCursorSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/**
 * Staff give a parent access to a minor's record directly (at the desk, with the parent's identity checked): the
 * parent's own account, the relationship, and the reason, which is kept with the grant and shown to HIM.
 */
export const directGrantRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter the parent’s username.').max(64),
  relationship: z.string().trim().min(1, 'Say how they are related to the child.').max(60),
  reason: z
    .string()
    .trim()
    .min(10, 'Say why access is given here rather than by a request (at least 10 characters).')
    .max(1000),
});
export type DirectGrantRequest = z.infer<typeof directGrantRequestSchema>;

export const shareInvitationRequestSchema = z.object({
  password: passwordSchema,
  username: usernameSchema,
  level: z.enum(['full', 'view_only']),
  relationship: z.string().trim().min(1, 'Say how this person is related to you, e.g. "son".').max(60),
  idempotencyKey: idempotencyKeySchema,
});

export const sharingResponseSchema = z.object({
  grants: z.array(
    z.object({
      id: z.string(),
      granteeName: z.string(),
      level: z.enum(['full', 'view_only']),
      relationship: z.string(),
      kind: z.enum(['minor', 'adult']),
      grantedAt: z.string(),
      status: z.enum(['active', 'revoked']),
      revokedAt: z.string().nullable(),
    }),
  ),
  invitations: z.array(
    z.object({
      id: z.string(),
      inviteeName: z.string(),
      level: z.enum(['full', 'view_only']),
      relationship: z.string(),
      createdAt: z.string(),
    }),
  ),
});
