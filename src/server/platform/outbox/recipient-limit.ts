import { monotonicFactory } from 'ulid';
import type { Kysely } from 'kysely';
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
 * Race-safe without locks: each delivery first writes its reservation (ids sort by time), then goes only if its
 * reservation is among the first `perHour` of the window; a later one withdraws and waits.
 */
export class RecipientLimit {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly perHour: number,
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
    await this.db.deleteFrom('notification_delivery').where('recipient_key', '=', key).where('sent_at', '<=', windowStart).execute();
    await this.db.insertInto('notification_delivery').values({ id, recipient_key: key, sent_at: toDbTime(now) }).execute();
    const release = async (): Promise<void> => {
      await this.db.deleteFrom('notification_delivery').where('id', '=', id).execute();
    };
    const window = await this.db.selectFrom('notification_delivery').select(['id', 'sent_at']).where('recipient_key', '=', key).where('sent_at', '>', windowStart).where('id', '<=', id).orderBy('id').execute();
    if (window.length <= this.perHour) return release;
    await release();
    // The place frees up when the delivery `perHour` places ahead of this one leaves the window.
    const blocker = window[window.length - 1 - this.perHour]!;
    const until = new Date(Date.parse(blocker.sent_at) + HOUR_MS + 1000);
    throw new DeferDeliveryError(until, `recipient reached ${this.perHour} ${channel === 'sms' ? 'texts' : 'emails'} this hour`);
  }
}

function recipientKey(channel: string, address: string): string {
  return sha256(`${channel}:${address.trim().toLowerCase()}`);
}
