import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { ChartCorrectionDecision, RecordRequestFulfilment, Thread } from '../../../shared/messaging.ts';
import type { DocumentsService, PreparedDocument } from '../documents/documents.service.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';
import type { AttachmentRow, Handle, ThreadRow } from './messaging.repository.ts';
import { newMessageId, PATIENT_MESSAGE_TYPE, STAFF_ROLE_LABELS, type MessagingService } from './messaging.service.ts';

const METHOD_WORDS: Record<RecordRequestFulfilment['method'], string> = {
  portal: 'through this portal',
  mail: 'by mail',
  email: 'by secure email',
  pickup: 'for pick-up',
  fax: 'by fax',
};

/**
 * The staff in-basket: patient messages are work items in the care team's, customer service's, health-information
 * or billing pool (the work queue decides who may see and act on them). Staff read the conversation, reply (shown
 * to the patient with their name and role), mark it done, decide chart corrections (accepted: the amendment is
 * noted on the record; denied: with the reason) and fulfil record requests. Each reply tells the record's people
 * that something is waiting, in the same transaction as the reply.
 */
export class InBasketService {
  constructor(
    private readonly ctx: AppContext,
    private readonly messaging: MessagingService,
    private readonly queue: WorkQueueService,
    private readonly documents: DocumentsService,
  ) {}

  async thread(scope: PatientScope | null, staff: Session, itemId: string, origin: RequestOrigin): Promise<Thread> {
    const { thread, scope: patient } = await this.threadOfItem(scope, staff, itemId, origin);
    await patient.audit({
      action: 'message.thread.read',
      subject: { type: 'message_thread', id: thread.id },
      origin,
    });
    return this.messaging.present(this.ctx.db.kysely, thread, staff.accountId, thread.status === 'open', patient);
  }

  /**
   * A staff reply, once per idempotency key: a repeat (a double click, or a retry after the answer was lost) returns
   * the conversation with the first reply instead of sending a second; the unique key decides between two at once.
   */
  async reply(
    scope: PatientScope | null,
    staff: Session,
    itemId: string,
    body: string,
    done: boolean,
    idempotencyKey: string,
    origin: RequestOrigin,
  ): Promise<{ thread: Thread; replayed: boolean }> {
    const { thread, scope: patient } = await this.threadOfItem(scope, staff, itemId, origin);
    const secret = await this.messaging.confidentialForProxies(patient, thread);
    const earlier = await this.messaging.repo.findByIdempotencyKey(this.ctx.db.kysely, staff.accountId, idempotencyKey);
    if (earlier) return { thread: await this.replayedReply(patient, staff, thread, earlier.thread_id), replayed: true };
    const messageId = newMessageId();
    const write = async (trx: Handle): Promise<void> => {
      await this.messaging.writeMessage(
        trx,
        thread.id,
        messageId,
        this.author(staff),
        body,
        idempotencyKey,
        [],
        thread.patient_id,
      );
      await this.messaging.notifyReply(trx, patient, secret, messageId);
      await patient.audit(
        {
          action: 'message.reply.sent',
          subject: { type: 'message_thread', id: thread.id },
          origin,
        },
        trx,
      );
    };
    try {
      if (done) await this.finish(staff, itemId, { outcome: 'answered', note: null }, origin, write);
      else await this.ctx.db.kysely.transaction().execute(write);
    } catch (err) {
      const first = isUniqueViolation(err)
        ? await this.messaging.repo.findByIdempotencyKey(this.ctx.db.kysely, staff.accountId, idempotencyKey)
        : undefined;
      if (!first) throw err;
      return { thread: await this.replayedReply(patient, staff, thread, first.thread_id), replayed: true };
    }
    const current = (await this.messaging.repo.findThread(this.ctx.db.kysely, patient, thread.id))!;
    return {
      thread: await this.messaging.present(this.ctx.db.kysely, current, staff.accountId, true, patient),
      replayed: false,
    };
  }

