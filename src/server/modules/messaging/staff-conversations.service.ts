import { randomUUID } from 'node:crypto';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput, isUniqueViolation } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { StaffConversationRequest } from '../../../shared/messaging.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { newMessageId, STAFF_ROLE_LABELS, type MessagingService } from './messaging.service.ts';

/**
 * A conversation a clinician or nurse starts with a patient (about a test result, say): the patient reads it in
 * Messages and is told as of any reply; their answer goes to the care team's queue like any question (the thread's
 * pool is the patient's care team at the staff member's organisation). Once per idempotency key.
 */
export class StaffConversationsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly messaging: MessagingService,
    /** Whether an item is a test result not released to the patient yet (a message must not name it). */
    private readonly isHeld: (scope: PatientScope, id: string) => Promise<boolean>,
  ) {}

  async start(
    scope: PatientScope,
    staff: Session,
    req: StaffConversationRequest,
    origin: RequestOrigin,
  ): Promise<{ threadId: string; created: boolean }> {
    const db = this.ctx.db.kysely;
    const earlier = await this.messaging.repo.findByIdempotencyKey(db, staff.accountId, req.idempotencyKey);
    if (earlier) return { threadId: earlier.thread_id, created: false };
    const about = req.about ? await this.fhir.record(scope).ref(req.about.type, req.about.id) : null;
    if (req.about && !about) throw badInput('about', 'That item is not in this record.');
    if (req.about && (await this.isHeld(scope, req.about.id)))
      throw badInput('about', 'Release this result before writing to the patient about it.');
    const [organisation] = await this.ctx.access.grants.organisationsOf(staff.accountId);
    const hiddenFromProxies = req.about
      ? await this.fhir.record(scope).confidentialForProxies(req.about.type, req.about.id)
      : false;
    const now = toDbTime(this.ctx.clock.now());
    const threadId = randomUUID();
    const messageId = newMessageId();
    try {
      await db.transaction().execute(async (trx) => {
        await this.messaging.repo.insertThread(trx, {
          id: threadId,
          patient_id: scope.patientId,
          kind: 'medical',
          topic: null,
          subject: req.subject,
          counterpart: staff.displayName,
          practitioner_id: null,
          pool: `care_team:${organisation ?? 'general'}`,
          details: null,
          about_type: req.about?.type ?? null,
          about_id: req.about?.id ?? null,
          status: 'closed', // nothing waits for the care team until the patient answers
          work_item_id: null,
          outcome: null,
          created_by: staff.accountId,
          created_at: now,
          last_message_at: now,
          last_author_kind: 'staff',
        });
        const author = {
          kind: 'staff' as const,
          accountId: staff.accountId,
          name: staff.displayName,
          role: STAFF_ROLE_LABELS[staff.staffRole ?? ''] ?? 'Staff',
        };
        await this.messaging.writeMessage(
          trx,
          threadId,
          messageId,
          author,
          req.body,
          req.idempotencyKey,
          [],
          scope.patientId,
        );
        await this.messaging.notifyReply(trx, scope, hiddenFromProxies, messageId);
        await scope.audit(
          { action: 'message.thread.created', subject: { type: 'message_thread', id: threadId }, origin },
          trx,
        );
      });
    } catch (err) {
      const first = isUniqueViolation(err)
        ? await this.messaging.repo.findByIdempotencyKey(db, staff.accountId, req.idempotencyKey)
        : undefined;
      if (!first) throw err;
      return { threadId: first.thread_id, created: false };
    }
    return { threadId, created: true };
  }
}
