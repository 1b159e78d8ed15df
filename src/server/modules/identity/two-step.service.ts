import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { normaliseCode, readableCode, sha256 } from '../../platform/crypto.ts';
import { AppError, badInput } from '../../platform/errors.ts';
import type { NewSession, Session } from '../../platform/session/sessions.ts';
import type { TwoStepSetup, TwoStepSetupRequest } from '../../../shared/identity.ts';
import { LIMITS } from './attempt-limits.ts';
import { verifySecondFactor } from './second-factor.ts';
import { checkTotp, newTotpSecret, totpEnrolment, verifyPassword } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow } from './identity.repository.ts';

const RECOVERY_CODES = 10;

/**
 * 2-step verification with an authenticator app (TOTP, RFC 6238) and one-time recovery codes. Patients may turn it
 * on and off; staff must have it (they enrol at their first sign-in, and cannot turn it off). Each change asks for
 * the password again.
 */
export class TwoStepService {
  constructor(private readonly d: IdentityDeps) {}

  /**
   * Starts enrolment: a new secret, pending until a first code confirms it. The first enrolment of an account without
   * 2-step needs the password (staff do it before their sign-in completes); replacing an existing authenticator
   * needs a fully signed-in session, the password and a current code or recovery code.
   */
  async setup(session: Session, req: TwoStepSetupRequest, origin: RequestOrigin): Promise<TwoStepSetup> {
    const { ctx, repo } = this.d;
    const account = await this.reauthenticate(session, req.password, origin);
    if (account.totp_enabled_at) {
      requireFullSession(session);
      if (!req.code && !req.recoveryCode)
        throw badInput('code', 'Enter a current code from your authenticator app, or a recovery code, to replace it.');
      await verifySecondFactor(
        this.d,
        account,
        req.code ? { code: req.code } : { recoveryCode: req.recoveryCode },
        origin,
      );
    }
    const secret = newTotpSecret();
    await repo.updateAccount(ctx.db.kysely, account.id, { totp_pending_secret: secret });
    const { uri, qrCodeDataUrl } = await totpEnrolment(
      secret,
      ctx.config.tenant.organisation.portalName,
      account.username_display,
    );
    return { uri, qrCodeDataUrl, secret };
  }

  /**
   * Confirms enrolment with a first code; returns the recovery codes (shown once) and, for a session that was waiting
   * on enrolment, a new full session. Replacing an authenticator (the account has one) takes a fully signed-in
   * session and ends the account's other sessions.
   */
  async confirm(
    session: Session,
    code: string,
    origin: RequestOrigin,
  ): Promise<{ recoveryCodes: string[]; session: NewSession | null }> {
    const { ctx, repo } = this.d;
    const account = await this.account(session);
    const replacing = account.totp_enabled_at !== null;
    if (replacing) requireFullSession(session);
    if (!account.totp_pending_secret)
      throw new AppError('conflict', 'two_step_setup_missing', 'Start 2-step setup first.');
    const now = ctx.clock.now();
    const step = checkTotp(account.totp_pending_secret, code, now, null);
    if (step === null)
      throw new AppError(
        'validation_failed',
        'second_factor_invalid',
        'That code did not work. Check the time on your phone and enter the current code.',
        'code',
      );
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => readableCode(2));
    const next = await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, {
        totp_secret: account.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: toDbTime(now),
        totp_last_step: step,
      });
      await repo.replaceRecoveryCodes(
        trx,
        account.id,
        recoveryCodes.map((c) => sha256(normaliseCode(c))),
      );
      await ctx.audit.record(
        {
          actor: { type: session.realm === 'staff' ? 'staff' : 'patient', id: account.id },
          patientId: account.patient_id,
          action: replacing ? 'account.two_step.replaced' : 'account.two_step.enabled',
          origin,
        },
        trx,
      );
      await this.d.notifications.toAccount(trx, {
        type: 'security.two_step_changed',
        ref: randomUUID(),
        accountId: account.id,
      });
      if (replacing) await ctx.sessions.revokeAll(trx, account.id, session.idHash);
      if (session.stage === 'full') return null;
      await ctx.sessions.revoke(trx, session.idHash);
      return ctx.sessions.open(trx, account.id, session.realm, 'full', origin);
    });
    return { recoveryCodes, session: next };
  }

  async disable(session: Session, password: string, origin: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    if (session.realm === 'staff')
      throw new AppError('forbidden', 'two_step_required', 'Staff accounts must keep 2-step verification on.');
    const account = await this.reauthenticate(session, password, origin);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, {
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
      });
      await repo.replaceRecoveryCodes(trx, account.id, []);
      await ctx.audit.record(
        {
          actor: { type: 'patient', id: account.id },
          patientId: account.patient_id,
          action: 'account.two_step.disabled',
          origin,
        },
        trx,
      );
      await this.d.notifications.toAccount(trx, {
        type: 'security.two_step_changed',
        ref: randomUUID(),
        accountId: account.id,
      });
    });
  }

  /** Sensitive changes ask for the password again: 5 tries per 15 minutes, counted before the check; a wrong one is audited. */
  async reauthenticate(session: Session, password: string, origin: RequestOrigin): Promise<AccountRow> {
    const account = await this.account(session);
    await this.d.ctx.limits.take(LIMITS.reauthenticationPerAccount, account.id);
    if (!(await verifyPassword(account.password_hash, password))) {
      await this.d.ctx.audit.record({
        actor: { type: session.realm === 'staff' ? 'staff' : 'patient', id: account.id },
        patientId: account.patient_id,
        action: 'account.reauthentication.failed',
        outcome: 'failure',
        origin,
      });
      throw new AppError('validation_failed', 'password_incorrect', 'That password is not right.', 'password');
    }
    await this.d.ctx.limits.giveBack(LIMITS.reauthenticationPerAccount, account.id);
    return account;
  }

  private async account(session: Session): Promise<AccountRow> {
    const account = await this.d.repo.findAccount(this.d.ctx.db.kysely, session.accountId);
    if (!account)
      throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    return account;
  }
}

/** Changing an existing second factor is for a session that has passed it, never for one that has only the password. */
function requireFullSession(session: Session): void {
  if (session.stage !== 'full') {
    throw new AppError(
      'forbidden',
      'two_step_already_enrolled',
      'This account already has 2-step verification. Finish signing in with it first.',
    );
  }
}
