import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The per-recipient delivery log (recipients only as hashes). */
export class RecipientLimitRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: 'sqlite' | 'postgres',
  ) {}

  /**
   * Under the recipient's lock (PostgreSQL: a transaction-scoped advisory lock shared by every worker and node;
   * SQLite runs one write transaction at a time anyway): forgets deliveries older than the window, and writes the
   * reservation when fewer than `max` are in it. Returns the window's deliveries as they were before, oldest first.
   */
  takePlace(
    key: string,
    windowStart: string,
    max: number,
    reservation: { id: string; sentAt: string },
  ): Promise<{ sent_at: string }[]> {
    return this.db.transaction().execute(async (trx) => {
      if (this.engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      await trx
        .deleteFrom('notification_delivery')
        .where('recipient_key', '=', key)
        .where('sent_at', '<=', windowStart)
        .execute();
      const taken = await trx
        .selectFrom('notification_delivery')
        .select('sent_at')
        .where('recipient_key', '=', key)
        .where('sent_at', '>', windowStart)
        .orderBy('sent_at')
        .execute();
      if (taken.length < max)
        await trx
          .insertInto('notification_delivery')
          .values({ id: reservation.id, recipient_key: key, sent_at: reservation.sentAt })
          .execute();
      return taken;
    });
  }

  async release(id: string): Promise<void> {
    await this.db.deleteFrom('notification_delivery').where('id', '=', id).execute();
  }
}
