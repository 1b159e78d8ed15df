import { randomUUID } from 'node:crypto';
import { newMonotonicUlid } from '../../platform/ids.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addBusinessDays } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type {
  Attachment,
  CustomerServiceTopic,
  MessageOptions,
  NewThreadRequest,
  ReplyRequest,
  Thread,
  ThreadList,
  ThreadSummary,
} from '../../../shared/messaging.ts';
import { newThreadRequestSchema, replyRequestSchema } from '../../../shared/messaging.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';
import type { AttachmentStore } from './attachment-store.ts';
import {
  MessagingRepository,
  type AttachmentRow,
  type Handle,
  type MessageRow,
  type ThreadRow,
} from './messaging.repository.ts';

export const PATIENT_MESSAGE_TYPE = 'patient_message' as const;

/** Where each customer-service topic goes, and who the patient sees it is with. */
const TOPIC_ROUTES: Record<CustomerServiceTopic, { pool: string; counterpart: string }> = {
  medical_record_request: { pool: 'him', counterpart: 'Health information management' },
  chart_correction: { pool: 'him', counterpart: 'Health information management' },
  billing_question: { pool: 'billing', counterpart: 'Billing' },
  other: { pool: 'customer_service', counterpart: 'Customer service' },
};

/** Staff roles as a patient reads them beside a reply. */
export const STAFF_ROLE_LABELS: Record<string, string> = {
  clinician: 'Clinician',
  nurse: 'Nurse',
  him: 'Health information management',
  billing: 'Billing',
  front_desk: 'Front desk',
  admin: 'Administrator',
};

const THREAD_LIMIT = 200;
/** Message ids sort in the order they were written, even within one millisecond. */
export const newMessageId = newMonotonicUlid();
type Author = { kind: 'patient' | 'proxy' | 'staff'; accountId: string; name: string; role: string | null };

/**
 * Secure messaging, the patient's side: Ask a Question (to a clinician they have seen, or customer service with a
 * topic), the conversations of the record in view, replies, attachments. A thread belongs to the record it was
 * written from — a proxy writing from a child's record writes in the child's chart — and each new question or
 * reply after a closed one becomes an item in the staff in-basket, due after the configured business days.
 * A message is written, with its work item and audit event, in one transaction before the answer; a retried send
 * with the same idempotency key returns the first one.
 */
