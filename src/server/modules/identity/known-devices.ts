import { randomBytes } from 'node:crypto';
import { toDbTime } from '../../platform/clock.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { IdentityDeps } from './identity.deps.ts';

/**
 * Devices an account has fully signed in from, remembered by a long-lived random cookie (only its hash is stored).
 * While someone else's guesses keep a username locked, its owner can still sign in from such a device with the
 * right password (and second factor). One wrong password from a device and it is no longer known.
 */
export class KnownDevices {
  constructor(private readonly d: IdentityDeps) {}

  /** Whether the cookie's token is a device of this account. */
  async recognise(accountId: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    return Boolean(await this.d.repo.findKnownDevice(this.d.ctx.db.kysely, sha256(token), accountId));
  }

  /** After a full sign-in: keeps a device already known for this account, or returns a new token to set. */
  async remember(accountId: string, token: string | undefined): Promise<string | null> {
    const { ctx, repo } = this.d;
    const now = toDbTime(ctx.clock.now());
    if (token && (await repo.findKnownDevice(ctx.db.kysely, sha256(token), accountId))) {
      await repo.touchKnownDevice(ctx.db.kysely, sha256(token), now);
      return null;
    }
    const fresh = randomBytes(32).toString('base64url');
    await repo.insertKnownDevice(ctx.db.kysely, {
      token_hash: sha256(fresh),
      account_id: accountId,
      created_at: now,
      last_used_at: now,
    });
    return fresh;
  }

  async forget(token: string): Promise<void> {
    await this.d.repo.deleteKnownDevice(this.d.ctx.db.kysely, sha256(token));
  }
}
