import { sql, type Kysely } from 'kysely';

/**
 * Uniqueness the database enforces instead of an `if` before an insert: one active grant per account and patient
 * (a partial unique index; where a race had already made two, the older is revoked first), and idempotency keys on
 * share invitations and parents' proxy requests, so a repeat returns the first instead of making a second.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const active = (await db
    .selectFrom('proxy_grant')
    .select(['id', 'patient_id', 'grantee_account_id'])
    .where('status', '=', 'active')
    .orderBy('granted_at', 'desc')
    .orderBy('id', 'desc')
    .execute()) as { id: string; patient_id: string; grantee_account_id: string }[];
  const seen = new Set<string>();
  for (const g of active) {
    const pair = `${g.grantee_account_id}\u0000${g.patient_id}`;
    if (!seen.has(pair)) {
      seen.add(pair);
      continue;
    }
    await db
      .updateTable('proxy_grant')
      .set({ status: 'revoked', revoked_at: new Date().toISOString(), revoked_by: 'system:duplicate' })
      .where('id', '=', g.id)
      .execute();
  }
  await db.schema
    .createIndex('proxy_grant_one_active')
    .on('proxy_grant')
    .columns(['grantee_account_id', 'patient_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema.alterTable('proxy_invitation').addColumn('idempotency_key', 'text').execute();
  await db.schema
    .createIndex('proxy_invitation_idempotency')
    .on('proxy_invitation')
    .columns(['inviter_account_id', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema.alterTable('proxy_request').addColumn('idempotency_key', 'text').execute();
  await db.schema
    .createIndex('proxy_request_idempotency')
    .on('proxy_request')
    .columns(['requester_account_id', 'idempotency_key'])
    .unique()
    .execute();
}
