import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ProxyInvitationTable, ProxyRequestTable } from '../../db/schema.ts';

type Handle = Kysely<Database> | Transaction<Database>;
export type InvitationRow = Selectable<ProxyInvitationTable>;
export type ProxyRequestRow = Selectable<ProxyRequestTable>;

/** Proxy's own SQL: adults' invitations and parents' requests as the requester follows them (grants live in platform/access). */
export class ProxyRepository {
  async insertInvitation(trx: Handle, row: Insertable<ProxyInvitationTable>): Promise<void> {
    await trx.insertInto('proxy_invitation').values(row).execute();
  }

  findInvitation(trx: Handle, id: string): Promise<InvitationRow | undefined> {
    return trx.selectFrom('proxy_invitation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  pendingInvitationsFor(trx: Handle, inviteeAccountId: string): Promise<InvitationRow[]> {
    return trx
      .selectFrom('proxy_invitation')
      .selectAll()
      .where('invitee_account_id', '=', inviteeAccountId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .execute();
  }

  pendingInvitationsOfPatient(trx: Handle, patientId: string): Promise<InvitationRow[]> {
    return trx
      .selectFrom('proxy_invitation')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Decides a pending invitation; false when it was no longer pending. */
  async decideInvitation(
    trx: Handle,
    id: string,
    status: 'accepted' | 'declined' | 'cancelled',
    at: string,
  ): Promise<boolean> {
    const res = await trx
      .updateTable('proxy_invitation')
      .set({ status, decided_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The invitation this inviter already sent with this key (a repeat of the same form). */
  invitationByKey(trx: Handle, inviterAccountId: string, key: string): Promise<{ id: string } | undefined> {
    return trx
      .selectFrom('proxy_invitation')
      .select('id')
      .where('inviter_account_id', '=', inviterAccountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** The request this account already sent with this key (a repeat of the same form). */
  requestByKey(trx: Handle, accountId: string, key: string): Promise<{ id: string } | undefined> {
    return trx
      .selectFrom('proxy_request')
      .select('id')
      .where('requester_account_id', '=', accountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async insertRequest(trx: Handle, row: Insertable<ProxyRequestTable>): Promise<void> {
    await trx.insertInto('proxy_request').values(row).execute();
  }

  requestsOf(trx: Handle, accountId: string): Promise<ProxyRequestRow[]> {
    return trx
      .selectFrom('proxy_request')
      .selectAll()
      .where('requester_account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  requestForWorkItem(trx: Handle, workItemId: string): Promise<ProxyRequestRow | undefined> {
    return trx.selectFrom('proxy_request').selectAll().where('work_item_id', '=', workItemId).executeTakeFirst();
  }

  async decideRequest(
    trx: Handle,
    id: string,
    status: 'approved' | 'denied',
    note: string | null,
    at: string,
  ): Promise<void> {
    await trx.updateTable('proxy_request').set({ status, note, decided_at: at }).where('id', '=', id).execute();
  }
}
