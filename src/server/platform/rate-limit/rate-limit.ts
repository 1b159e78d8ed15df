import { RateLimiterRes } from 'rate-limiter-flexible';
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { RateLimitRepository, type CounterRow } from './rate-limit.repository.ts';

/** A named limit: at most `points` attempts per key in a window of `minutes` that starts at the first attempt. */
export interface AttemptRule {
  name: string;
  points: number;
  minutes: number;
}

/** Refused because a limit was reached; the reply carries Retry-After. */
export class RateLimitedError extends AppError {
  constructor(override readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'rate_limited',
      'rate_limited',
      `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
    );
  }
}

/**
 * rate-limiter-flexible's limiter on our own database through Kysely: the counters live in the `rate_limit` table
 * that every app node shares, each change is one atomic upsert on either engine, statements queue behind the
 * app's own (SQLite has one connection), and time comes from the injectable clock.
 */
class KyselyLimiter extends RateLimiterStoreAbstract {
  constructor(
    private readonly repo: RateLimitRepository,
    private readonly clock: Clock,
    rule: AttemptRule,
  ) {
    super({ storeClient: repo, keyPrefix: rule.name, points: rule.points, duration: rule.minutes * 60 });
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<CounterRow> {
    const now = this.clock.now().getTime();
    return this.repo.add(rlKey, points, msDuration > 0 ? now + msDuration : null, now, forceExpire);
  }

  _get(rlKey: string): Promise<CounterRow | null> {
    return this.repo.get(rlKey, this.clock.now().getTime());
  }

  _delete(rlKey: string): Promise<boolean> {
    return this.repo.delete(rlKey);
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: CounterRow): RateLimiterRes {
    const first = changedPoints === row.points;
    const consumed = first ? changedPoints : row.points;
    const msBeforeNext = row.expireAt === null ? -1 : Math.max(row.expireAt - this.clock.now().getTime(), 0);
    return new RateLimiterRes(Math.max(this.points - consumed, 0), msBeforeNext, consumed, first);
  }
}

/**
 * Attempt limits for credential checks. `take` counts an attempt before the check is made, atomically, so a burst
 * of parallel attempts gets exactly `points` checks; what the check then finds can give the attempt back or clear
 * the key. Every app node shares the counts.
 */
export class RateLimits {
  private readonly repo: RateLimitRepository;
  private readonly limiters = new Map<string, KyselyLimiter>();

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.repo = new RateLimitRepository(db);
  }

  /** Counts one attempt; throws RateLimitedError (nothing checked) when it is over the limit. Returns the attempt's number. */
  async take(rule: AttemptRule, key: string): Promise<number> {
    try {
      return (await this.limiter(rule).consume(key)).consumedPoints;
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.ceil(Math.max(err.msBeforeNext, 1000) / 1000));
      throw err;
    }
  }

  /** Like take, for answers that must not change: false when over the limit. */
  async tryTake(rule: AttemptRule, key: string): Promise<boolean> {
    try {
      await this.take(rule, key);
      return true;
    } catch (err) {
      if (err instanceof RateLimitedError) return false;
      throw err;
    }
  }

  /** Gives one attempt back (a successful sign-in does not count against its address). */
  async giveBack(rule: AttemptRule, key: string): Promise<void> {
    await this.limiter(rule).reward(key, 1);
  }

  /** Forgets the key's count (a successful sign-in ends the run of failures). */
  async clear(rule: AttemptRule, key: string): Promise<void> {
    await this.limiter(rule).delete(key);
  }

  /** Refuses every attempt on the key for `seconds` from now. */
  async block(rule: AttemptRule, key: string, seconds: number): Promise<void> {
    await this.limiter(rule).block(key, seconds);
  }

  /** Drops counters whose window ended over an hour ago (housekeeping; a periodic job runs it). */
  purgeExpired(): Promise<number> {
    return this.repo.purgeExpired(this.clock.now().getTime() - 3_600_000);
  }

  private limiter(rule: AttemptRule): KyselyLimiter {
    let limiter = this.limiters.get(rule.name);
    if (!limiter) {
      limiter = new KyselyLimiter(this.repo, this.clock, rule);
      this.limiters.set(rule.name, limiter);
    }
    return limiter;
  }
}
