import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { normaliseCode, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { SecondFactorRequest } from '../../../shared/identity.ts';
import { LIMITS } from './attempt-limits.ts';
import { checkTotp } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow } from './identity.repository.ts';

/**
 * Checks an app code or a recovery code of an enrolled account (at sign-in, and before 2-step is replaced). The try
 * is counted first (5 per account in 15 minutes, so parallel guesses get 5 checks in all), and a code is used up
 * atomically by the check: an app code's time step works once, a recovery code once. A 400 names the field.
 */
export async function verifySecondFactor(
  d: IdentityDeps,
  account: AccountRow,
  req: SecondFactorRequest,
  origin: RequestOrigin,
): Promise<void> {
  const { ctx, repo } = d;
  if (!account.totp_secret)
    throw new AppError('conflict', 'two_step_not_enrolled', 'Set up 2-step verification first.');
  await ctx.limits.take(LIMITS.secondFactorPerAccount, account.id);
  const now = ctx.clock.now();
  let ok = false;
  if (req.code) {
    const step = checkTotp(account.totp_secret, req.code, now, account.totp_last_step);
    ok = step !== null && (await repo.takeTotpStep(ctx.db.kysely, account.id, step));
  } else if (req.recoveryCode) {
    ok = await repo.useRecoveryCode(ctx.db.kysely, account.id, sha256(normaliseCode(req.recoveryCode)), toDbTime(now));
  }
  if (!ok) {
    const actor = { type: account.realm === 'staff' ? ('staff' as const) : ('patient' as const), id: account.id };
    await ctx.audit.record({
      actor,
      patientId: account.patient_id,
      action: 'auth.second_factor.failed',
      outcome: 'failure',
      origin,
    });
    throw new AppError(
      'validation_failed',
      'second_factor_invalid',
      'That code did not work. Codes change every 30 seconds; enter the current one.',
      req.code ? 'code' : 'recoveryCode',
    );
  }
  await ctx.limits.clear(LIMITS.secondFactorPerAccount, account.id);
}
