import { randomUUID } from 'node:crypto';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { GrantRow } from '../../platform/access/access.repository.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addBusinessDays, addDaysToDate, birthdayAt, dateInZone, hasReachedAge } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { MinorAccessRequest, RecordItem, RecordSummary } from '../../../shared/proxy.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import { ProxyRepository } from './proxy.repository.ts';

/**
 * Proxy access: which records an account may act for, a parent's request for a child's record (worked by
 * health-information staff), and an adult sharing their own record by invitation. Grants change only through the
 * platform's grant store; the access guard enforces them, including the end of a minor's grant at 18.
 */
export class ProxyService {
  readonly repo = new ProxyRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly accounts: AccountDirectory,
  ) {}

  /** The last day a grant for a minor works (the day before the 18th birthday); null for adults' grants. */
  async accessEndsOn(grant: GrantRow): Promise<string | null> {
    if (grant.kind !== 'minor') return null;
    const birthDate = (await this.fhir.getPatient(grant.patient_id))?.birthDate;
    return birthDate ? addDaysToDate(birthdayAt(birthDate, this.ctx.config.tenant.rules.proxyMinorAgeLimit), -1) : null;
  }

  /** My own record first, then every record I may act for today. */
  async records(session: Session): Promise<RecordItem[]> {
    const out: RecordItem[] = [];
    if (session.patientId) {
      const me = await this.fhir.getPatient(session.patientId);
      out.push({
        patientId: session.patientId,
        displayName: me?.displayName ?? session.displayName,
        relation: 'self',
        relationship: null,
        level: null,
        accessEndsOn: null,
      });
    }
    for (const g of await this.ctx.grants.inForceFor(session.accountId)) {
      const p = await this.fhir.getPatient(g.patient_id);
      out.push({
        patientId: g.patient_id,
        displayName: p?.displayName ?? 'Patient',
        relation: g.level === 'full' ? 'proxy_full' : 'proxy_view_only',
        relationship: g.relationship,
        level: g.level,
        accessEndsOn: await this.accessEndsOn(g),
      });
    }
    return out;
  }

  async summary(access: PatientScope): Promise<RecordSummary> {
    const p = await this.fhir.getPatient(access.patientId);
    if (!p) throw notFound();
    return {
      patientId: p.id,
      displayName: p.displayName,
      birthDate: p.birthDate,
      relation: access.relation,
      canWrite: access.canWrite,
      canSeeAccessLog: access.canSeeAccessLog,
      accessEndsOn: access.grant ? await this.accessEndsOn(access.grant) : null,
    };
  }

  /** A parent or guardian asks for a child's record; health-information staff verify it in their queue. */
  async requestMinorAccess(
    session: Session,
    req: MinorAccessRequest,
    origin: RequestOrigin,
    createWorkItem: (
      trx: Parameters<ProxyRepository['insertRequest']>[0],
      details: Record<string, unknown>,
      dueAt: Date,
    ) => Promise<string>,
  ): Promise<void> {
    const { ctx } = this;
    const today = dateInZone(ctx.clock.now(), ctx.config.tenant.organisation.timeZone);
    if (req.childDateOfBirth > today) throw badInput('childDateOfBirth', 'The date of birth cannot be in the future.');
    if (hasReachedAge(req.childDateOfBirth, ctx.config.tenant.rules.proxyMinorAgeLimit, today)) {
      throw badInput(
        'childDateOfBirth',
        `This form is for children under ${ctx.config.tenant.rules.proxyMinorAgeLimit}. An adult shares their record from their own account.`,
      );
    }
    const childName = `${req.childFirstName} ${req.childLastName}`;
    const { idempotencyKey, ...request } = req;
    if (await this.repo.requestByKey(ctx.db.kysely, session.accountId, idempotencyKey)) return; // a repeat of the same form
    await ctx.db.kysely
      .transaction()
      .execute(async (trx) => {
        const details = { requesterAccountId: session.accountId, requesterName: session.displayName, ...request };
        const workItemId = await createWorkItem(trx, details, addBusinessDays(ctx.clock.now(), 3, ctx.config.tenant));
        await this.repo.insertRequest(trx, {
          id: randomUUID(),
          requester_account_id: session.accountId,
          work_item_id: workItemId,
          child_name: childName,
          status: 'pending',
          note: null,
          created_at: toDbTime(ctx.clock.now()),
          idempotency_key: idempotencyKey,
        });
        await ctx.audit.record(
          { actor: { type: 'patient', id: session.accountId }, action: 'proxy.request.submitted', origin },
          trx,
        );
      })
      .catch((err: unknown) => {
        // Two of the same form at one instant: the unique key keeps one (and its work item); the other is the repeat.
        if (!isUniqueViolation(err)) throw err;
      });
  }

  async myRequests(session: Session): Promise<
    {
      id: string;
      childName: string;
      createdAt: string;
      status: 'pending' | 'approved' | 'denied';
      note: string | null;
    }[]
  > {
    const rows = await this.repo.requestsOf(this.ctx.db.kysely, session.accountId);
    return rows.map((r) => ({
      id: r.id,
      childName: r.child_name,
      createdAt: r.created_at,
      status: r.status,
      note: r.note,
    }));
  }

  /** Whether a patient is a minor today (staff may grant a parent access only then). */
  isMinorToday(birthDate: string | null): boolean {
    const today = dateInZone(this.ctx.clock.now(), this.ctx.config.tenant.organisation.timeZone);
    return birthDate !== null && !hasReachedAge(birthDate, this.ctx.config.tenant.rules.proxyMinorAgeLimit, today);
  }
}
