import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError, badInput, isUniqueViolation } from '../../platform/errors.ts';
import type { StaffRole } from '../../db/schema.ts';
import { hashPassword, normaliseUsername } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { passwordProblem } from './password-policy.ts';

export const STAFF_ROLES: StaffRole[] = ['clinician', 'nurse', 'front_desk', 'him', 'billing', 'admin'];

export interface NewStaffAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  email?: string;
  /** Omitted: a random one is generated and returned once. */
  password?: string;
}

/**
 * Staff accounts are created by an admin (page or `lantern staff add`), never self-registered. Staff must enrol
 * 2-step verification at their first sign-in before anything else.
 */
export class StaffAccountsService {
  constructor(private readonly d: IdentityDeps) {}

  async create(
    actor: AuditActor,
    input: NewStaffAccount,
    origin?: RequestOrigin,
  ): Promise<{ accountId: string; initialPassword: string }> {
    const { ctx, repo } = this.d;
    if (!STAFF_ROLES.includes(input.role)) throw badInput('role', `Role must be one of: ${STAFF_ROLES.join(', ')}.`);
    const username = normaliseUsername(input.username);
    if (!/^[\p{L}\p{N}._@+-]{3,64}$/u.test(username))
      throw badInput('username', 'Use 3–64 letters, digits and . _ @ + - only.');
    const password = input.password ?? randomToken(18);
    const problem = passwordProblem(password, ctx.config.security.passwordMinLength, {
      username,
      names: input.displayName.split(/\s+/),
    });
    if (problem) throw badInput('password', problem);
    const id = randomUUID();
    const now = toDbTime(ctx.clock.now());
    const passwordHash = await hashPassword(password, this.d.ctx.config.security.passwordHashCost);
    try {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await repo.insertAccount(trx, {
          id,
          realm: 'staff',
          username,
          username_display: input.username.trim(),
          password_hash: passwordHash,
          display_name: input.displayName.trim(),
          staff_role: input.role,
          email: input.email ?? null,
          status: 'active',
          password_changed_at: now,
          created_at: now,
        });
        await ctx.audit.record(
          {
            actor,
            action: 'staff.account.created',
            subject: { type: 'account', id },
            detail: { role: input.role },
            ...(origin ? { origin } : {}),
          },
          trx,
        );
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new AppError('conflict', 'username_taken', 'That staff username is taken.', 'username');
      throw err;
    }
    return { accountId: id, initialPassword: password };
  }

  async list(): Promise<
    {
      id: string;
      username: string;
      displayName: string;
      role: StaffRole | null;
      twoStepEnabled: boolean;
      status: string;
    }[]
  > {
    const rows = await this.d.repo.listStaff(this.d.ctx.db.kysely);
    return rows.map((r) => ({
      id: r.id,
      username: r.username_display,
      displayName: r.display_name,
      role: r.staff_role,
      twoStepEnabled: r.totp_enabled_at !== null,
      status: r.status,
    }));
  }
}
