import { ulid } from 'ulid';
import { toDbTime } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { Handle } from './identity.repository.ts';

/** Limits on failed attempts per key over a sliding window, kept in the database so every app node counts together. */
export const LIMITS = {
  /** Failed sign-ins from one address. */
  signinPerAddress: { max: 30, minutes: 15 },
  /** Wrong activation codes (or birth dates) from one address. */
  activationPerAddress: { max: 10, minutes: 15 },
  /** Wrong second-factor codes for one account. */
  secondFactorPerAccount: { max: 5, minutes: 15 },
  /** Codes sent to one account's contact (reset, verification), to stop flooding someone's inbox. */
  codesSentPerAccount: { max: 5, minutes: 60 },
  /** Activation-code requests from one address. */
  codeRequestsPerAddress: { max: 5, minutes: 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

/** Refuses with 429 when `key` has reached its limit. */
export async function checkLimit(d: IdentityDeps, limit: LimitName, key: string): Promise<void> {
  const { max, minutes } = LIMITS[limit];
  const since = toDbTime(new Date(d.ctx.clock.now().getTime() - minutes * 60_000));
  const n = await d.repo.countFailuresSince(d.ctx.db.kysely, `${limit}:${key}`, since);
  if (n >= max) throw new AppError('rate_limited', 'rate_limited', `Too many attempts. Please wait ${minutes} minutes and try again.`);
}

/** Counts one attempt against `key` (outside any transaction that may roll back, so failures always count). */
/** Like checkLimit, without throwing: false when the limit is reached (for answers that must not change). */
export async function withinLimit(d: IdentityDeps, limit: LimitName, key: string): Promise<boolean> {
  try {
    await checkLimit(d, limit, key);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

export async function countAttempt(d: IdentityDeps, limit: LimitName, key: string, trx: Handle = d.ctx.db.kysely): Promise<void> {
  await d.repo.recordFailure(trx, ulid(), `${limit}:${key}`, toDbTime(d.ctx.clock.now()));
}
