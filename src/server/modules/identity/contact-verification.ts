import { randomUUID } from 'node:crypto';
import { toDbTime } from '../../platform/clock.ts';
import { numericCode, safeEqual, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { CODE_MINUTES } from '../notifications/notification-messages.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { Handle, OneTimeCodeRow } from './identity.repository.ts';

/** One-time codes live 15 minutes (as their messages say) and allow 5 tries. */
export const ONE_TIME_CODE_MINUTES = CODE_MINUTES;
const MAX_TRIES = 5;

type Purpose = OneTimeCodeRow['purpose'];

function codeHash(id: string, code: string): string {
  return sha256(`${id}:${code}`);
}

/**
 * Creates a one-time code and queues it to the contact (email or text) in the caller's transaction.
 * The message says only what the code is for, never anything about the person's health.
 */
export async function sendOneTimeCode(
  d: IdentityDeps,
  trx: Handle,
  accountId: string,
  purpose: Purpose,
  channel: 'email' | 'phone',
  to: string,
): Promise<void> {
  const { ctx, repo } = d;
  const now = ctx.clock.now();
  const code = numericCode(6);
  const id = randomUUID();
  await repo.expireOneTimeCodes(trx, accountId, purpose, toDbTime(now));
  await repo.insertOneTimeCode(trx, {
    id,
    account_id: accountId,
    purpose,
    target: purpose === 'reset_password' ? null : to,
    code_hash: codeHash(id, code),
    expires_at: toDbTime(new Date(now.getTime() + ONE_TIME_CODE_MINUTES * 60_000)),
    used_at: null,
    created_at: toDbTime(now),
  });
  const address = channel === 'email' ? { email: to } : { phone: to };
  if (purpose === 'reset_password')
    await d.notifications.toAddress(trx, {
      type: 'account.password_reset_code',
      ref: id,
      to: address,
      params: { code },
    });
  else
    await d.notifications.toAddress(trx, {
      type: 'account.contact_code',
      ref: id,
      to: address,
      params: { code, contact: channel },
    });
}

/** Queues a code that confirms a new email address or phone number before notifications use it. */
export function sendContactVerification(
  d: IdentityDeps,
  trx: Handle,
  accountId: string,
  channel: 'email' | 'phone',
  to: string,
): Promise<void> {
  return sendOneTimeCode(d, trx, accountId, channel === 'email' ? 'verify_email' : 'verify_phone', channel, to);
}

/** The one answer for every code that does not work, whatever the reason: it tells nothing about the account. */
export const CODE_REFUSED =
  'That code is not right or has expired. Check the latest message we sent, or ask for a new code.';

/**
 * Checks a one-time code: the newest unused one for the purpose, in time, within its 5 tries. The try is taken
 * atomically before the code is compared (parallel guesses get 5 comparisons in all), and a wrong code always gets
 * the same answer. Returns the code, not yet used: the caller uses it (`useOneTimeCode`) in the transaction of the
 * change it allows. Runs outside any transaction, so a wrong try counts even though the change does not happen.
 * `accountId` null (an unknown username) does the same work and gets the same answer.
 */
export async function checkOneTimeCode(
  d: IdentityDeps,
  accountId: string | null,
  purpose: Purpose,
  code: string,
  field: string,
): Promise<OneTimeCodeRow> {
  const { ctx, repo } = d;
  const db = ctx.db.kysely;
  const refuse = (): AppError => new AppError('validation_failed', 'one_time_code_invalid', CODE_REFUSED, field);
  const latest = await repo.latestOneTimeCode(db, accountId ?? randomUUID(), purpose);
  const row = latest ? await repo.takeOneTimeAttempt(db, latest.id, MAX_TRIES, toDbTime(ctx.clock.now())) : undefined;
  if (!row || !safeEqual(codeHash(row.id, code), row.code_hash)) throw refuse();
  return row;
}

/** Uses a checked code once, in the caller's transaction; false when a parallel request used it first. */
export function useOneTimeCode(d: IdentityDeps, trx: Handle, row: OneTimeCodeRow): Promise<boolean> {
  return d.repo.useOneTimeCode(trx, row.id, toDbTime(d.ctx.clock.now()));
}

/** Refused because a parallel request used the code first. */
export function codeAlreadyUsed(field: string): AppError {
  return new AppError('validation_failed', 'one_time_code_invalid', CODE_REFUSED, field);
}
