import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database, WorkItemTable } from '../../db/schema.ts';
import type { WorkItemStatusFilter } from '../../../shared/work-queue.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type WorkItemRow = Selectable<WorkItemTable>;

/** Which pools a query may touch: every pool, or named pools plus pools under prefixes (`care_team:`). */
export type PoolScope = { all: true } | { all: false; pools: string[]; prefixes: string[] };

/** The conditions that keep a query to a scope's pools: named pools, and pools under prefixes. */
function poolFilter(eb: ExpressionBuilder<Database, 'work_item'>, scope: { pools: string[]; prefixes: string[] }) {
  // substr, not LIKE: pool names contain `_`, which LIKE would read as a wildcard.
  return [
    ...scope.pools.map((p) => eb('pool', '=', p)),
    ...scope.prefixes.map((p) => eb(eb.fn<string>('substr', ['pool', eb.val(1), eb.val(p.length)]), '=', p)),
  ];
}

/** The fields a change was decided on; the update applies only if they are still the same (compare-and-set). */
export interface SeenState {
  status: WorkItemRow['status'];
  assignee_id: string | null;
  locked_by: string | null;
}

/** Work-queue SQL. Every list is limited to the caller's pools by the scope the policy computed. */
export class WorkQueueRepository {
  async insert(trx: Handle, row: Insertable<WorkItemTable>): Promise<void> {
    await trx.insertInto('work_item').values(row).execute();
  }

  /** The item's status, holding its row until the transaction ends (PostgreSQL; SQLite transactions are serial anyway). */
  async statusForUpdate(trx: Handle, id: string, engine: 'sqlite' | 'postgres'): Promise<WorkItemRow['status'] | null> {
    const q = trx.selectFrom('work_item').select('status').where('id', '=', id);
    return (await (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst())?.status ?? null;
  }

  find(trx: Handle, id: string): Promise<WorkItemRow | undefined> {
    return trx.selectFrom('work_item').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Active (open or in-progress) items per pool in scope, in one grouped statement; pools without any are absent. */
  async activeCounts(trx: Handle, scope: PoolScope): Promise<Map<string, number>> {
    let q = trx
      .selectFrom('work_item')
      .select((eb) => ['pool', eb.fn.countAll<number | string>().as('n')])
      .where('status', 'in', ['open', 'in_progress']);
    if (!scope.all) {
      if (!scope.pools.length && !scope.prefixes.length) return new Map();
      q = q.where((eb) => eb.or(poolFilter(eb, scope)));
    }
    const rows = await q.groupBy('pool').execute();
    return new Map(rows.map((r) => [r.pool, Number(r.n)]));
  }

  /** Items in scope with a status filter; open work soonest due first, closed work most recently closed first. */
  list(trx: Handle, scope: PoolScope, status: WorkItemStatusFilter, limit: number): Promise<WorkItemRow[]> {
    let q = trx.selectFrom('work_item').selectAll();
    if (!scope.all) {
      if (!scope.pools.length && !scope.prefixes.length) return Promise.resolve([]);
      q = q.where((eb) => eb.or(poolFilter(eb, scope)));
    }
    // 'active' as the statuses it means, not `!= 'closed'`: an index can find those.
    if (status === 'active') q = q.where('status', 'in', ['open', 'in_progress']);
    else q = q.where('status', '=', status);
    q = status === 'closed' ? q.orderBy('closed_at', 'desc') : q.orderBy('due_at', 'asc').orderBy('created_at', 'asc');
    return q.orderBy('id').limit(limit).execute();
  }

  /**
   * The pools that have any item (admins and care teams see tabs for pools that exist). A skip scan: each next pool is
   * one lookup in the pool index, so a handful of pools cost a handful of lookups however many items they hold.
   */
  async distinctPools(trx: Handle): Promise<string[]> {
    const { rows } = await sql<{ pool: string }>`
      WITH RECURSIVE pools(pool) AS (
        SELECT min(pool) FROM work_item
        UNION ALL
        SELECT (SELECT min(w.pool) FROM work_item w WHERE w.pool > pools.pool) FROM pools WHERE pools.pool IS NOT NULL
      )
      SELECT pool FROM pools WHERE pool IS NOT NULL ORDER BY pool`.execute(trx);
    return rows.map((r) => r.pool);
  }

  /** Applies `changes` only if the item is still as it was seen; false when someone else changed it first. */
  async updateIfUnchanged(
    trx: Handle,
    id: string,
    seen: SeenState,
    changes: Updateable<WorkItemTable>,
  ): Promise<boolean> {
    const res = await trx
      .updateTable('work_item')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', seen.status)
      .where((eb) =>
        seen.assignee_id === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', seen.assignee_id),
      )
      .where((eb) => (seen.locked_by === null ? eb('locked_by', 'is', null) : eb('locked_by', '=', seen.locked_by)))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Gives up a lease (the step it guarded failed); a no-op if the token no longer holds it. */
  async releaseLease(trx: Handle, id: string, token: string): Promise<void> {
    await trx
      .updateTable('work_item')
      .set({ locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', token)
      .execute();
  }
}
