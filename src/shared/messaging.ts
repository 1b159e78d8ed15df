import { z } from 'zod';
import { idempotencyKeySchema } from './idempotency.ts';

/**
 * Secure messaging: Ask a Question (medical questions to the care team; customer-service questions), the inbox,
 * and the staff in-basket. A thread always belongs to the record it was sent from (a proxy writing from a child's
 * record writes in the child's chart).
 *
 * Patient routes (realm patient; the access guard checks the record; writes need full access):
 *   GET  /api/patients/:patientId/messages/options                 → MessageOptions (care team, topics, reply time)
 *   GET  /api/patients/:patientId/messages?box=inbox|sent&q=       → ThreadList (newest activity first)
 *   GET  /api/patients/:patientId/messages/:threadId               → Thread
 *   POST /api/patients/:patientId/messages        NewThreadRequest → 201 Thread (idempotent on idempotencyKey)
 *   POST /api/patients/:patientId/messages/:threadId/replies  ReplyRequest → 201 Thread (idempotent)
 *   POST /api/patients/:patientId/messages/:threadId/read          → 204
 *   POST /api/patients/:patientId/attachments   raw bytes, Content-Type: application/octet-stream,
 *        X-File-Name: <encodeURIComponent(name)>                   → 201 Attachment (type checked by content)
 *   GET  /api/patients/:patientId/attachments/:attachmentId        → the file (download)
 *
 * Staff routes (realm staff; the item's pool decides who may):
 *   GET  /api/staff/work-items/:id/thread                          → Thread (the message item's conversation)
 *   POST /api/staff/work-items/:id/thread/replies  StaffReplyRequest → 201 Thread (done: true also closes the item)
 *   POST /api/staff/work-items/:id/chart-correction  ChartCorrectionDecision → 200 Thread (closes the item)
 *   POST /api/staff/work-items/:id/record-request  RecordRequestFulfilment → 200 Thread (closes the item)
 *   GET  /api/staff/work-items/:id/attachments/:attachmentId      → the file (an attachment of that item's conversation)
 */

export const customerServiceTopics = [
  'medical_record_request',
  'chart_correction',
  'billing_question',
  'other',
] as const;
export const customerServiceTopicSchema = z.enum(customerServiceTopics, { error: 'Choose a topic.' });
export type CustomerServiceTopic = z.infer<typeof customerServiceTopicSchema>;

export const threadKindSchema = z.enum(['medical', 'customer_service']);
export type ThreadKind = z.infer<typeof threadKindSchema>;

/** Attachments: images and PDFs, up to this size, checked by their content. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 3;
export const attachmentTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;

export const MESSAGE_MAX_LENGTH = 10_000;

const bodySchema = z
  .string()
  .trim()
  .min(1, 'Write your message.')
  .max(MESSAGE_MAX_LENGTH, `Keep the message under ${MESSAGE_MAX_LENGTH} characters.`);
const subjectSchema = z
  .string()
  .trim()
  .min(1, 'Give your message a subject.')
  .max(120, 'Keep the subject under 120 characters.');
/** A random key the page makes once per message, so a retried or double-clicked send makes one message. */

/** An item of the record a question is about ("Ask about this"): results and visits offer it. */
export const aboutSchema = z.object({
  type: z.enum([
    'Encounter',
    'Observation',
    'DiagnosticReport',
    'MedicationRequest',
    'Immunization',
    'Condition',
    'AllergyIntolerance',
    'Procedure',
  ]),
  id: z.string().min(1).max(128),
});
export type AboutItem = z.infer<typeof aboutSchema>;

export const recordRequestDetailsSchema = z.object({
  records: z.string().trim().min(1, 'Say which records you need.').max(1000),
  fromDate: z.iso.date({ error: 'Enter a date like 2024-01-31.' }).optional(),
  toDate: z.iso.date({ error: 'Enter a date like 2024-12-31.' }).optional(),
});
export const chartCorrectionDetailsSchema = z.object({
  whatIsWrong: z.string().trim().min(1, 'Say what is wrong in your record.').max(2000),
  shouldSay: z.string().trim().min(1, 'Say what it should say instead.').max(2000),
});

export const newThreadRequestSchema = z
  .object({
    kind: threadKindSchema,
    /** Medical questions: a care-team option's id from MessageOptions. */
    recipientId: z.string().max(200).optional(),
    /** Customer-service questions. */
    topic: customerServiceTopicSchema.optional(),
    subject: subjectSchema,
    body: bodySchema,
    recordRequest: recordRequestDetailsSchema.optional(),
    chartCorrection: chartCorrectionDetailsSchema.optional(),
    about: aboutSchema.optional(),
    attachmentIds: z
      .array(z.string().max(64))
      .max(ATTACHMENT_MAX_COUNT, `Attach at most ${ATTACHMENT_MAX_COUNT} files.`)
      .default([]),
    idempotencyKey: idempotencyKeySchema,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'medical' && !v.recipientId)
      ctx.addIssue({ code: 'custom', path: ['recipientId'], message: 'Choose who the question is for.' });
    if (v.kind === 'customer_service' && !v.topic)
      ctx.addIssue({ code: 'custom', path: ['topic'], message: 'Choose a topic.' });
    if (v.kind === 'customer_service' && v.topic === 'medical_record_request' && !v.recordRequest)
      ctx.addIssue({ code: 'custom', path: ['recordRequest', 'records'], message: 'Say which records you need.' });
    if (v.kind === 'customer_service' && v.topic === 'chart_correction' && !v.chartCorrection)
      ctx.addIssue({
        code: 'custom',
        path: ['chartCorrection', 'whatIsWrong'],
        message: 'Say what is wrong in your record.',
      });
    if (v.recordRequest?.fromDate && v.recordRequest.toDate && v.recordRequest.fromDate > v.recordRequest.toDate)
      ctx.addIssue({
        code: 'custom',
        path: ['recordRequest', 'toDate'],
        message: 'The end date is before the start date.',
      });
  });
