import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEventTable, Database } from '../../db/schema.ts';

export type AuditRow = Selectable<AuditEventTable>;
type Handle = Kysely<Database> | Transaction<Database>;

/** The audit table's SQL: insert and read, nothing else (the table refuses UPDATE and DELETE). */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(trx: Handle, row: AuditRow): Promise<void> {
    await trx.insertInto('audit_event').values(row).execute();
  }

  /** Several events in one statement: one commit for all of them, or none. */
  async insertMany(trx: Handle, rows: AuditRow[]): Promise<void> {
    await trx.insertInto('audit_event').values(rows).execute();
  }

  /** One patient's events, newest first, optionally within [from, to). */
  forPatient(patientId: string, options: { from?: string; to?: string; limit: number }): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_event').selectAll().where('patient_id', '=', patientId);
    if (options.from) q = q.where('occurred_at', '>=', options.from);
    if (options.to) q = q.where('occurred_at', '<', options.to);
    return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  }

  /**
   * One patient's events older than `before` (keyset paging: time, then id, so equal times are neither skipped nor
   * repeated across pages), newest first, optionally within [from, to) and by one actor. Served by the
   * (patient_id, occurred_at) index.
   */
  pageForPatient(
    patientId: string,
    options: { from?: string; to?: string; actorId?: string; before?: { at: string; id: string }; limit: number },
  ): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_event').selectAll().where('patient_id', '=', patientId);
    if (options.from) q = q.where('occurred_at', '>=', options.from);
    if (options.to) q = q.where('occurred_at', '<', options.to);
    if (options.actorId) q = q.where('actor_id', '=', options.actorId);
    const before = options.before;
    if (before)
      q = q
        .where('occurred_at', '<=', before.at)
        .where((eb) => eb.or([eb('occurred_at', '<', before.at), eb('id', '<', before.id)]));
    return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  }

  /** Events an account did, or that were done to it (a lock), whose action starts with one of the prefixes; newest first. */
  forAccount(accountId: string, actionPrefixes: string[], limit: number): Promise<AuditRow[]> {
    return this.db
      .selectFrom('audit_event')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('actor_id', '=', accountId),
          eb.and([eb('subject_type', '=', 'account'), eb('subject_id', '=', accountId)]),
        ]),
      )
      .where((eb) => eb.or(actionPrefixes.map((p) => eb('action', 'like', `${p}%`))))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
