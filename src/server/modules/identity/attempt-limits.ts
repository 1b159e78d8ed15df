import type { AttemptRule } from '../../platform/rate-limit/rate-limit.ts';

/**
 * Every limit on a credential-checking route, in one place (docs/security.md lists them). Each is counted before
 * the check, atomically, in the database every app node shares (platform/rate-limit). Keys are named in brackets.
 */
export const LIMITS = {
  /** Sign-in attempts from one address [realm:address]; a successful sign-in gives its attempt back. */
  signinPerAddress: { name: 'signin-address', points: 30, minutes: 15 },
  /** Second-factor codes (app or recovery) for one account [account]; success clears it. */
  secondFactorPerAccount: { name: 'second-factor', points: 5, minutes: 15 },
  /** Password re-entry on a signed-in session before a sensitive change [account]; success gives it back. */
  reauthenticationPerAccount: { name: 'reauthentication', points: 5, minutes: 15 },
  /** Password-reset attempts from one address [address], and for one username, known or not [username]. */
  resetPerAddress: { name: 'reset-address', points: 10, minutes: 15 },
  resetPerUsername: { name: 'reset-username', points: 5, minutes: 15 },
  /** Contact verification codes entered by one signed-in account [account]. */
  verifyPerAccount: { name: 'verify-contact', points: 10, minutes: 15 },
  /** Activation codes (sign-up) tried from one address [address]; a successful sign-up gives its attempt back. */
  activationPerAddress: { name: 'activation-address', points: 10, minutes: 15 },
  /** Codes sent to one account's contacts (reset, verification, username reminders) [account]: no inbox flooding. */
  codesSentPerAccount: { name: 'codes-sent', points: 5, minutes: 60 },
  /** Activation-code requests from one address [address]. */
  codeRequestsPerAddress: { name: 'code-requests', points: 5, minutes: 60 },
  /** Locks of one username in a day [realm:username]: each lock lasts twice as long as the one before. */
  locksPerUsername: { name: 'signin-locks', points: 1_000, minutes: 24 * 60 },
} as const satisfies Record<string, AttemptRule>;

/** Failed passwords in a row for one username [realm:username], from the configuration (SIGNIN_LOCK_AFTER/_MINUTES). */
export function signinPerUsername(lockAfterFailures: number, lockMinutes: number): AttemptRule {
  return {
    name: `signin-username-${lockAfterFailures}-${lockMinutes}`,
    points: lockAfterFailures,
    minutes: lockMinutes,
  };
}

/** How long the n-th lock of a day lasts: the configured minutes, doubled each time, at most a day. */
export function lockSeconds(lockMinutes: number, nthLock: number): number {
  return Math.min(lockMinutes * 60 * 2 ** Math.max(0, nthLock - 1), 24 * 3600);
}
