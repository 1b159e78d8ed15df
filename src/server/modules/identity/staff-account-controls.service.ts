import type { AuditActor, RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { readableCode } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword, normaliseUsername } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow, Handle } from './identity.repository.ts';

/**
 * How long a one-time password an admin gives stays usable: three days covers a reset on a Friday handed over on
 * Monday morning; after that it stops working (a new reset is needed), so a forgotten note is not a way in for long.
 */
export const ONE_TIME_PASSWORD_HOURS = 72;

/** What an admin may do to a colleague's account (the admin page and `lantern staff …`). */
export type StaffAccountAction = 'password_reset' | 'two_step_reset' | 'disabled' | 'enabled';

/**
 * Admins' controls over colleagues' accounts, each in one transaction with its audit event:
 * - reset the password: a random one-time password (100 bits, readable aloud) is returned once and stored only as its
 *   argon2 hash; it works for ONE_TIME_PASSWORD_HOURS, and a session signed in with it may do nothing but choose a
 *   new password (through the password policy);
 * - reset 2-step: the authenticator and every recovery code are removed; the next sign-in enrols a new one;
 * - disable: the account cannot sign in (the same answer as a wrong password) and its sessions end at once;
 * - enable: it may sign in again.
 * Resets and disabling end every session of the account. An admin cannot do these to their own account on the page
 * (they would sign themselves out mid-way; the command line can), and nobody can disable the last enabled admin.
 */
export class StaffAccountControlsService {
  constructor(private readonly d: IdentityDeps) {}

  /** The staff account's id for a username (the command line names accounts by username). */
  async accountIdOf(username: string): Promise<string> {
    const { ctx, repo } = this.d;
    const account = await repo.findAccountByUsername(ctx.db.kysely, 'staff', normaliseUsername(username));
    if (!account) throw notFound('The staff account');
    return account.id;
  }

  /** A new one-time password, returned once; the old password and every session stop working. */
  async resetPassword(
    actor: AuditActor,
    accountId: string,
    origin?: RequestOrigin,
  ): Promise<{ oneTimePassword: string; expiresAt: string }> {
    const { ctx, repo } = this.d;
    const oneTimePassword = readableCode(4);
    const hash = await hashPassword(oneTimePassword, ctx.config.security.passwordHashCost);
    const now = ctx.clock.now();
    const expiresAt = toDbTime(new Date(now.getTime() + ONE_TIME_PASSWORD_HOURS * 3_600_000));
    await this.change(actor, accountId, 'password_reset', origin, async (trx, account) => {
      await repo.updateAccount(trx, account.id, {
        password_hash: hash,
        password_changed_at: toDbTime(now),
        one_time_password_expires_at: expiresAt,
      });
      await ctx.sessions.revokeAll(trx, account.id);
    });
    return { oneTimePassword, expiresAt };
  }

  /** Removes the authenticator and the recovery codes: the next sign-in enrols a new authenticator. */
  async resetTwoStep(actor: AuditActor, accountId: string, origin?: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    await this.change(actor, accountId, 'two_step_reset', origin, async (trx, account) => {
      await repo.updateAccount(trx, account.id, {
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
      });
      await repo.replaceRecoveryCodes(trx, account.id, []);
      await ctx.sessions.revokeAll(trx, account.id);
    });
  }

  /** The account cannot sign in and its open sessions end now; never the admin's own, never the last enabled admin. */
  async disable(actor: AuditActor, accountId: string, origin?: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    await this.change(actor, accountId, 'disabled', origin, async (trx, account) => {
      if (account.staff_role === 'admin') {
        const admins = await repo.enabledAdminIds(trx, ctx.db.engine === 'postgres');
        if (!admins.some((id) => id !== account.id))
          throw new AppError(
            'conflict',
            'last_admin',
            'This is the only enabled administrator. Make another administrator first, then disable this account.',
          );
      }
      await repo.updateAccount(trx, account.id, { status: 'disabled' });
      await ctx.sessions.revokeAll(trx, account.id);
    });
  }

  /** The account may sign in again (with its password and authenticator as they were). */
  async enable(actor: AuditActor, accountId: string, origin?: RequestOrigin): Promise<void> {
    await this.change(actor, accountId, 'enabled', origin, async (trx, account) => {
      await this.d.repo.updateAccount(trx, account.id, { status: 'active' });
    });
  }

  /** One control: the staff account must exist and not be the acting admin's; the change and its audit event commit together. */
  private async change(
    actor: AuditActor,
    accountId: string,
    action: StaffAccountAction,
    origin: RequestOrigin | undefined,
    apply: (trx: Handle, account: AccountRow) => Promise<void>,
  ): Promise<void> {
    const { ctx, repo } = this.d;
    if (actor.type === 'staff' && actor.id === accountId)
      throw new AppError(
        'conflict',
        'own_account',
        'You cannot do this to your own account here. Ask another administrator.',
      );
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const account = await repo.findAccount(trx, accountId);
      if (!account || account.realm !== 'staff') throw notFound('The staff account');
      await apply(trx, account);
      await ctx.audit.record(
        {
          actor,
          action: `staff.account.${action}`,
          subject: { type: 'account', id: account.id },
          ...(origin ? { origin } : {}),
        },
        trx,
      );
    });
  }
}