export class MessagingService {
  readonly repo = new MessagingRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly queue: WorkQueueService,
    private readonly notifications: NotificationService,
    readonly attachments: AttachmentStore,
  ) {}

  async options(access: PatientScope): Promise<MessageOptions> {
    const team = await this.fhir.record(access).careTeam(20);
    return {
      careTeam: team.map((m) => ({
        id: `practitioner:${m.practitionerId}`,
        name: m.name,
        organisation: m.organisation,
        lastSeen: m.lastSeen,
      })),
      replyBusinessDays: this.ctx.config.tenant.rules.messageReplyBusinessDays,
      canSend: access.can('message.send'),
    };
  }

  async list(
    access: PatientScope,
    session: Session,
    box: 'inbox' | 'sent',
    q: string | undefined,
  ): Promise<ThreadList> {
    const db = this.ctx.db.kysely;
    const rows = await this.visibleThreads(access, await this.repo.threadsOf(db, access, q, THREAD_LIMIT));
    const stats = await this.repo.statsOf(
      db,
      rows.map((r) => r.id),
    );
    const reads = await this.repo.readMarks(
      db,
      session.accountId,
      rows.map((r) => r.id),
    );
    const threads = rows
      .map((r) => summary(r, stats.get(r.id) ?? { count: 0, lastStaffAt: null }, reads.get(r.id)))
      .filter((t) =>
        box === 'inbox'
          ? (stats.get(t.id)?.lastStaffAt ?? null) !== null
          : (stats.get(t.id)?.lastStaffAt ?? null) === null,
      );
    return { threads };
  }

  /** For Home: conversations with a reply this account has not opened, and questions still waiting for a reply. */
  async counts(access: PatientScope, accountId: string): Promise<{ unread: number; waiting: number }> {
    const db = this.ctx.db.kysely;
    const rows = await this.visibleThreads(access, await this.repo.threadsOf(db, access, undefined, THREAD_LIMIT));
    if (!rows.length) return { unread: 0, waiting: 0 };
    const stats = await this.repo.statsOf(
      db,
      rows.map((r) => r.id),
    );
    const reads = await this.repo.readMarks(
      db,
      accountId,
      rows.map((r) => r.id),
    );
    return {
      unread: rows.filter((r) => summary(r, stats.get(r.id) ?? { count: 0, lastStaffAt: null }, reads.get(r.id)).unread)
        .length,
      waiting: rows.filter((r) => r.status === 'open' && r.last_author_kind !== 'staff').length,
    };
  }

  /** The record's latest medical-record request about an item (a visit's note), with where it stands. */
  async recordRequestAbout(
    access: PatientScope,
    about: { type: string; id: string },
  ): Promise<{ threadId: string; status: string; createdAt: string } | null> {
    const row = await this.repo.latestAbout(this.ctx.db.kysely, access.patientId, 'medical_record_request', about);
    return row ? { threadId: row.id, status: row.status, createdAt: row.created_at } : null;
  }

  async get(access: PatientScope, session: Session, threadId: string): Promise<Thread> {
    const thread = await this.threadOf(this.ctx.db.kysely, access, threadId);
    return this.present(this.ctx.db.kysely, thread, session.accountId, access.can('message.send'), access);
  }

  async markRead(access: PatientScope, session: Session, threadId: string): Promise<void> {
    const thread = await this.threadOf(this.ctx.db.kysely, access, threadId);
    await this.repo.markRead(this.ctx.db.kysely, thread.id, session.accountId, toDbTime(this.ctx.clock.now()));
  }

  async create(
    access: PatientScope,
    session: Session,
    input: NewThreadRequest,
    origin: RequestOrigin,
  ): Promise<{ thread: Thread; created: boolean }> {
    const req = newThreadRequestSchema.parse(input);
    const { ctx } = this;
    const author = authorOf(access, session);
    const earlier = await this.replayed(access, session, req.idempotencyKey);
    if (earlier) return { thread: earlier, created: false };

    let route: { pool: string; counterpart: string; practitionerId: string | null };
    if (req.kind === 'medical') {
      const team = await this.fhir.record(access).careTeam(20);
      const member = team.find((m) => `practitioner:${m.practitionerId}` === req.recipientId);
      if (!member) throw badInput('recipientId', 'Choose someone from your care team.');
      route = {
        pool: `care_team:${member.organisationId ?? 'general'}`,
        counterpart: member.name,
        practitionerId: member.practitionerId,
      };
    } else {
      route = { ...TOPIC_ROUTES[req.topic!], practitionerId: null };
    }
    if (req.about && !(await this.fhir.record(access).ref(req.about.type, req.about.id)))
      throw badInput('about', 'That item is not in this record.');
    const details =
      req.kind === 'customer_service' && req.topic === 'medical_record_request'
        ? { recordRequest: req.recordRequest }
        : req.kind === 'customer_service' && req.topic === 'chart_correction'
          ? { chartCorrection: req.chartCorrection }
          : null;

    const now = ctx.clock.now();
    const threadId = randomUUID();
    const messageId = newMessageId();
    try {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await this.repo.insertThread(trx, {
          id: threadId,
          patient_id: access.patientId,
          kind: req.kind,
          topic: req.kind === 'customer_service' ? req.topic! : null,
          subject: req.subject,
          counterpart: route.counterpart,
          practitioner_id: route.practitionerId,
          pool: route.pool,
          details: details ? JSON.stringify(details) : null,
          about_type: req.about?.type ?? null,
          about_id: req.about?.id ?? null,
          status: 'open',
          work_item_id: null,
          outcome: null,
          created_by: session.accountId,
          created_at: toDbTime(now),
          last_message_at: toDbTime(now),
          last_author_kind: author.kind,
        });
        await this.writeMessage(
          trx,
          threadId,
          messageId,
          author,
          req.body,
          req.idempotencyKey,
          req.attachmentIds,
          access.patientId,
        );
        await this.handToStaff(
          trx,
          threadId,
          access.patientId,
          route.pool,
          { threadId, kind: req.kind, topic: req.topic ?? null, subject: req.subject, counterpart: route.counterpart },
          author,
          origin,
        );
        await access.audit(
          {
            action: 'message.thread.created',
            subject: { type: 'message_thread', id: threadId },
            detail: { kind: req.kind, topic: req.topic ?? null, attachments: req.attachmentIds.length },
            origin,
          },
          trx,
        );
      });
    } catch (err) {
      const replay = isUniqueViolation(err) ? await this.replayed(access, session, req.idempotencyKey) : null;
      if (replay) return { thread: replay, created: false };
      throw err;
    }
    return { thread: await this.get(access, session, threadId), created: true };
  }

  async reply(
    access: PatientScope,
    session: Session,
    threadId: string,
    input: ReplyRequest,
    origin: RequestOrigin,
  ): Promise<{ thread: Thread; created: boolean }> {
    const req = replyRequestSchema.parse(input);
    const { ctx } = this;
    const author = authorOf(access, session);
    const earlier = await this.replayed(access, session, req.idempotencyKey);
    if (earlier) return { thread: earlier, created: false };
    const thread = await this.threadOf(ctx.db.kysely, access, threadId);
    try {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        // Decided inside the transaction, after locking the item: a staff member closing it at this moment is
        // waited for (then this reply makes new work), and a second reply sees the item the first one made.
        if (thread.work_item_id) await this.queue.statusOf(trx, thread.work_item_id, { lock: true });
        const itemId = (await this.repo.findThread(trx, access, thread.id))?.work_item_id ?? null;
        const item = itemId ? await this.queue.statusOf(trx, itemId) : null;
        await this.writeMessage(
          trx,
          thread.id,
          newMessageId(),
          author,
          req.body,
          req.idempotencyKey,
          req.attachmentIds,
          access.patientId,
        );
        await this.repo.updateThread(trx, thread.id, { status: 'open' });
        // A reply to an answered question is new work; while the item is still open, staff see it there.
        if (item === null || item === 'closed') {
          await this.handToStaff(
            trx,
            thread.id,
            access.patientId,
            thread.pool,
            {
              threadId: thread.id,
              kind: thread.kind,
              topic: thread.topic,
              subject: thread.subject,
              counterpart: thread.counterpart,
              followUp: true,
            },
            author,
            origin,
          );
        }
        await access.audit(
          {
            action: 'message.reply.sent',
            subject: { type: 'message_thread', id: thread.id },
            detail: { attachments: req.attachmentIds.length },
            origin,
          },
          trx,
        );
      });
    } catch (err) {
      const replay = isUniqueViolation(err) ? await this.replayed(access, session, req.idempotencyKey) : null;
      if (replay) return { thread: replay, created: false };
      throw err;
    }
    return { thread: await this.get(access, session, thread.id), created: true };
  }

  /** Stores an upload for this record; it can be sent with a message by the same account for an hour. */
  async upload(
    access: PatientScope,
    session: Session,
    bytes: Buffer,
    fileName: string,
    origin: RequestOrigin,
  ): Promise<Attachment> {
    if (!access.canWrite)
      throw new AppError('forbidden', 'read_only_access', 'Your access to this record is view-only.');
    const saved = await this.attachments.save(bytes, fileName);
    try {
      await this.ctx.db.kysely.transaction().execute(async (trx) => {
        await this.repo.insertAttachment(trx, {
          id: saved.id,
          patient_id: access.patientId,
          message_id: null,
          uploaded_by: session.accountId,
          file_name: saved.fileName,
          content_type: saved.contentType,
          size: saved.size,
          sha256: saved.sha256,
          created_at: toDbTime(this.ctx.clock.now()),
        });
        await access.audit(
          {
            action: 'message.attachment.uploaded',
            subject: { type: 'message_attachment', id: saved.id },
            detail: { contentType: saved.contentType, size: saved.size },
            origin,
          },
          trx,
        );
      });
    } catch (err) {
      await this.attachments.discard(saved.id);
      throw err;
    }
    return { id: saved.id, fileName: saved.fileName, contentType: saved.contentType, size: saved.size };
  }

  /** An attachment of this record: sent in one of its threads, or the caller's own unsent upload. */
  async download(
    access: PatientScope,
    session: Session,
    attachmentId: string,
  ): Promise<{ row: AttachmentRow; bytes: Buffer }> {
    const db = this.ctx.db.kysely;
    const row = /^[0-9a-f-]{36}$/.test(attachmentId)
      ? await this.repo.findAttachment(db, access, attachmentId)
      : undefined;
    if (!row) throw notFound('The attachment');
    if (row.message_id === null && row.uploaded_by !== session.accountId) throw notFound('The attachment');
    return { row, bytes: await this.attachments.read(row.id) };
  }

  // ----- shared with the in-basket

  async writeMessage(
    trx: Handle,
    threadId: string,
    messageId: string,
    author: Author,
    body: string,
    idempotencyKey: string | null,
    attachmentIds: string[],
    patientId: string,
  ): Promise<void> {
    const at = toDbTime(this.ctx.clock.now());
    await this.repo.insertMessage(trx, {
      id: messageId,
      thread_id: threadId,
      author_kind: author.kind,
      author_account_id: author.accountId,
      author_name: author.name,
      author_role: author.role,
      body,
      idempotency_key: idempotencyKey,
      created_at: at,
    });
    const ids = [...new Set(attachmentIds)];
    if ((await this.repo.attach(trx, ids, messageId, author.accountId, patientId)) !== ids.length) {
      throw badInput('attachmentIds', 'An attachment could not be found. Attach the file again.');
    }
    await this.repo.updateThread(trx, threadId, { last_message_at: at, last_author_kind: author.kind });
    await this.repo.markRead(trx, threadId, author.accountId, at);
  }

  /** The thread as `accountId` reads it; an "about" item the caller may not see has no label. */
  async present(
    trx: Handle,
    thread: ThreadRow,
    accountId: string,
    canReply: boolean,
    access: PatientScope,
  ): Promise<Thread> {
    const messages = await this.repo.messagesOf(trx, thread.id);
    const files = await this.repo.attachmentsOf(
      trx,
      messages.map((m) => m.id),
    );
    const stats = await this.repo.statsOf(trx, [thread.id]);
    const read = (await this.repo.readMarks(trx, accountId, [thread.id])).get(thread.id);
    const about =
      thread.about_type && thread.about_id
        ? await this.fhir.record(access).ref(thread.about_type, thread.about_id)
        : null;
    const details = thread.details
      ? (JSON.parse(thread.details) as {
          recordRequest?: Thread['recordRequest'];
          chartCorrection?: Thread['chartCorrection'];
        })
      : {};
    return {
      ...summary(thread, stats.get(thread.id) ?? { count: messages.length, lastStaffAt: null }, read),
      patientId: thread.patient_id,
      about:
        thread.about_type && thread.about_id
          ? {
              type: thread.about_type as NonNullable<Thread['about']>['type'],
              id: thread.about_id,
              label: about?.label ?? null,
            }
          : null,
      recordRequest: details.recordRequest ?? null,
      chartCorrection: details.chartCorrection ?? null,
      outcome: thread.outcome ? (JSON.parse(thread.outcome) as Thread['outcome']) : null,
      messages: messages.map((m) => presentMessage(m, files, accountId)),
      canReply,
    };
  }

  async handToStaff(
    trx: Handle,
    threadId: string,
    patientId: string,
    pool: string,
    details: Record<string, unknown>,
    author: Author,
    origin: RequestOrigin,
  ): Promise<string> {
    const { ctx } = this;
    const dueAt = addBusinessDays(
      ctx.clock.now(),
      ctx.config.tenant.rules.messageReplyBusinessDays.max,
      ctx.config.tenant,
    );
    const itemId = await this.queue.create(trx, {
      type: PATIENT_MESSAGE_TYPE,
      pool,
      patientId,
      details,
      dueAt,
      actor: { type: author.kind === 'staff' ? 'staff' : author.kind, id: author.accountId },
      origin,
    });
    await this.repo.updateThread(trx, threadId, { work_item_id: itemId });
    return itemId;
  }

  /**
   * Whether news of this conversation must be kept from proxies: it is about an item confidential for them. Asked
   * before the reply's transaction (on SQLite a read outside it would wait for it).
   */
  async confidentialForProxies(scope: PatientScope, thread: ThreadRow): Promise<boolean> {
    return (
      thread.about_type !== null &&
      thread.about_id !== null &&
      (await this.fhir.record(scope).confidentialForProxies(thread.about_type, thread.about_id))
    );
  }

  /**
   * Tells the record's people (patient and proxies, each by their own choices) that a reply is waiting; a reply in
   * a conversation about a confidential item (`confidentialForProxies`) is told to the patient only.
   */
  async notifyReply(trx: Handle, scope: PatientScope, hiddenFromProxies: boolean, messageId: string): Promise<void> {
    await this.notifications.toRecord(trx, {
      type: 'message.new_reply',
      ref: messageId,
      patientId: scope.patientId,
      hiddenFromProxies,
    });
  }

  /**
   * Leaves out conversations about items the caller may not see (the scope's confidentiality filter), except one
   * the caller started: a parent keeps their own question, without its "about" label.
   */
  private async visibleThreads(scope: PatientScope, rows: ThreadRow[]): Promise<ThreadRow[]> {
    if (!scope.hideConfidential || !rows.some((r) => r.about_id)) return rows;
    const hidden = await this.fhir.record(scope).hiddenIds();
    return rows.filter((r) => !(r.about_id && hidden.has(r.about_id) && r.created_by !== scope.actor.id));
  }

  /** A thread of this record that the caller may see; anything else is not found. */
  private async threadOf(trx: Handle, scope: PatientScope, threadId: string): Promise<ThreadRow> {
    const thread = /^[0-9a-f-]{36}$/.test(threadId) ? await this.repo.findThread(trx, scope, threadId) : undefined;
    if (!thread || !(await this.visibleThreads(scope, [thread])).length) throw notFound('The conversation');
    return thread;
  }

  /** The thread a message with this key (from this account, in this record) went to, if it was already sent. */
  private async replayed(access: PatientScope, session: Session, key: string): Promise<Thread | null> {
    const db = this.ctx.db.kysely;
    const earlier = await this.repo.findByIdempotencyKey(db, session.accountId, key);
    if (!earlier) return null;
    const thread = await this.repo.findThread(db, access, earlier.thread_id);
    if (!thread)
      throw new AppError(
        'conflict',
        'idempotency_key_reused',
        'This message was already sent from another record. Start a new message.',
      );
    return this.present(db, thread, session.accountId, access.can('message.send'), access);
  }
}

