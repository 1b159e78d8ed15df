import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import { addBusinessDays } from '../../platform/calendar.ts';
import { proxyRequestDetailsSchema, type DirectGrantRequest } from '../../../shared/proxy.ts';
import type { WorkItem } from '../../../shared/work-queue.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';
import type { ProxyService } from './proxy.service.ts';

export const PROXY_REQUEST_TYPE = 'proxy_request';
export const PROXY_REQUEST_POOL = 'him';
export const DIRECT_GRANT_REVIEW_TYPE = 'direct_grant_review';

/**
 * Health-information staff work parents' requests: match the child's record, then approve (a full-access grant
 * for a minor, ending at 18) or deny with a reason the parent sees. Staff can also grant directly when a request
 * came by phone or email. The parent is told (without names or health details) by email when there is news.
 */
export class ProxyRequestsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly proxy: ProxyService,
    private readonly queue: WorkQueueService,
    private readonly fhir: FhirService,
    private readonly accounts: AccountDirectory,
  ) {}

  /** Creates the staff work item for a request (called by ProxyService in its transaction). */
  createWorkItem = (
    trx: Parameters<WorkQueueService['create']>[0],
    details: Record<string, unknown>,
    dueAt: Date,
  ): Promise<string> => this.queue.create(trx, { type: PROXY_REQUEST_TYPE, pool: PROXY_REQUEST_POOL, details, dueAt });

  async approve(staff: Session, itemId: string, patientId: string, origin: RequestOrigin): Promise<WorkItem> {
    const { token, item } = await this.queue.acquireLease(staff, itemId, origin);
    try {
      if (item.type !== PROXY_REQUEST_TYPE)
        throw new AppError('conflict', 'not_a_proxy_request', 'This item is not a proxy request.');
      // The chosen record goes through the guard like any other: one the caller cannot reach is as unknown.
      const scope = await this.ctx.access.resolve(staff, patientId);
      const patient = scope && scope.can('proxy.decide') ? await this.fhir.record(scope).patient() : null;
      if (!scope || !patient) throw badInput('patientId', 'Choose the child’s record.');
      if (!this.proxy.isMinorToday(patient.birthDate))
        throw badInput(
          'patientId',
          'This patient is not a minor; an adult shares their record from their own account.',
        );
      const details = proxyRequestDetailsSchema.parse(JSON.parse(item.details));
      const request = await this.proxy.repo.requestForWorkItem(this.ctx.db.kysely, itemId);
      return await this.queue.complete(
        staff,
        itemId,
        { outcome: 'approved', note: null, patientId },
        origin,
        token,
        async (trx) => {
          const grantId = await this.ctx.grants.grant(trx, {
            patientId,
            granteeAccountId: details.requesterAccountId,
            kind: 'minor',
            level: 'full',
            relationship: details.relationship === 'legal_guardian' ? 'legal guardian' : 'parent',
            grantedBy: staff.accountId,
          });
          if (request)
            await this.proxy.repo.decideRequest(trx, request.id, 'approved', null, toDbTime(this.ctx.clock.now()));
          await scope.audit(
            { action: 'proxy.grant.created', subject: { type: 'account', id: details.requesterAccountId }, origin },
            trx,
          );
          await this.accounts.notifications.toAccount(trx, {
            type: 'proxy.request_decided',
            ref: itemId,
            accountId: details.requesterAccountId,
            patientId,
          });
          await this.accounts.notifications.toRecord(trx, {
            type: 'record.proxy_added',
            ref: grantId,
            patientId,
            except: [details.requesterAccountId],
          });
        },
      );
    } catch (err) {
      await this.queue.releaseLease(itemId, token);
      throw err;
    }
  }

  async deny(staff: Session, itemId: string, reason: string, origin: RequestOrigin): Promise<WorkItem> {
    const { token, item } = await this.queue.acquireLease(staff, itemId, origin);
    if (item.type !== PROXY_REQUEST_TYPE) {
      await this.queue.releaseLease(itemId, token);
      throw new AppError('conflict', 'not_a_proxy_request', 'This item is not a proxy request.');
    }
    const details = proxyRequestDetailsSchema.parse(JSON.parse(item.details));
    const request = await this.proxy.repo.requestForWorkItem(this.ctx.db.kysely, itemId);
    return this.queue.complete(staff, itemId, { outcome: 'denied', note: reason }, origin, token, async (trx) => {
      if (request)
        await this.proxy.repo.decideRequest(trx, request.id, 'denied', reason, toDbTime(this.ctx.clock.now()));
      await this.accounts.notifications.toAccount(trx, {
        type: 'proxy.request_decided',
        ref: itemId,
        accountId: details.requesterAccountId,
      });
    });
  }

  /**
   * For requests that came by phone or in person: staff grant a parent full access to a minor's record directly.
   * It needs the parent's own account, the child's record (the scope) and a reason, which is kept with the grant,
   * audited, and put before health-information management as a review item.
   */
  async grantDirectly(
    scope: PatientScope,
    staff: Session,
    input: DirectGrantRequest,
    origin: RequestOrigin,
  ): Promise<void> {
    const patient = await this.fhir.record(scope).patient();
    if (!patient) throw notFound('The patient');
    if (!this.proxy.isMinorToday(patient.birthDate))
      throw new AppError(
        'conflict',
        'not_a_minor',
        'This patient is not a minor; an adult shares their record from their own account.',
      );
    const grantee = await this.accounts.patientAccountByUsername(input.username);
    if (!grantee)
      throw badInput(
        'username',
        'No patient account has that username. The parent needs an account of their own first.',
      );
    if (grantee.patientId === scope.patientId) throw badInput('username', 'That is the child’s own account.');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const grantId = await this.ctx.grants.grant(trx, {
        patientId: scope.patientId,
        granteeAccountId: grantee.id,
        kind: 'minor',
        level: 'full',
        relationship: input.relationship,
        grantedBy: staff.accountId,
        reason: input.reason,
      });
      await scope.audit(
        {
          action: 'proxy.grant.created',
          subject: { type: 'account', id: grantee.id },
          origin,
          detail: { direct: true, grantId },
        },
        trx,
      );
      await this.queue.create(trx, {
        type: DIRECT_GRANT_REVIEW_TYPE,
        pool: PROXY_REQUEST_POOL,
        patientId: scope.patientId,
        details: {
          grantId,
          parentName: grantee.displayName,
          relationship: input.relationship,
          reason: input.reason,
          grantedBy: staff.displayName,
        },
        dueAt: addBusinessDays(this.ctx.clock.now(), 2, this.ctx.config.tenant),
        actor: scope.actor,
        origin,
      });
      await this.accounts.notifications.toAccount(trx, {
        type: 'proxy.access_granted',
        ref: grantId,
        accountId: grantee.id,
        patientId: scope.patientId,
      });
      await this.accounts.notifications.toRecord(trx, {
        type: 'record.proxy_added',
        ref: grantId,
        patientId: scope.patientId,
        except: [grantee.id],
      });
    });
  }
}
