import type { AppContext } from '../../src/server/platform/context.ts';

/** Gives an account proxy access to a patient's record directly through the grant store (the flows have their own tests). */
export async function grantProxy(
  ctx: AppContext,
  patientId: string,
  granteeAccountId: string,
  kind: 'minor' | 'adult',
  level: 'full' | 'view_only',
): Promise<string> {
  return ctx.db.kysely.transaction().execute((trx) =>
    ctx.grants.grant(trx, {
      patientId,
      granteeAccountId,
      kind,
      level,
      relationship: kind === 'minor' ? 'parent' : 'friend',
      grantedBy: 'test',
    }),
  );
}

/** The account id behind a signed-in test client's username. */
export async function accountIdOf(ctx: AppContext, username: string): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('account')
    .select('id')
    .where('username', '=', username.toLowerCase())
    .where('realm', '=', 'patient')
    .executeTakeFirstOrThrow();
  return row.id;
}
