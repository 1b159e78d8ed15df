import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A counter as stored: points used in the current window and when the window ends (ms since the epoch, or never). */
export interface CounterRow {
  points: number;
  expireAt: number | null;
}

/** The attempt counters' SQL: one row per key, changed by single atomic statements on both engines. */
export class RateLimitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds `points` to the key's counter in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), starting a new
   * window when the old one has ended; `replace` sets the counter outright. Parallel callers each see their own total.
   */
  async add(key: string, points: number, expireAt: number | null, now: number, replace: boolean): Promise<CounterRow> {
    const live = sql<boolean>`rate_limit.expire_at IS NULL OR rate_limit.expire_at > ${now}`;
    const row = await this.db
      .insertInto('rate_limit')
      .values({ key, points, expire_at: expireAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet(
          replace
            ? { points, expire_at: expireAt }
            : {
                points: sql<number>`CASE WHEN ${live} THEN rate_limit.points + excluded.points ELSE excluded.points END`,
                expire_at: sql<number>`CASE WHEN ${live} THEN rate_limit.expire_at ELSE excluded.expire_at END`,
              },
        ),
      )
      .returning(['points', 'expire_at'])
      .executeTakeFirstOrThrow();
    return toCounter(row);
  }

  async get(key: string, now: number): Promise<CounterRow | null> {
    const row = await this.db
      .selectFrom('rate_limit')
      .select(['points', 'expire_at'])
      .where('key', '=', key)
      .where((eb) => eb.or([eb('expire_at', 'is', null), eb('expire_at', '>', now)]))
      .executeTakeFirst();
    return row ? toCounter(row) : null;
  }

  async delete(key: string): Promise<boolean> {
    const res = await this.db.deleteFrom('rate_limit').where('key', '=', key).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Removes counters whose window ended before `before`; returns how many. */
  async purgeExpired(before: number): Promise<number> {
    const res = await this.db.deleteFrom('rate_limit').where('expire_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

function toCounter(row: { points: number | string; expire_at: number | string | null }): CounterRow {
  return { points: Number(row.points), expireAt: row.expire_at === null ? null : Number(row.expire_at) };
}
