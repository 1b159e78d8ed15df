import { newMonotonicUlid } from '../ids.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { sha256 } from '../crypto.ts';
import { DeferDeliveryError } from './delivery.ts';
import { RecipientLimitRepository } from './recipient-limit.repository.ts';

const HOUR_MS = 3_600_000;
const nextId = newMonotonicUlid();

/**
 * At most `perHour` emails or texts to one address in any hour, across every worker and node (the count lives in
 * the database). A message over the limit is not dropped: it is deferred until a place in the window frees up,
 * without counting as a failed attempt. Addresses are stored only as a hash.
 *
 * Race-safe: a delivery takes its place in a short transaction that holds the recipient's lock while it counts.
 */
export class RecipientLimit {
  private readonly repo: RecipientLimitRepository;
  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly perHour: number,
    engine: 'sqlite' | 'postgres',
  ) {
    this.repo = new RecipientLimitRepository(db, engine);
  }

  /**
   * Takes a place for one delivery, or throws DeferDeliveryError. Returns `release`, to give the place back when the
   * delivery then fails (a failed attempt should not use up the recipient's hour).
   */
  async reserve(channel: 'email' | 'sms', address: string): Promise<() => Promise<void>> {
    const key = recipientKey(channel, address);
    const now = this.clock.now();
    const windowStart = toDbTime(new Date(now.getTime() - HOUR_MS));
    const id = nextId(now.getTime());
    const window = await this.repo.takePlace(key, windowStart, this.perHour, { id, sentAt: toDbTime(now) });
    if (window.length >= this.perHour) {
      // The place frees up when the delivery `perHour` places back leaves the window.
      const until = new Date(Date.parse(window[window.length - this.perHour]!.sent_at) + HOUR_MS + 1000);
      throw new DeferDeliveryError(
        until,
        `recipient reached ${this.perHour} ${channel === 'sms' ? 'texts' : 'emails'} this hour`,
      );
    }
    return () => this.repo.release(id);
  }
}

function recipientKey(channel: string, address: string): string {
  return sha256(`${channel}:${address.trim().toLowerCase()}`);
}