  /** The answer to a repeated reply: the conversation as it is, if the key was used on this item's conversation. */
  private async replayedReply(
    patient: PatientScope,
    staff: Session,
    thread: ThreadRow,
    repliedOn: string,
  ): Promise<Thread> {
    if (repliedOn !== thread.id)
      throw new AppError(
        'conflict',
        'idempotency_key_reused',
        'This reply was already sent on another conversation. Write it again.',
      );
    const current = (await this.messaging.repo.findThread(this.ctx.db.kysely, patient, thread.id))!;
    return this.messaging.present(this.ctx.db.kysely, current, staff.accountId, current.status === 'open', patient);
  }

  async decideChartCorrection(
    scope: PatientScope | null,
    staff: Session,
    itemId: string,
    decision: ChartCorrectionDecision,
    origin: RequestOrigin,
  ): Promise<Thread> {
    const { thread, scope: patient } = await this.threadOfItem(scope, staff, itemId, origin);
    const secret = await this.messaging.confidentialForProxies(patient, thread);
    if (thread.topic !== 'chart_correction')
      throw new AppError('conflict', 'not_a_chart_correction', 'This message is not a chart correction request.');
    const now = toDbTime(this.ctx.clock.now());
    const accepted = decision.decision === 'accepted';
    const body = accepted
      ? `Your chart correction request was accepted. This amendment is now noted on your record:\n\n${decision.amendment}`
      : `Your chart correction request was not accepted.\n\nReason: ${decision.reason}\n\nYou may send a statement of disagreement, which we will keep with your record.`;
    const messageId = newMessageId();
    await this.finish(
      staff,
      itemId,
      {
        outcome: accepted ? 'correction_accepted' : 'correction_denied',
        note: accepted ? decision.amendment : decision.reason,
      },
      origin,
      async (trx) => {
        if (accepted) {
          await this.messaging.repo.insertAmendment(trx, {
            id: randomUUID(),
            patient_id: thread.patient_id,
            thread_id: thread.id,
            requested: thread.details ?? '{}',
            amendment: decision.amendment,
            decided_by: staff.accountId,
            decided_at: now,
            // The item the request was about: the amendment is shown on it (and hidden from proxies like it).
            item_type: thread.about_type,
            item_id: thread.about_id,
          });
        }
        await this.messaging.writeMessage(
          trx,
          thread.id,
          messageId,
          this.author(staff),
          body,
          null,
          [],
          thread.patient_id,
        );
        await this.messaging.repo.updateThread(trx, thread.id, {
          status: 'closed',
          outcome: JSON.stringify({
            decision: accepted ? 'accepted' : 'denied',
            note: accepted ? decision.amendment : decision.reason,
            method: null,
            decidedAt: now,
          }),
        });
        await this.messaging.notifyReply(trx, patient, secret, messageId);
        await patient.audit(
          {
            action: accepted ? 'record.amendment.accepted' : 'record.amendment.denied',
            subject: { type: 'message_thread', id: thread.id },
            origin,
          },
          trx,
        );
      },
    );
    return this.thread(scope, staff, itemId, origin);
  }

