import type { AuditAction } from '../../../shared/audit-actions.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Updateable } from 'kysely';
import { newUlid as ulid } from '../../platform/ids.ts';
import type { WorkItemTable } from '../../db/schema.ts';
import type { AuditActor, RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { ORGANISATION_BOUND } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import {
  poolSchema,
  workItemTypes,
  type CloseWorkItemRequest,
  type WorkItem,
  type WorkItemListQuery,
  type WorkItemType,
} from '../../../shared/work-queue.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { StaffAccountsService } from '../identity/staff-accounts.service.ts';
import {
  CARE_TEAM_PREFIX,
  FIXED_POOLS,
  isLeasedByOther,
  mayAssign,
  mayClaim,
  mayClose,
  mayRelease,
  narrowScope,
  poolScopeOf,
  worksPool,
  type Worker,
} from './work-queue.policy.ts';
import { presentWorkItem, type Names } from './work-queue.presenter.ts';
import { WorkQueueRepository, type Handle, type WorkItemRow } from './work-queue.repository.ts';

/** What another module hands to staff. */
export interface NewWorkItem {
  type: WorkItemType;
  pool: string;
  patientId?: string | null;
  /** Staff-facing details; never shown to anyone outside the pool. */
  details: Record<string, unknown>;
  dueAt: Date;
  /** Who caused it (the audit actor); the system when omitted. */
  actor?: AuditActor;
  origin?: RequestOrigin;
}

/** How the owning module finishes an item with an outcome only it may set (`code_issued`), inside its own transaction. */
export interface Completion {
  outcome: string;
  note?: string | null;
  /** The patient the work turned out to concern (a request matched to a record). */
  patientId?: string;
}

type Decide = (row: WorkItemRow) => Updateable<WorkItemTable> | null;
interface ChangeOptions {
  leaseToken?: string;
  detail?: Record<string, string>;
  within?: (trx: Handle, row: WorkItemRow) => Promise<void>;
}

const LIST_LIMIT = 200;
/** How long a lease holds an item while a step with outside effects runs; it lapses by itself if the process dies. */
const LEASE_MS = 2 * 60_000;

const closedError = () => new AppError('conflict', 'work_item_closed', 'This item is already closed.');
const claimedError = () =>
  new AppError(
    'conflict',
    'work_item_claimed',
    'A colleague is working on this item. Ask them, or have it assigned to you.',
  );
const busyError = () =>
  new AppError('conflict', 'work_item_busy', 'A colleague is acting on this item right now. Reload in a moment.');
const changedError = () =>
  new AppError(
    'conflict',
    'work_item_changed',
    'This item changed while you were looking at it. Reload and try again.',
  );

/**
 * The staff work queues: one mechanism for every feature that hands work to staff. Items live in pools; staff see
 * the pools their role works (policy), soonest due first, claim, assign, and close them with an outcome the
 * patient can see. Every change is a compare-and-set, so two colleagues acting at once cannot both win, and is
 * audited in its own transaction; reads of items about a patient are audited too.
 */
export class WorkQueueService {
  private readonly repo = new WorkQueueRepository();

  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly staff: StaffAccountsService,
  ) {}

  /** Adds an item in the caller's transaction, so it exists exactly when the change that caused it commits. */
  async create(trx: Handle, item: NewWorkItem): Promise<string> {
    if (!(item.type in workItemTypes)) throw new TypeError(`Unknown work item type ${item.type}`);
    poolSchema.parse(item.pool);
    if (Number.isNaN(item.dueAt.getTime())) throw new TypeError('dueAt is not a valid time');
    const id = ulid();
    const now = toDbTime(this.ctx.clock.now());
    await this.repo.insert(trx, {
      id,
      type: item.type,
      pool: item.pool,
      patient_id: item.patientId ?? null,
      status: 'open',
      assignee_id: null,
      due_at: toDbTime(item.dueAt),
      details: JSON.stringify(item.details),
      outcome: null,
      outcome_note: null,
      created_at: now,
      closed_at: null,
      closed_by: null,
      locked_by: null,
      locked_until: null,
    });
    const entry = {
      actor: item.actor ?? { type: 'system' as const, id: null },
      patientId: item.patientId ?? null,
      action: 'work_queue.item.created' as const,
      subject: { type: 'work_item', id },
      detail: { type: item.type, pool: item.pool },
    };
    await this.ctx.audit.record(item.origin ? { ...entry, origin: item.origin } : entry, trx);
    return id;
  }

  /** An item's status, for the module that owns its subject (read through the caller's handle); null if unknown. */
  /** Where an item stands for the access guard: its pool and patient (null when there is no such item). */
  async target(id: string): Promise<{ pool: string; patientId: string | null } | null> {
    const row = await this.repo.find(this.ctx.db.kysely, id);
    return row ? { pool: row.pool, patientId: row.patient_id } : null;
  }

  async statusOf(trx: Handle, id: string, options: { lock?: boolean } = {}): Promise<WorkItemRow['status'] | null> {
    if (options.lock) return this.repo.statusForUpdate(trx, id, this.ctx.db.engine);
    return (await this.repo.find(trx, id))?.status ?? null;
  }

  /** The caller's pools' items (or one pool's, if they work it): open work soonest due first, with `overdue`. */
  async listForStaff(session: Session, query: Partial<WorkItemListQuery>, origin: RequestOrigin): Promise<WorkItem[]> {
    const w = await this.workerOf(session);
    const scope = narrowScope(w, query.pool);
    if (!scope) throw new AppError('forbidden', 'pool_forbidden', 'Your role does not work that queue.');
    const rows = await this.repo.list(this.ctx.db.kysely, scope, query.status ?? 'active', LIST_LIMIT);
    const withPatient = rows.filter((r) => r.patient_id);
    if (withPatient.length) {
      // One statement for the whole list's audit events (a list of 200 items was 200 inserts).
      await this.ctx.audit.recordMany(
        withPatient.map((r) => ({
          actor: actorOf(session),
          patientId: r.patient_id,
          action: 'work_queue.item.listed',
          subject: { type: 'work_item', id: r.id },
          origin,
        })),
      );
    }
    return this.present(rows, w);
  }

  /** Readable names of care-team pools (`care_team:<organisation id>` → the organisation's name), for tabs. */
  async poolNames(pools: string[]): Promise<Record<string, string>> {
    const refs = pools
      .filter((p) => p.startsWith(CARE_TEAM_PREFIX))
      .map((p) => `Organization/${p.slice(CARE_TEAM_PREFIX.length)}`);
    const names = await this.fhir.namesOf(refs);
    return Object.fromEntries(
      [...names].map(([ref, name]) => [`${CARE_TEAM_PREFIX}${ref.slice('Organization/'.length)}`, name]),
    );
  }

  /**
   * The pools the caller works, for the page's tabs: their fixed pools, plus care-team pools that have items, each
   * with its count of active items (one grouped query over the pool/status index).
   */
  async poolsFor(session: Session): Promise<{ pools: string[]; counts: Record<string, number> }> {
    const w = await this.workerOf(session);
    const scope = poolScopeOf(w);
    const [existing, active] = await Promise.all([
      this.repo.distinctPools(this.ctx.db.kysely),
      this.repo.activeCounts(this.ctx.db.kysely, scope),
    ]);
    const fixed = scope.all ? [...FIXED_POOLS] : scope.pools;
    const pools = [...new Set([...fixed, ...existing.filter((p) => worksPool(w, p))])];
    return { pools, counts: Object.fromEntries(pools.map((p) => [p, active.get(p) ?? 0])) };
  }

  /** One item; 404 if it does not exist or is in a pool the caller does not work. */
  async get(session: Session, id: string, origin: RequestOrigin): Promise<WorkItem> {
    const w = await this.workerOf(session);
    const row = await this.loadFor(this.ctx.db.kysely, w, id);
    if (row.patient_id)
      await this.ctx.audit.record({
        actor: actorOf(session),
        patientId: row.patient_id,
        action: 'work_queue.item.read',
        subject: { type: 'work_item', id },
        origin,
      });
    return (await this.present([row], w))[0]!;
  }

  /** Takes an open item: it becomes the caller's, in progress. Claiming one's own item again changes nothing. */
  async claim(session: Session, id: string, origin: RequestOrigin): Promise<WorkItem> {
    const w = await this.workerOf(session);
    return this.change(session, id, origin, 'work_queue.item.claimed', (row) => {
      if (row.status === 'in_progress' && row.assignee_id === w.accountId) return null;
      if (row.status === 'closed') throw closedError();
      if (!mayClaim(row, w)) throw claimedError();
      return { status: 'in_progress', assignee_id: w.accountId };
    });
  }

  /** Puts a claimed item back in the pool for anyone to take. */
  async release(session: Session, id: string, origin: RequestOrigin): Promise<WorkItem> {
    const w = await this.workerOf(session);
    return this.change(session, id, origin, 'work_queue.item.released', (row) => {
      if (row.status === 'closed') throw closedError();
      if (!mayRelease(row, w))
        throw new AppError(
          'forbidden',
          'work_item_not_yours',
          'Only the colleague working on this item can put it back.',
        );
      return { status: 'open', assignee_id: null };
    });
  }

  /** Hands an unfinished item to a colleague who works its pool. */
  async assign(session: Session, id: string, assigneeId: string, origin: RequestOrigin): Promise<WorkItem> {
    const w = await this.workerOf(session);
    const colleagues = await this.staff.list();
    const target = colleagues.find((c) => c.id === assigneeId && c.status === 'active');
    return this.change(session, id, origin, 'work_queue.item.assigned', (row) => {
      if (row.status === 'closed') throw closedError();
      if (!mayAssign(row, w))
        throw new AppError('forbidden', 'work_item_not_allowed', 'Your role does not work this queue.');
      if (!target || !worksPool(asWorker(target), row.pool))
        throw badInput('assigneeId', 'That colleague does not work this queue.');
      return { status: 'in_progress', assignee_id: target.id };
    });
  }

  /** Colleagues who could take the item (active staff whose role works its pool). */
  async assigneesFor(session: Session, id: string): Promise<{ id: string; displayName: string; role: string }[]> {
    const row = await this.loadFor(this.ctx.db.kysely, await this.workerOf(session), id);
    const colleagues = await this.staff.list();
    return colleagues
      .filter((c) => c.status === 'active' && worksPool(asWorker(c), row.pool))
      .map((c) => ({ id: c.id, displayName: c.displayName, role: c.role ?? '' }));
  }

  /** Closes with one of the outcomes the type allows by hand (`workItemTypes`), with an optional note the patient sees. */
  async close(session: Session, id: string, input: CloseWorkItemRequest, origin: RequestOrigin): Promise<WorkItem> {
    const w = await this.workerOf(session);
    return this.change(
      session,
      id,
      origin,
      'work_queue.item.closed',
      (row) => {
        const outcomes: readonly string[] = workItemTypes[row.type as WorkItemType]?.manualOutcomes ?? [];
        if (row.status === 'closed') throw closedError();
        if (!mayClose(row, w)) throw claimedError();
        if (!outcomes.includes(input.outcome))
          throw badInput(
            'outcome',
            outcomes.length
              ? `Choose one of: ${outcomes.join(', ')}.`
              : 'Items of this kind are closed by their own action.',
          );
        return this.closing(w, input.outcome, input.note ?? null);
      },
      { detail: { outcome: input.outcome } },
    );
  }

  /**
   * For the module that did the work: closes with its own outcome while holding the item's lease (from
   * `acquireLease`), running `within` (its outbox messages, its audit) in the same transaction.
   */
  async complete(
    session: Session,
    id: string,
    done: Completion,
    origin: RequestOrigin,
    leaseToken: string,
    within?: (trx: Handle, row: WorkItemRow) => Promise<void>,
  ): Promise<WorkItem> {
    const w = await this.workerOf(session);
    return this.change(
      session,
      id,
      origin,
      'work_queue.item.closed',
      (row) => {
        if (row.status === 'closed') throw closedError();
        if (row.locked_by !== leaseToken) throw busyError();
        return {
          ...this.closing(w, done.outcome, done.note ?? null),
          ...(done.patientId ? { patient_id: done.patientId } : {}),
        };
      },
      { leaseToken, detail: { outcome: done.outcome }, within },
    );
  }

  /**
   * Claims the item for the caller and holds it exclusively for a short time, while a step with effects outside
   * this table runs (issuing an activation code): a double-click or a colleague cannot run it twice.
   */
  async acquireLease(
    session: Session,
    id: string,
    origin: RequestOrigin,
  ): Promise<{ token: string; item: WorkItemRow }> {
    const w = await this.workerOf(session);
    const token = randomToken(16);
    const until = toDbTime(new Date(this.ctx.clock.now().getTime() + LEASE_MS));
    const item = await this.apply(session, id, origin, 'work_queue.item.claimed', (row) => {
      if (row.status === 'closed') throw closedError();
      if (!mayClose(row, w)) throw claimedError();
      return { status: 'in_progress', assignee_id: w.accountId, locked_by: token, locked_until: until };
    });
    return { token, item };
  }

  /** Gives the lease back after the guarded step failed, so the item can be worked again at once. */
  async releaseLease(id: string, token: string): Promise<void> {
    await this.repo.releaseLease(this.ctx.db.kysely, id, token);
  }

  private closing(w: Worker, outcome: string, note: string | null): Updateable<WorkItemTable> {
    const now = toDbTime(this.ctx.clock.now());
    return {
      status: 'closed',
      outcome,
      outcome_note: note,
      closed_at: now,
      closed_by: w.accountId,
      locked_by: null,
      locked_until: null,
    };
  }

  private async change(
    session: Session,
    id: string,
    origin: RequestOrigin,
    action: AuditAction,
    decide: Decide,
    opts: ChangeOptions = {},
  ): Promise<WorkItem> {
    const after = await this.apply(session, id, origin, action, decide, opts);
    return (await this.present([after], await this.workerOf(session)))[0]!;
  }

  /** Reads the item, lets `decide` refuse or say what changes (null: nothing to do), then compare-and-sets and audits. */
  private async apply(
    session: Session,
    id: string,
    origin: RequestOrigin,
    action: AuditAction,
    decide: Decide,
    opts: ChangeOptions = {},
  ): Promise<WorkItemRow> {
    const w = await this.workerOf(session);
    const now = this.ctx.clock.now();
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await this.loadFor(trx, w, id);
      if (isLeasedByOther(row, now, opts.leaseToken)) throw busyError();
      const changes = decide(row);
      if (!changes) return row;
      if (!(await this.repo.updateIfUnchanged(trx, id, row, changes))) throw changedError();
      const updated = { ...row, ...changes } as WorkItemRow;
      const entry = {
        actor: actorOf(session),
        patientId: updated.patient_id,
        action,
        subject: { type: 'work_item', id },
        origin,
      };
      await this.ctx.audit.record(opts.detail ? { ...entry, detail: opts.detail } : entry, trx);
      await opts.within?.(trx, updated);
      return updated;
    });
  }

  private async workerOf(session: Session): Promise<Worker> {
    if (session.realm !== 'staff') throw new AppError('forbidden', 'staff_only', 'Only staff work the queues.');
    const organisations = await this.ctx.access.grants.organisationsOf(session.accountId);
    return { accountId: session.accountId, role: session.staffRole, organisations };
  }

  private async loadFor(trx: Handle, w: Worker, id: string): Promise<WorkItemRow> {
    const row = await this.repo.find(trx, id);
    // An item in a pool the caller does not work, or about a patient they do not reach, is for them not there.
    if (!row || !worksPool(w, row.pool)) throw notFound('The work item');
    if (row.patient_id && w.role && ORGANISATION_BOUND.includes(w.role))
      if (!(await this.ctx.access.grants.sharesOrganisation(w.accountId, row.patient_id, trx)))
        throw notFound('The work item');
    return row;
  }

  private async present(rows: WorkItemRow[], w: Worker): Promise<WorkItem[]> {
    const names: Names = { patients: new Map(), staff: new Map() };
    const patients = await this.fhir.getPatients(rows.map((r) => r.patient_id).filter((p): p is string => p !== null));
    for (const [id, p] of patients) names.patients.set(id, p.displayName);
    if (rows.some((r) => r.assignee_id || r.closed_by))
      for (const s of await this.staff.list()) names.staff.set(s.id, s.displayName);
    const now = this.ctx.clock.now();
    return rows.map((r) => presentWorkItem(r, names, w, now));
  }
}

/** A colleague from the staff list, as the pool policy sees them. */
function asWorker(c: { id: string; role: Worker['role']; organisations: { id: string }[] }): Worker {
  return { accountId: c.id, role: c.role, organisations: c.organisations.map((o) => o.id) };
}

function actorOf(session: Session): AuditActor {
  return { type: 'staff', id: session.accountId, role: session.staffRole ?? undefined };
}
