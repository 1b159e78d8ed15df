import { ulid } from 'ulid';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { sha256 } from '../crypto.ts';
import { DeferDeliveryError } from './outbox.ts';

const HOUR_MS = 3_600_000;

/**
 * At most `perHour` emails or texts to one address in any hour, across every worker and node (the count lives in
 * the database). A message over the limit is not dropped: it is deferred until the oldest delivery in the window is
 * an hour old, without counting as a failed attempt. Addresses are stored only as a hash.
 */
export class RecipientLimit {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly perHour: number,
  ) {}

  /** Throws DeferDeliveryError when the address has had its share this hour. */
  async admit(channel: 'email' | 'sms', address: string): Promise<void> {
    const key = recipientKey(channel, address);
    const now = this.clock.now();
    const since = toDbTime(new Date(now.getTime() - HOUR_MS));
    const rows = await this.db.selectFrom('notification_delivery').select('sent_at').where('recipient_key', '=', key).where('sent_at', '>', since).orderBy('sent_at').execute();
    if (rows.length < this.perHour) return;
    const until = new Date(Date.parse(rows[rows.length - this.perHour]!.sent_at) + HOUR_MS + 1000);
    throw new DeferDeliveryError(until, `recipient reached ${this.perHour} ${channel === 'sms' ? 'texts' : 'emails'} this hour`);
  }

  /** Counts a delivery, and forgets this address's deliveries older than the window. */
  async sent(channel: 'email' | 'sms', address: string): Promise<void> {
    const key = recipientKey(channel, address);
    const now = this.clock.now();
    await this.db.deleteFrom('notification_delivery').where('recipient_key', '=', key).where('sent_at', '<=', toDbTime(new Date(now.getTime() - HOUR_MS))).execute();
    await this.db.insertInto('notification_delivery').values({ id: ulid(), recipient_key: key, sent_at: toDbTime(now) }).execute();
  }
}

function recipientKey(channel: string, address: string): string {
  return sha256(`${channel}:${address.trim().toLowerCase()}`);
}
