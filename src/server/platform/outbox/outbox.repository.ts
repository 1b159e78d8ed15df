import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Engine } from '../../db/connection.ts';
import type { Database, OutboxMessageTable } from '../../db/schema.ts';

/** A handle a write can go through: the database itself or the caller's open transaction. */
export type DbHandle = Kysely<Database> | Transaction<Database>;

/** One outbox row as stored (timestamps are ISO-8601 UTC text, payload is JSON text). */
export type OutboxRow = Selectable<OutboxMessageTable>;

/** The life of a message: pending → processing → done, or back to pending (retry), or dead (gave up). */
export type OutboxStatus = OutboxRow['status'];

/**
 * The lease a claim hands out. It is also the fencing token: a worker may finish a message only
 * while the row still carries exactly this lease, so a worker that stalled past its lease and was
 * overtaken cannot overwrite the outcome of the worker that took over.
 */
export interface Lease {
  workerId: string;
  until: string;
}

/** What an operator sees of a dead letter: never the payload (it may name a patient or an address). */
export interface DeadLetterRow {
  id: string;
  topic: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

/** Reason written on a message whose lease ran out, so an operator can tell a crash from a handler error. */
export const LEASE_EXPIRED_ERROR = 'lease expired: the worker stopped before finishing (crash or restart)';

/**
 * The only file that knows the outbox table. `completed_at` is when a message left the queue,
 * delivered (done) or given up (dead). The unique index on `dedupe_key` makes enqueue idempotent.
 */
export class OutboxRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  /** Inserts a pending message through the caller's handle; false when the dedupe key is already known (no-op). */
  async insert(
    trx: DbHandle,
    m: { id: string; topic: string; dedupeKey: string; payload: string; availableAt: string; createdAt: string },
  ): Promise<boolean> {
    const rows = await trx
      .insertInto('outbox_message')
      .values({
        id: m.id,
        topic: m.topic,
        dedupe_key: m.dedupeKey,
        payload: m.payload,
        status: 'pending',
        available_at: m.availableAt,
        created_at: m.createdAt,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** The id of the message holding a dedupe key, read through the caller's handle. */
  async idForDedupeKey(trx: DbHandle, dedupeKey: string): Promise<string> {
    const row = await trx
      .selectFrom('outbox_message')
      .select('id')
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Claims up to `limit` due messages in one statement: pending and due, or processing with an
   * expired lease (its worker died). On PostgreSQL the inner select takes row locks with
   * SKIP LOCKED, so concurrent workers on other nodes get disjoint batches without waiting;
   * SQLite serialises writers, so the single UPDATE is already atomic there. Taking over an
   * expired lease counts as one failed attempt, so a message that crashes its worker every time
   * still ends up dead instead of looping forever.
   */
  async claim(lease: Lease, now: string, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db
      .updateTable('outbox_message')
      .set({
        status: 'processing',
        locked_by: lease.workerId,
        locked_until: lease.until,
        attempts: sql<number>`case when status = 'processing' then attempts + 1 else attempts end`,
        last_error: sql<string | null>`case when status = 'processing' then ${LEASE_EXPIRED_ERROR} else last_error end`,
      })
      .where('id', 'in', (eb) => {
        const due = eb
          .selectFrom('outbox_message')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('available_at', '<=', now)]),
              w.and([w('status', '=', 'processing'), w('locked_until', '<=', now)]),
            ]),
          )
          .orderBy('available_at')
          .orderBy('id')
          .limit(limit);
        return this.engine === 'postgres' ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.available_at.localeCompare(b.available_at) || a.id.localeCompare(b.id));
  }

  /** Marks a message delivered, only while this worker still holds the lease it claimed it with. */
  async markDone(id: string, lease: Lease, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox_message')
      .set({ status: 'done', completed_at: now, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .where('locked_by', '=', lease.workerId)
      .where('locked_until', '=', lease.until)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Records a failed attempt under the same fencing check: back to pending at `retryAt`, or dead
   * when `retryAt` is null (the caller decides from its backoff policy).
   */
  async markFailed(
    id: string,
    lease: Lease,
    f: { attempts: number; error: string; retryAt: string | null; now: string },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox_message')
      .set({
        status: f.retryAt === null ? 'dead' : 'pending',
        attempts: f.attempts,
        last_error: f.error,
        available_at: f.retryAt ?? f.now,
        completed_at: f.retryAt === null ? f.now : null,
        locked_by: null,
        locked_until: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .where('locked_by', '=', lease.workerId)
      .where('locked_until', '=', lease.until)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Dead letters, most recently given up first. */
  async listDead(limit: number): Promise<DeadLetterRow[]> {
    return this.db
      .selectFrom('outbox_message')
      .select(['id', 'topic', 'attempts', 'last_error', 'created_at', 'completed_at'])
      .where('status', '=', 'dead')
      .orderBy('completed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Puts a dead letter back in the queue with a fresh set of attempts; false when no dead message has that id. */
  async retryDead(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox_message')
      .set({ status: 'pending', attempts: 0, available_at: now, completed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** How many messages are in each state (for health checks and the CLI). */
  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom('outbox_message')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<OutboxStatus, number> = { pending: 0, processing: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** One message by id (tests and diagnostics). */
  async findById(id: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
