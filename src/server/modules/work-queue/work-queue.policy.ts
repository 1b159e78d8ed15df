import type { StaffRole } from '../../db/schema.ts';
import type { WorkItemActions } from '../../../shared/work-queue.ts';
import type { PoolScope, WorkItemRow } from './work-queue.repository.ts';

/** The staff member looking at the queue. */
export interface Worker {
  accountId: string;
  role: StaffRole | null;
}

/** Care-team pools are named `care_team:<id>`. */
export const CARE_TEAM_PREFIX = 'care_team:';

/** The fixed pools (care-team pools come with care teams). */
export const FIXED_POOLS = ['front_desk', 'him', 'billing', 'customer_service'] as const;

/**
 * Which pools a role works: front desk → front_desk and customer_service (patients' general questions); health-information management → him; billing → billing;
 * clinicians and nurses → the care-team pools (until care teams exist, every `care_team:*`; membership narrows it
 * later); admin → every pool. Anyone else (no role) works none.
 */
export function poolScopeOf(role: StaffRole | null): PoolScope {
  switch (role) {
    case 'admin':
      return { all: true };
    case 'front_desk':
      return { all: false, pools: ['front_desk', 'customer_service'], prefixes: [] };
    case 'him':
      return { all: false, pools: ['him'], prefixes: [] };
    case 'billing':
      return { all: false, pools: ['billing'], prefixes: [] };
    case 'clinician':
    case 'nurse':
      return { all: false, pools: [], prefixes: [CARE_TEAM_PREFIX] };
    default:
      return { all: false, pools: [], prefixes: [] };
  }
}

/** Whether a role works a pool: every read and change of an item checks this besides the route's role list. */
export function worksPool(role: StaffRole | null, pool: string): boolean {
  const scope = poolScopeOf(role);
  return scope.all || scope.pools.includes(pool) || scope.prefixes.some((p) => pool.startsWith(p));
}

/** Narrows a role's scope to one requested pool (a tab), or null when the role does not work it. */
export function narrowScope(role: StaffRole | null, pool: string | undefined): PoolScope | null {
  if (pool === undefined) return poolScopeOf(role);
  return worksPool(role, pool) ? { all: false, pools: [pool], prefixes: [] } : null;
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
  return worksPool(w.role, item.pool) && item.status === 'open';
}

/** The assignee (or an admin) may put a claimed item back in the pool. */
export function mayRelease(item: WorkItemRow, w: Worker): boolean {
  return (
    worksPool(w.role, item.pool) &&
    item.status === 'in_progress' &&
    (item.assignee_id === w.accountId || w.role === 'admin')
  );
}

/** Anyone who works the pool may hand an unfinished item to a colleague (or to themselves). */
export function mayAssign(item: WorkItemRow, w: Worker): boolean {
  return worksPool(w.role, item.pool) && item.status !== 'closed';
}

/** An open item, or one claimed by the caller, may be closed; an admin may close any unfinished item. */
export function mayClose(item: WorkItemRow, w: Worker): boolean {
  if (!worksPool(w.role, item.pool) || item.status === 'closed') return false;
  return item.status === 'open' || item.assignee_id === w.accountId || w.role === 'admin';
}

/** Roles that may issue activation codes (the front-desk routes list the same). */
export const CODE_ISSUING_ROLES: StaffRole[] = ['front_desk', 'admin'];

/** What the caller may do next with an item; the page shows only these buttons. */
export function allowedActions(item: WorkItemRow, w: Worker, now: Date): WorkItemActions {
  const busy = isLeasedByOther(item, now);
  const canClose = mayClose(item, w) && !busy;
  return {
    canClaim: mayClaim(item, w) && !busy,
    canRelease: mayRelease(item, w) && !busy,
    canAssign: mayAssign(item, w) && !busy,
    canClose,
    canIssueCode:
      canClose && item.type === 'activation_code_request' && w.role !== null && CODE_ISSUING_ROLES.includes(w.role),
  };
}
