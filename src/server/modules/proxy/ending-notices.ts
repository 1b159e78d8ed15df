import { addDaysToDate, dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import type { ProxyService } from './proxy.service.ts';

/** How many days before a child's 18th birthday the parent is told that proxy access will end. */
export const ENDING_NOTICE_DAYS = 30;

/**
 * Tells parents in advance that proxy access to a child ends on the 18th birthday (the guard ends it on the day
 * itself, whatever this job does). Once per grant; the email names no one and says no health detail.
 * Returns how many notices were queued.
 */
export async function sendProxyEndingNotices(
  ctx: AppContext,
  proxy: ProxyService,
  accounts: AccountDirectory,
): Promise<number> {
  const today = dateInZone(ctx.clock.now(), ctx.config.tenant.organisation.timeZone);
  const horizon = addDaysToDate(today, ENDING_NOTICE_DAYS);
  let sent = 0;
  for (const grant of await ctx.access.grants.minorGrantsWithoutEndingNotice()) {
    const lastDay = await proxy.accessEndsOn(grant);
    if (!lastDay || lastDay >= horizon) continue;
    const claimed = await ctx.db.kysely.transaction().execute(async (trx) => {
      // Claimed first, in the same transaction: a run on another process or node that got here too sends nothing.
      if (!(await ctx.access.grants.claimEndingNotice(trx, grant.id, toDbTime(ctx.clock.now())))) return false;
      await accounts.notifications.toAccount(trx, {
        type: 'proxy.access_ending',
        ref: grant.id,
        accountId: grant.grantee_account_id,
        patientId: grant.patient_id,
      });
      await ctx.audit.record(
        {
          actor: { type: 'system', id: null },
          patientId: grant.patient_id,
          action: 'proxy.grant.ending_notice',
          subject: { type: 'account', id: grant.grantee_account_id },
        },
        trx,
      );
      return true;
    });
    if (!claimed) continue;
    sent++;
  }
  return sent;
}
