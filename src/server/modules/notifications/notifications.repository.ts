import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, NotificationPreferenceTable, NotificationTable } from '../../db/schema.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type NotificationRow = Selectable<NotificationTable>;
export type PreferenceRow = Selectable<NotificationPreferenceTable>;

/** Preferences and the bell's items. */
export class NotificationsRepository {
  preferencesOf(trx: Handle, accountId: string): Promise<PreferenceRow[]> {
    return trx.selectFrom('notification_preference').selectAll().where('account_id', '=', accountId).execute();
  }

  preferenceOf(trx: Handle, accountId: string, type: string): Promise<PreferenceRow | undefined> {
    return trx
      .selectFrom('notification_preference')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('event_type', '=', type)
      .executeTakeFirst();
  }

  async savePreference(trx: Handle, row: PreferenceRow): Promise<void> {
    await trx
      .insertInto('notification_preference')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'event_type'])
          .doUpdateSet({ email: row.email, sms: row.sms, updated_at: row.updated_at }),
      )
      .execute();
  }

  /** Adds a bell item once per dedupe key; false when it was already there. */
  async insertItem(trx: Handle, row: NotificationRow): Promise<boolean> {
    const r = await trx
      .insertInto('notification')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  itemsOf(trx: Handle, accountId: string, limit: number): Promise<NotificationRow[]> {
    return trx
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  unreadItemsOf(trx: Handle, accountId: string): Promise<Pick<NotificationRow, 'id' | 'patient_id' | 'event_type'>[]> {
    return trx
      .selectFrom('notification')
      .select(['id', 'patient_id', 'event_type'])
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .execute();
  }

  /** Marks one of the account's items read; false when the account has no such item. */
  async markRead(trx: Handle, accountId: string, id: string, at: string): Promise<boolean> {
    const found = await trx
      .selectFrom('notification')
      .select('id')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!found) return false;
    await trx
      .updateTable('notification')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
    return true;
  }

  async markAllRead(trx: Handle, accountId: string, at: string): Promise<number> {
    const r = await trx
      .updateTable('notification')
      .set({ read_at: at })
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