  async fulfilRecordRequest(
    scope: PatientScope | null,
    staff: Session,
    itemId: string,
    f: RecordRequestFulfilment,
    origin: RequestOrigin,
  ): Promise<Thread> {
    const { thread, scope: patient } = await this.threadOfItem(scope, staff, itemId, origin);
    const secret = await this.messaging.confidentialForProxies(patient, thread);
    if (thread.topic !== 'medical_record_request')
      throw new AppError('conflict', 'not_a_record_request', 'This message is not a medical record request.');
    const now = toDbTime(this.ctx.clock.now());
    const inPortal = f.method === 'portal';
    const where = inPortal ? ' You can open them in Health, under Documents.' : '';
    const body = `Your medical record request has been fulfilled: the records were sent ${METHOD_WORDS[f.method]}.${where}${f.note ? `\n\n${f.note}` : ''}`;
    const messageId = newMessageId();
    // "Through this portal": the records are made from the record now and released with the decision.
    const asked = (JSON.parse(thread.details ?? '{}') as { recordRequest?: { records: string } }).recordRequest;
    const prepared: PreparedDocument | null = inPortal
      ? await this.documents.prepareRecords(patient, asked ?? { records: thread.subject })
      : null;
    const work = async (trx: Handle) => {
      if (prepared) await this.documents.release(trx, patient, staff, prepared, thread.id, secret, origin);
      await this.messaging.writeMessage(
        trx,
        thread.id,
        messageId,
        this.author(staff),
        body,
        null,
        [],
        thread.patient_id,
      );
      await this.messaging.repo.updateThread(trx, thread.id, {
        status: 'closed',
        outcome: JSON.stringify({ decision: 'fulfilled', note: f.note ?? null, method: f.method, decidedAt: now }),
      });
      await this.messaging.notifyReply(trx, patient, secret, messageId);
      await patient.audit(
        {
          action: 'record.request.fulfilled',
          subject: { type: 'message_thread', id: thread.id },
          detail: { method: f.method },
          origin,
        },
        trx,
      );
    };
    try {
      await this.finish(staff, itemId, { outcome: 'fulfilled', note: f.note ?? null }, origin, work);
    } catch (err) {
      if (prepared) await this.documents.discard(prepared);
      throw err;
    }
    return this.thread(scope, staff, itemId, origin);
  }

  /** An attachment of the item's conversation. */
  async attachment(
    scope: PatientScope | null,
    staff: Session,
    itemId: string,
    attachmentId: string,
    origin: RequestOrigin,
  ): Promise<{ row: AttachmentRow; bytes: Buffer }> {
    const { thread, scope: patient } = await this.threadOfItem(scope, staff, itemId, origin);
    const db = this.ctx.db.kysely;
    const row = /^[0-9a-f-]{36}$/.test(attachmentId)
      ? await this.messaging.repo.findAttachment(db, patient, attachmentId)
      : undefined;
    const owner = row?.message_id ? await this.messaging.repo.threadOfMessage(db, patient, row.message_id) : undefined;
    if (!row || owner?.thread_id !== thread.id) throw notFound('The attachment');
    await patient.audit({
      action: 'message.attachment.read',
      subject: { type: 'message_attachment', id: row.id },
      origin,
    });
    return { row, bytes: await this.messaging.attachments.read(row.id) };
  }

  /** Closes the item with an outcome, running `within` in the same transaction (leased, so two colleagues cannot both). */
  private async finish(
    staff: Session,
    itemId: string,
    done: { outcome: string; note: string | null },
    origin: RequestOrigin,
    within: (trx: Handle) => Promise<void>,
  ): Promise<void> {
    const { token } = await this.queue.acquireLease(staff, itemId, origin);
    try {
      await this.queue.complete(staff, itemId, done, origin, token, (trx) => within(trx));
    } catch (err) {
      await this.queue.releaseLease(itemId, token);
      throw err;
    }
  }

  /** The conversation behind an in-basket item the caller may work (the work queue checks the pool). */
  private async threadOfItem(
    scope: PatientScope | null,
    staff: Session,
    itemId: string,
    origin: RequestOrigin,
  ): Promise<{ thread: ThreadRow; scope: PatientScope }> {
    // A message item always names its patient; the guard built the scope from it (none: not a message item).
    if (!scope) throw new AppError('conflict', 'not_a_message', 'This item is not a patient message.');
    const item = await this.queue.get(staff, itemId, origin);
    if (item.type !== PATIENT_MESSAGE_TYPE)
      throw new AppError('conflict', 'not_a_message', 'This item is not a patient message.');
    const threadId = typeof item.details.threadId === 'string' ? item.details.threadId : '';
    const thread = await this.messaging.repo.findThread(this.ctx.db.kysely, scope, threadId);
    if (!thread) throw notFound('The conversation');
    return { thread, scope };
  }

  private author(staff: Session) {
    return {
      kind: 'staff' as const,
      accountId: staff.accountId,
      name: staff.displayName,
      role: STAFF_ROLE_LABELS[staff.staffRole ?? ''] ?? 'Staff',
    };
  }
}
