import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addBusinessDays } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import {
  activationRequestDetailsSchema,
  type ActivationRequestDetails,
  type CodeIssuedFromRequest,
  type IssueCodeFromRequest,
} from '../../../shared/front-desk.ts';
import type { ActivationCodeRequest } from '../../../shared/identity.ts';
import type { WorkItem } from '../../../shared/work-queue.ts';
import type { ActivationService, IssuedCode } from '../identity/activation.service.ts';
import type { IdentityDeps } from '../identity/identity.deps.ts';
import type { NotificationParams } from '../notifications/notification-messages.ts';
import { LIMITS } from '../identity/attempt-limits.ts';
import type { Handle, WorkItemRow } from '../work-queue/work-queue.repository.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';

export const ACTIVATION_REQUEST_TYPE = 'activation_code_request' as const;
/** The FAQ's online "activation code form" lands with the front desk, due the next business day. */
const REQUEST_POOL = 'front_desk';
const DUE_BUSINESS_DAYS = 1;

/**
 * Activation-code requests, the work queue's first use: a patient whose code expired or was lost fills in the
 * public form; the request becomes a front-desk work item; staff match it to a record and issue a code, which is
 * sent to the email or phone the requester gave, or close it as not verified (the requester is told to call).
 */
export class ActivationRequestsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly identity: IdentityDeps,
    private readonly queue: WorkQueueService,
    private readonly activation: ActivationService,
  ) {}

  /** Files a request (5 per address per hour, every request counts). The answer never says whether anything matched. */
  async submit(request: ActivationCodeRequest, origin: RequestOrigin): Promise<void> {
    const key = origin.ip ?? 'unknown';
    await this.ctx.limits.take(LIMITS.codeRequestsPerAddress, key);
    const details: ActivationRequestDetails = stripUndefined(request);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.queue.create(trx, {
        type: ACTIVATION_REQUEST_TYPE,
        pool: REQUEST_POOL,
        details,
        dueAt: addBusinessDays(this.ctx.clock.now(), DUE_BUSINESS_DAYS, this.ctx.config.tenant),
        actor: { type: 'anonymous', id: null },
        origin,
      });
    });
  }

  /**
   * Issues a code for the patient staff matched to the request and closes the item (`code_issued`), sending the
   * code to the requester's email and phone in the same transaction as the close. The item is leased while the
   * code is issued, so a double-click or a colleague cannot issue two codes from one request.
   */
  async issueFromRequest(
    session: Session,
    itemId: string,
    match: IssueCodeFromRequest,
    origin: RequestOrigin,
  ): Promise<CodeIssuedFromRequest> {
    const { token, item } = await this.queue.acquireLease(session, itemId, origin);
    let details: ActivationRequestDetails;
    let issued: IssuedCode;
    try {
      details = requestDetails(item);
      issued = await this.activation.issueCode(session, match.patientId, match.encounterId, origin);
    } catch (err) {
      await this.queue.releaseLease(itemId, token);
      throw err;
    }
    const closed = await this.queue.complete(
      session,
      itemId,
      { outcome: 'code_issued', note: 'We sent you a new activation code.', patientId: match.patientId },
      origin,
      token,
      (trx) =>
        this.send(trx, item.id, details, {
          outcome: 'code_issued',
          code: issued.code,
          lastValidDate: issued.lastValidDate,
        }),
    );
    return {
      code: issued.code,
      visitDate: issued.visitDate,
      lastValidDate: issued.lastValidDate,
      sentTo: { email: Boolean(details.email), phone: Boolean(details.phone) },
      item: closed,
    };
  }

  /** Closes the request as `not_verified` with the staff member's reason (kept with the item); the requester is asked to call. */
  async decline(session: Session, itemId: string, reason: string, origin: RequestOrigin): Promise<WorkItem> {
    const { token, item } = await this.queue.acquireLease(session, itemId, origin);
    let details: ActivationRequestDetails;
    try {
      details = requestDetails(item);
    } catch (err) {
      await this.queue.releaseLease(itemId, token);
      throw err;
    }
    return this.queue.complete(session, itemId, { outcome: 'not_verified', note: reason }, origin, token, (trx) =>
      this.send(trx, item.id, details, { outcome: 'not_verified' }),
    );
  }

  /** The answer goes to the email and phone the requester gave (they have no account yet). */
  private send(
    trx: Handle,
    itemId: string,
    details: ActivationRequestDetails,
    answer: NotificationParams['activation.request_answered'],
  ): Promise<void> {
    return this.identity.notifications.toAddress(trx, {
      type: 'activation.request_answered',
      ref: `${itemId}:${answer.outcome}`,
      to: { email: details.email, phone: details.phone },
      params: answer,
    });
  }
}

/** The requester's details of an activation-code request item; anything else is refused. */
function requestDetails(item: WorkItemRow): ActivationRequestDetails {
  if (item.type !== ACTIVATION_REQUEST_TYPE)
    throw new AppError('conflict', 'not_an_activation_request', 'This item is not an activation-code request.');
  return activationRequestDetailsSchema.parse(JSON.parse(item.details));
}

function stripUndefined(request: ActivationCodeRequest): ActivationRequestDetails {
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as ActivationRequestDetails;
}
