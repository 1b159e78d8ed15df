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
export async function sendOneTimeCode(d: IdentityDeps, trx: Handle, accountId: string, purpose: Purpose, channel: 'email' | 'phone', to: string): Promise<void> {
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
  if (purpose === 'reset_password') await d.notifications.toAddress(trx, { type: 'account.password_reset_code', ref: id, to: address, params: { code } });
  else await d.notifications.toAddress(trx, { type: 'account.contact_code', ref: id, to: address, params: { code, contact: channel } });
}

/** Queues a code that confirms a new email address or phone number before notifications use it. */
export function sendContactVerification(d: IdentityDeps, trx: Handle, accountId: string, channel: 'email' | 'phone', to: string): Promise<void> {
  return sendOneTimeCode(d, trx, accountId, channel === 'email' ? 'verify_email' : 'verify_phone', channel, to);
}

/**
 * Checks a one-time code: the newest unused one for the purpose, in time, within its tries. Returns it, used.
 * Runs outside any transaction (a wrong try must count even though the caller's change does not happen).
 */
export async function consumeOneTimeCode(d: IdentityDeps, accountId: string, purpose: Purpose, code: string, field: string): Promise<OneTimeCodeRow> {
  const { ctx, repo } = d;
  const db = ctx.db.kysely;
  const row = await repo.latestOneTimeCode(db, accountId, purpose);
  const now = ctx.clock.now();
  const refuse = (message: string): AppError => new AppError('validation_failed', 'one_time_code_invalid', message, field);
  if (!row || now.getTime() >= Date.parse(row.expires_at) || row.attempts >= MAX_TRIES) {
    throw refuse('That code has expired or was replaced by a newer one. Ask for a new code.');
  }
  if (!safeEqual(codeHash(row.id, code), row.code_hash)) {
    await repo.countOneTimeAttempt(db, row.id);
    throw refuse('That code is not right. Check the latest message we sent and try again.');
  }
  await repo.useOneTimeCode(db, row.id, toDbTime(now));
  return row;
}
