import { monotonicFactory } from 'ulid';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { sha256 } from '../crypto.ts';
import { DeferDeliveryError } from './outbox.ts';

const HOUR_MS = 3_600_000;
const nextId = monotonicFactory();

/**
 * At most `perHour` emails or texts to one address in any hour, across every worker and node (the count lives in
 * the database). A message over the limit is not dropped: it is deferred until a place in the window frees up,
 * without counting as a failed attempt. Addresses are stored only as a hash.
 *
 * Race-safe: a delivery takes its place in a short transaction that holds the recipient's lock while it counts.
 */
export class RecipientLimit {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly perHour: number,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  /**
   * Takes a place for one delivery, or throws DeferDeliveryError. Returns `release`, to give the place back when the
   * delivery then fails (a failed attempt should not use up the recipient's hour).
   */
  async reserve(channel: 'email' | 'sms', address: string): Promise<() => Promise<void>> {
    const key = recipientKey(channel, address);
    const now = this.clock.now();
    const windowStart = toDbTime(new Date(now.getTime() - HOUR_MS));
    const id = nextId(now.getTime());
    // One reservation at a time per recipient: on PostgreSQL a transaction-scoped advisory lock on the key (workers
    // and nodes share it); SQLite runs one write transaction at a time anyway.
    const window = await this.db.transaction().execute(async (trx) => {
      if (this.engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      await trx.deleteFrom('notification_delivery').where('recipient_key', '=', key).where('sent_at', '<=', windowStart).execute();
      const taken = await trx.selectFrom('notification_delivery').select('sent_at').where('recipient_key', '=', key).where('sent_at', '>', windowStart).orderBy('sent_at').execute();
      if (taken.length < this.perHour) await trx.insertInto('notification_delivery').values({ id, recipient_key: key, sent_at: toDbTime(now) }).execute();
      return taken;
    });
    if (window.length >= this.perHour) {
      // The place frees up when the delivery `perHour` places back leaves the window.
      const until = new Date(Date.parse(window[window.length - this.perHour]!.sent_at) + HOUR_MS + 1000);
      throw new DeferDeliveryError(until, `recipient reached ${this.perHour} ${channel === 'sms' ? 'texts' : 'emails'} this hour`);
    }
    return async () => {
      await this.db.deleteFrom('notification_delivery').where('id', '=', id).execute();
    };
  }

}

function recipientKey(channel: string, address: string): string {
  return sha256(`${channel}:${address.trim().toLowerCase()}`);
}
