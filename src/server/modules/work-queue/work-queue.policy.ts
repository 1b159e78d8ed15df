import type { StaffRole } from '../../db/schema.ts';
import type { WorkItemActions } from '../../../shared/work-queue.ts';
import type { PoolScope, WorkItemRow } from './work-queue.repository.ts';
import { CARE_TEAM_PREFIX, poolsWorked, roleHolds, worksPool as worksPoolOf } from '../../platform/access/policy.ts';

/** The staff member looking at the queue, with the organisations whose care-team pools they work. */
export interface Worker {
  accountId: string;
  role: StaffRole | null;
  organisations: readonly string[];
}

export { CARE_TEAM_PREFIX };

/** The fixed pools (care-team pools come with organisations). */
export const FIXED_POOLS = ['front_desk', 'him', 'billing', 'customer_service'] as const;

/** The pools a worker may see, as a query scope (platform/access/policy.ts decides which). */
export function poolScopeOf(w: Worker): PoolScope {
  const scope = poolsWorked(w.role, w.organisations);
  return scope.all ? scope : { all: false, pools: scope.pools, prefixes: [] };
}

/** Whether a worker works a pool: every read and change of an item checks this. */
export function worksPool(w: Worker, pool: string): boolean {
  return worksPoolOf(w.role, w.organisations, pool);
}

/** Narrows a worker's scope to one requested pool (a tab), or null when they do not work it. */
export function narrowScope(w: Worker, pool: string | undefined): PoolScope | null {
  if (pool === undefined) return poolScopeOf(w);
  return worksPool(w, pool) ? { all: false, pools: [pool], prefixes: [] } : null;
}

/** An item's lease is held by someone else right now (a code is being issued from it). */
export function isLeasedByOther(item: WorkItemRow, now: Date, token?: string): boolean {
  return (
    item.locked_by !== null &&
    item.locked_by !== token &&
    item.locked_until !== null &&
    Date.parse(item.locked_until) > now.getTime()
  );
}

/** Not closed and past its due time. */
export function isOverdue(item: WorkItemRow, now: Date): boolean {
  return item.status !== 'closed' && Date.parse(item.due_at) < now.getTime();
}

/** Anyone who works the pool may take an open item. */
export function mayClaim(item: WorkItemRow, w: Worker): boolean {
  return worksPool(w, item.pool) && item.status === 'open';
}

/** The assignee (or an admin) may put a claimed item back in the pool. */
export function mayRelease(item: WorkItemRow, w: Worker): boolean {
  return (
    worksPool(w, item.pool) && item.status === 'in_progress' && (item.assignee_id === w.accountId || w.role === 'admin')
  );
}

/** Anyone who works the pool may hand an unfinished item to a colleague (or to themselves). */
export function mayAssign(item: WorkItemRow, w: Worker): boolean {
  return worksPool(w, item.pool) && item.status !== 'closed';
}

/** An open item, or one claimed by the caller, may be closed; an admin may close any unfinished item. */
export function mayClose(item: WorkItemRow, w: Worker): boolean {
  if (!worksPool(w, item.pool) || item.status === 'closed') return false;
  return item.status === 'open' || item.assignee_id === w.accountId || w.role === 'admin';
}

/** What the caller may do next with an item; the page shows only these buttons. */
export function allowedActions(item: WorkItemRow, w: Worker, now: Date): WorkItemActions {
  const busy = isLeasedByOther(item, now);
  const canClose = mayClose(item, w) && !busy;
  return {
    canClaim: mayClaim(item, w) && !busy,
    canRelease: mayRelease(item, w) && !busy,
    canAssign: mayAssign(item, w) && !busy,
    canClose,
    canIssueCode: canClose && item.type === 'activation_code_request' && roleHolds(w.role, 'activation_code.issue'),
    canSeeChart: item.patient_id !== null && roleHolds(w.role, 'chart.read'),
  };
}