export type NewThreadRequest = z.input<typeof newThreadRequestSchema>;

/** A conversation a clinician or nurse starts with a patient (POST /api/staff/patients/:patientId/messages). */
export const staffConversationRequestSchema = z.object({
  subject: subjectSchema,
  body: bodySchema,
  about: aboutSchema.optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type StaffConversationRequest = z.infer<typeof staffConversationRequestSchema>;
export const staffConversationStartedSchema = z.object({ threadId: z.string() });

export const replyRequestSchema = z.object({
  body: bodySchema,
  attachmentIds: z.array(z.string().max(64)).max(ATTACHMENT_MAX_COUNT).default([]),
  idempotencyKey: idempotencyKeySchema,
});
export type ReplyRequest = z.input<typeof replyRequestSchema>;

export const careTeamOptionSchema = z.object({
  /** `practitioner:<id>` — the person; the message goes to their care team's pool. */
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  /** When the patient last saw them (date). */
  lastSeen: z.string().nullable(),
});
export type CareTeamOption = z.infer<typeof careTeamOptionSchema>;

export const messageOptionsSchema = z.object({
  careTeam: z.array(careTeamOptionSchema),
  /** Replies usually come within this many business days. */
  replyBusinessDays: z.object({ min: z.number().int(), max: z.number().int() }),
  canSend: z.boolean(),
});
export type MessageOptions = z.infer<typeof messageOptionsSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.enum(attachmentTypes),
  size: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id: z.string(),
  author: z.object({
    kind: z.enum(['patient', 'proxy', 'staff']),
    name: z.string(),
    /** Staff: their role as patients read it ("Clinician", "Health information"); proxies: "Proxy". */
    role: z.string().nullable(),
    /** The message was written by the caller. */
    isMe: z.boolean(),
  }),
  body: z.string(),
  sentAt: z.string(),
  attachments: z.array(attachmentSchema),
});
export type Message = z.infer<typeof messageSchema>;

export const threadStatusSchema = z.enum(['open', 'closed']);

export const threadSummarySchema = z.object({
  id: z.string(),
  kind: threadKindSchema,
  topic: customerServiceTopicSchema.nullable(),
  subject: z.string(),
  /** Who it is with: the practitioner or "Customer service", "Health information management", "Billing". */
  counterpart: z.string(),
  lastMessageAt: z.string(),
  /** A reply the caller has not opened yet. */
  unread: z.boolean(),
  messageCount: z.number().int(),
  status: threadStatusSchema,
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadListSchema = z.object({ threads: z.array(threadSummarySchema) });
export type ThreadList = z.infer<typeof threadListSchema>;

export const threadListQuerySchema = z.object({
  box: z.enum(['inbox', 'sent']).default('inbox'),
  q: z.string().trim().max(100).optional(),
});

export const threadSchema = threadSummarySchema.extend({
  patientId: z.string(),
  about: aboutSchema.extend({ label: z.string().nullable() }).nullable(),
  recordRequest: recordRequestDetailsSchema.nullable(),
  chartCorrection: chartCorrectionDetailsSchema.nullable(),
  /** Chart corrections and record requests: what was decided, as the patient reads it. */
  outcome: z
    .object({
      decision: z.enum(['accepted', 'denied', 'fulfilled']),
      note: z.string().nullable(),
      /** Record requests: how the records were sent. */
      method: z.string().nullable(),
      decidedAt: z.string(),
    })
    .nullable(),
  messages: z.array(messageSchema),
  canReply: z.boolean(),
});
export type Thread = z.infer<typeof threadSchema>;

export const staffReplyRequestSchema = z.object({
  body: bodySchema,
  /** One per reply form: a repeat (a retry after a lost answer) returns the first reply instead of sending twice. */
  idempotencyKey: idempotencyKeySchema,
  /** Also mark the item done (answered). */
  done: z.boolean().default(false),
});

export const chartCorrectionDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accepted'),
    amendment: z.string().trim().min(1, 'Write the amendment as it will be noted on the record.').max(2000),
  }),
  z.object({
    decision: z.literal('denied'),
    reason: z.string().trim().min(1, 'Give the reason the patient will read.').max(2000),
  }),
]);
export type ChartCorrectionDecision = z.infer<typeof chartCorrectionDecisionSchema>;

export const recordDeliveryMethods = ['portal', 'mail', 'email', 'pickup', 'fax'] as const;
export const recordRequestFulfilmentSchema = z.object({
  method: z.enum(recordDeliveryMethods, { error: 'Choose how the records were sent.' }),
  note: z.string().trim().max(1000).optional(),
});
export type RecordRequestFulfilment = z.infer<typeof recordRequestFulfilmentSchema>;
