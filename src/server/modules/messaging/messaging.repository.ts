import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type {
  Database,
  MessageAttachmentTable,
  MessageTable,
  MessageThreadTable,
  RecordAmendmentTable,
} from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type ThreadRow = Selectable<MessageThreadTable>;
export type MessageRow = Selectable<MessageTable>;
export type AttachmentRow = Selectable<MessageAttachmentTable>;

/**
 * Threads, messages, read marks, attachments' metadata and record amendments. Threads and attachments are found
 * through a patient scope, never by a bare id: another record's thread or file is simply not there.
 */
export class MessagingRepository {
  async insertThread(trx: Handle, row: Insertable<MessageThreadTable>): Promise<void> {
    await trx.insertInto('message_thread').values(row).execute();
  }

  async insertMessage(trx: Handle, row: Insertable<MessageTable>): Promise<void> {
    await trx.insertInto('message').values(row).execute();
  }

  async updateThread(trx: Handle, id: string, changes: Partial<Omit<ThreadRow, 'id'>>): Promise<void> {
    await trx.updateTable('message_thread').set(changes).where('id', '=', id).execute();
  }

  /** A thread of the scope's patient; another record's thread is not found. */
  findThread(trx: Handle, scope: PatientScope, id: string): Promise<ThreadRow | undefined> {
    return trx
      .selectFrom('message_thread')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A patient's threads, newest activity first; `q` matches the subject or any message's text (case-insensitive). */
  threadsOf(trx: Handle, scope: PatientScope, q: string | undefined, limit: number): Promise<ThreadRow[]> {
    let query = trx.selectFrom('message_thread as t').selectAll('t').where('t.patient_id', '=', scope.patientId);
    if (q) {
      // Wildcards are removed rather than escaped: the two engines escape LIKE differently.
      const like = `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['t.subject']), 'like', like),
          eb.exists(
            eb
              .selectFrom('message as m')
              .select('m.id')
              .whereRef('m.thread_id', '=', 't.id')
              .where((inner) => inner(inner.fn('lower', ['m.body']), 'like', like)),
          ),
        ]),
      );
    }
    return query.orderBy('t.last_message_at', 'desc').limit(limit).execute();
  }

  /** The newest conversation of a record with a topic about one item ("Request this note" on a visit). */
  latestAbout(trx: Handle, patientId: string, topic: string, about: { type: string; id: string }) {
    return trx
      .selectFrom('message_thread')
      .select(['id', 'status', 'created_at'])
      .where('patient_id', '=', patientId)
      .where('topic', '=', topic)
      .where('about_type', '=', about.type)
      .where('about_id', '=', about.id)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  messagesOf(trx: Handle, threadId: string): Promise<MessageRow[]> {
    return trx
      .selectFrom('message')
      .selectAll()
      .where('thread_id', '=', threadId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Per thread: how many messages, and when staff last wrote. */
  async statsOf(trx: Handle, threadIds: string[]): Promise<Map<string, { count: number; lastStaffAt: string | null }>> {
    const out = new Map<string, { count: number; lastStaffAt: string | null }>();
    if (!threadIds.length) return out;
    const rows = await trx
      .selectFrom('message')
      .select((eb) => ['thread_id', eb.fn.countAll<string | number>().as('n')])
      .where('thread_id', 'in', threadIds)
      .groupBy('thread_id')
      .execute();
    for (const r of rows) out.set(r.thread_id, { count: Number(r.n), lastStaffAt: null });
    const staff = await trx
      .selectFrom('message')
      .select((eb) => ['thread_id', eb.fn.max<string>('created_at').as('at')])
      .where('thread_id', 'in', threadIds)
      .where('author_kind', '=', 'staff')
      .groupBy('thread_id')
      .execute();
    for (const r of staff) {
      const s = out.get(r.thread_id);
      if (s) s.lastStaffAt = r.at;
    }
    return out;
  }

  async readMarks(trx: Handle, accountId: string, threadIds: string[]): Promise<Map<string, string>> {
    if (!threadIds.length) return new Map();
    const rows = await trx
      .selectFrom('message_read')
      .select(['thread_id', 'read_at'])
      .where('account_id', '=', accountId)
      .where('thread_id', 'in', threadIds)
      .execute();
    return new Map(rows.map((r) => [r.thread_id, r.read_at]));
  }

  async markRead(trx: Handle, threadId: string, accountId: string, at: string): Promise<void> {
    await trx
      .insertInto('message_read')
      .values({ thread_id: threadId, account_id: accountId, read_at: at })
      .onConflict((oc) => oc.columns(['thread_id', 'account_id']).doUpdateSet({ read_at: at }))
      .execute();
  }

  findByIdempotencyKey(trx: Handle, accountId: string, key: string): Promise<MessageRow | undefined> {
    return trx
      .selectFrom('message')
      .selectAll()
      .where('author_account_id', '=', accountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  // ----- attachments
  async insertAttachment(trx: Handle, row: AttachmentRow): Promise<void> {
    await trx.insertInto('message_attachment').values(row).execute();
  }

  /** An attachment of the scope's patient; another record's file is not found. */
  findAttachment(trx: Handle, scope: PatientScope, id: string): Promise<AttachmentRow | undefined> {
    return trx
      .selectFrom('message_attachment')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  attachmentsOf(trx: Handle, messageIds: string[]): Promise<AttachmentRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return trx
      .selectFrom('message_attachment')
      .selectAll()
      .where('message_id', 'in', messageIds)
      .orderBy('created_at')
      .execute();
  }

  /** Attaches uploads to a message: only this uploader's unattached files for this record. Returns how many. */
  async attach(trx: Handle, ids: string[], messageId: string, uploadedBy: string, patientId: string): Promise<number> {
    if (!ids.length) return 0;
    const r = await trx
      .updateTable('message_attachment')
      .set({ message_id: messageId })
      .where('id', 'in', ids)
      .where('uploaded_by', '=', uploadedBy)
      .where('patient_id', '=', patientId)
      .where('message_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  threadOfMessage(trx: Handle, scope: PatientScope, messageId: string): Promise<{ thread_id: string } | undefined> {
    return trx
      .selectFrom('message as m')
      .innerJoin('message_thread as t', 't.id', 'm.thread_id')
      .select('m.thread_id')
      .where('t.patient_id', '=', scope.patientId)
      .where('m.id', '=', messageId)
      .executeTakeFirst();
  }

  // ----- amendments
  async insertAmendment(trx: Handle, row: Selectable<RecordAmendmentTable>): Promise<void> {
    await trx.insertInto('record_amendment').values(row).execute();
  }
}