function authorOf(access: PatientScope, session: Session): Author {
  if (!access.canWrite) throw new AppError('forbidden', 'read_only_access', 'Your access to this record is view-only.');
  return access.relation === 'self'
    ? { kind: 'patient', accountId: session.accountId, name: session.displayName, role: null }
    : { kind: 'proxy', accountId: session.accountId, name: session.displayName, role: 'Proxy' };
}

function summary(
  r: ThreadRow,
  stats: { count: number; lastStaffAt: string | null },
  readAt: string | undefined,
): ThreadSummary {
  return {
    id: r.id,
    kind: r.kind,
    topic: (r.topic as CustomerServiceTopic | null) ?? null,
    subject: r.subject,
    counterpart: r.counterpart,
    lastMessageAt: r.last_message_at,
    unread: stats.lastStaffAt !== null && (readAt === undefined || readAt < stats.lastStaffAt),
    messageCount: stats.count,
    status: r.status,
  };
}

function presentMessage(m: MessageRow, files: AttachmentRow[], accountId: string): Thread['messages'][number] {
  return {
    id: m.id,
    author: { kind: m.author_kind, name: m.author_name, role: m.author_role, isMe: m.author_account_id === accountId },
    body: m.body,
    sentAt: m.created_at,
    attachments: files
      .filter((f) => f.message_id === m.id)
      .map((f) => ({
        id: f.id,
        fileName: f.file_name,
        contentType: f.content_type as Attachment['contentType'],
        size: f.size,
      })),
  };
}
