import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError, badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
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
  /** The organisations they work for (FHIR Organization ids); clinicians and nurses reach only these. */
  organisations?: readonly string[];
}

export interface StaffAccountView {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole | null;
  twoStepEnabled: boolean;
  status: string;
  /** An admin reset the password; the one-time password has not been replaced yet. */
  mustChangePassword: boolean;
  organisations: { id: string; name: string }[];
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
    const organisations = await this.knownOrganisations(input.organisations ?? []);
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
        await repo.setStaffOrganisations(trx, id, organisations);
        await ctx.audit.record(
          {
            actor,
            action: 'staff.account.created',
            subject: { type: 'account', id },
            detail: { role: input.role, organisations: organisations.join(',') },
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

  /** Admin: sets the organisations a staff member works for. */
  async setOrganisations(
    actor: AuditActor,
    accountId: string,
    ids: readonly string[],
    origin?: RequestOrigin,
  ): Promise<StaffAccountView> {
    const { ctx, repo } = this.d;
    const organisations = await this.knownOrganisations(ids);
    const account = await repo.findAccount(ctx.db.kysely, accountId);
    if (!account || account.realm !== 'staff') throw notFound('The staff account');
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.setStaffOrganisations(trx, accountId, organisations);
      await ctx.audit.record(
        {
          actor,
          action: 'staff.account.organisations_changed',
          subject: { type: 'account', id: accountId },
          detail: { organisations: organisations.join(',') },
          ...(origin ? { origin } : {}),
        },
        trx,
      );
    });
    return this.view(accountId);
  }

  /** One staff account as the admin page lists it. */
  async view(accountId: string): Promise<StaffAccountView> {
    const account = (await this.list()).find((a) => a.id === accountId);
    if (!account) throw notFound('The staff account');
    return account;
  }

  async list(): Promise<StaffAccountView[]> {
    const rows = await this.d.repo.listStaff(this.d.ctx.db.kysely);
    const memberships = await this.d.repo.staffOrganisations(this.d.ctx.db.kysely);
    const names = new Map((await this.d.fhir.organisations()).map((o) => [o.id, o.name]));
    return rows.map((r) => ({
      id: r.id,
      username: r.username_display,
      displayName: r.display_name,
      role: r.staff_role,
      twoStepEnabled: r.totp_enabled_at !== null,
      status: r.status,
      mustChangePassword: r.one_time_password_expires_at !== null,
      organisations: (memberships.get(r.id) ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
    }));
  }

  /** The ids, each an organisation patients are seen at; a 400 naming the field otherwise. */
  private async knownOrganisations(ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const known = new Set((await this.d.fhir.organisations()).map((o) => o.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw badInput(`organisations.${unknown}`, 'Choose organisations from the list.');
    return [...new Set(ids)];
  }
}
