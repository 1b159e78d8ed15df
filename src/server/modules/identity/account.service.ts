import type { AuditAction } from '../../../shared/audit-actions.ts';
import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import { AppError, badInput } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { ActivityItem, Profile } from '../../../shared/identity.ts';
import {
  checkOneTimeCode,
  codeAlreadyUsed,
  sendContactVerification,
  sendOneTimeCode,
  useOneTimeCode,
} from './contact-verification.ts';
import { hashPassword, normaliseUsername, verifyPassword } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow, Handle, OneTimeCodeRow } from './identity.repository.ts';
import { passwordProblem } from './password-policy.ts';
import { LIMITS, signinPerUsername } from './attempt-limits.ts';
import type { TwoStepService } from './two-step.service.ts';

/** Profile, contact details (verified before use), password change and reset, username reminders, account activity. */
export class AccountService {
  constructor(
    private readonly d: IdentityDeps,
    private readonly twoStep: TwoStepService,
  ) {}

  async profile(session: Session): Promise<Profile> {
    const a = await this.d.repo.findAccount(this.d.ctx.db.kysely, session.accountId);
    if (!a) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    return presentProfile(a);
  }

  /** Changes email, phone or address after the password; a new email or phone gets a code and is unverified until then. */
  async changeContact(
    session: Session,
    change: { password: string; email?: string | null; phone?: string | null; address?: string | null },
    origin: RequestOrigin,
  ): Promise<Profile> {
    const { ctx, repo } = this.d;
    const account = await this.twoStep.reauthenticate(session, change.password, origin);
    const emailChanged = change.email !== undefined && change.email !== account.email;
    const phoneChanged = change.phone !== undefined && change.phone !== account.phone;
    if ((emailChanged && change.email) || (phoneChanged && change.phone))
      await ctx.limits.take(LIMITS.codesSentPerAccount, account.id);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, {
        ...(emailChanged ? { email: change.email ?? null, email_verified_at: null } : {}),
        ...(phoneChanged ? { phone: change.phone ?? null, phone_verified_at: null } : {}),
        ...(change.address !== undefined ? { address: change.address } : {}),
      });
      if (emailChanged && change.email) await sendContactVerification(this.d, trx, account.id, 'email', change.email);
      if (phoneChanged && change.phone) await sendContactVerification(this.d, trx, account.id, 'phone', change.phone);
      await ctx.audit.record(
        {
          actor: { type: 'patient', id: account.id },
          patientId: account.patient_id,
          action: 'account.contact.changed',
          detail: { email: emailChanged, phone: phoneChanged, address: change.address !== undefined },
          origin,
        },
        trx,
      );
    });
    return this.profile(session);
  }

  async verifyContact(
    session: Session,
    channel: 'email' | 'phone',
    code: string,
    origin: RequestOrigin,
  ): Promise<Profile> {
    const { ctx, repo } = this.d;
    await ctx.limits.take(LIMITS.verifyPerAccount, session.accountId);
    const row = await checkOneTimeCode(
      this.d,
      session.accountId,
      channel === 'email' ? 'verify_email' : 'verify_phone',
      code,
      'code',
    );
    const account = await repo.findAccount(ctx.db.kysely, session.accountId);
    const current = channel === 'email' ? account?.email : account?.phone;
    if (!account || current !== row.target)
      throw new AppError(
        'conflict',
        'contact_changed',
        'This contact changed since the code was sent. Ask for a new code.',
        'code',
      );
    await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await useOneTimeCode(this.d, trx, row))) throw codeAlreadyUsed('code');
      await repo.updateAccount(
        trx,
        account.id,
        channel === 'email'
          ? { email_verified_at: toDbTime(ctx.clock.now()) }
          : { phone_verified_at: toDbTime(ctx.clock.now()) },
      );
      await ctx.audit.record(
        {
          actor: { type: 'patient', id: account.id },
          patientId: account.patient_id,
          action: `account.${channel}.verified`,
          origin,
        },
        trx,
      );
    });
    return this.profile(session);
  }

  /** Changes the password (current one first); every other session of the account ends. */
  async changePassword(
    session: Session,
    currentPassword: string,
    newPassword: string,
    origin: RequestOrigin,
  ): Promise<void> {
    const account = await this.twoStep.reauthenticate(session, currentPassword, origin).catch((e: unknown) => {
      throw e instanceof AppError ? new AppError(e.kind, e.code, e.message, 'currentPassword') : e;
    });
    await this.setPassword(account, newPassword, origin, session.idHash, 'account.password.changed');
  }

  /** Forgot password: a code to the verified email (or phone) on file. The answer never tells whether the account exists. */
  async requestPasswordReset(username: string, origin: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    const account = await repo.findAccountByUsername(ctx.db.kysely, 'patient', normaliseUsername(username));
    if (!account) return;
    const channel =
      account.email && account.email_verified_at
        ? 'email'
        : account.phone && account.phone_verified_at
          ? 'phone'
          : null;
    if (!channel) return;
    // Over the limit nothing more is sent, and the answer stays the same (it never tells whether the account exists).
    if (!(await ctx.limits.tryTake(LIMITS.codesSentPerAccount, account.id))) return;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await sendOneTimeCode(
        this.d,
        trx,
        account.id,
        'reset_password',
        channel,
        (channel === 'email' ? account.email : account.phone)!,
      );
      await ctx.audit.record(
        {
          actor: { type: 'anonymous', id: null },
          patientId: account.patient_id,
          action: 'account.password.reset_requested',
          subject: { type: 'account', id: account.id },
          origin,
        },
        trx,
      );
    });
  }

  /**
   * Sets a new password with a code sent by `requestPasswordReset`. Attempts are counted first (per address and per
   * username, known or not), then the code is checked, taking one of its tries; only a right code lets the new
   * password be judged, so wrong codes get one answer whatever the username or the password.
   */
  async resetPassword(username: string, code: string, newPassword: string, origin: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    const name = normaliseUsername(username);
    await ctx.limits.take(LIMITS.resetPerAddress, origin.ip ?? 'unknown');
    await ctx.limits.take(LIMITS.resetPerUsername, name);
    const account = await repo.findAccountByUsername(ctx.db.kysely, 'patient', name);
    const row = await checkOneTimeCode(this.d, account?.id ?? null, 'reset_password', code, 'code');
    if (!account) throw codeAlreadyUsed('code'); // unreachable: a code always belongs to an account
    await this.setPassword(account, newPassword, origin, undefined, 'account.password.reset', row);
    // The owner proved they hold the contact on file: a lock someone else's guesses caused ends.
    const { lockAfterFailures, lockMinutes } = ctx.config.security;
    await ctx.limits.clear(signinPerUsername(lockAfterFailures, lockMinutes), `patient:${name}`);
  }

  /** Forgot username: sent to the verified email or phone that matches. Always the same answer. */
  async remindUsername(contact: string, origin: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    const isEmail = contact.includes('@');
    const accounts = await repo.findAccountsByVerifiedContact(
      ctx.db.kysely,
      'patient',
      isEmail ? { email: contact.trim() } : { phone: contact.trim() },
    );
    for (const a of accounts) {
      if (!(await ctx.limits.tryTake(LIMITS.codesSentPerAccount, a.id))) continue;
      await ctx.db.kysely.transaction().execute(async (trx) => {
        const to = isEmail ? { email: a.email! } : { phone: a.phone! };
        await this.d.notifications.toAddress(trx, {
          type: 'account.username_reminder',
          ref: `${a.id}:${randomUUID()}`,
          to,
          params: { username: a.username_display },
        });
        await ctx.audit.record(
          {
            actor: { type: 'anonymous', id: null },
            patientId: a.patient_id,
            action: 'account.username.reminded',
            origin,
          },
          trx,
        );
      });
    }
  }

  /** Recent sign-ins and security changes of the signed-in account. */
  async activity(session: Session): Promise<ActivityItem[]> {
    const events = await this.d.ctx.audit.forActorOrSubject(session.accountId, ['auth.', 'account.'], 100);
    return events.map((e) => ({
      at: e.occurredAt,
      action: e.action,
      outcome: e.outcome,
      ip: e.ip,
      userAgent: e.userAgent,
    }));
  }

  private async checkNewPassword(account: AccountRow, newPassword: string): Promise<void> {
    const { ctx, fhir } = this.d;
    const patient = account.patient_id ? await fhir.getPatient(account.patient_id) : null;
    const names = patient ? [...patient.givenNames, patient.familyName] : account.display_name.split(/\s+/);
    const problem = passwordProblem(newPassword, ctx.config.security.passwordMinLength, {
      username: account.username,
      names,
    });
    if (problem) throw badInput('newPassword', problem);
    if (await verifyPassword(account.password_hash, newPassword))
      throw badInput('newPassword', 'Choose a password different from your current one.');
  }

  /** Judges and sets a new password; with a one-time code, the code is used in the same transaction (exactly once). */
  private async setPassword(
    account: AccountRow,
    newPassword: string,
    origin: RequestOrigin,
    keepSession: string | undefined,
    action: AuditAction,
    code?: OneTimeCodeRow,
  ): Promise<void> {
    const { ctx, repo } = this.d;
    await this.checkNewPassword(account, newPassword);
    const hash = await hashPassword(newPassword, ctx.config.security.passwordHashCost);
    await ctx.db.kysely.transaction().execute(async (trx: Handle) => {
      if (code && !(await useOneTimeCode(this.d, trx, code))) throw codeAlreadyUsed('code');
      await repo.updateAccount(trx, account.id, {
        password_hash: hash,
        password_changed_at: toDbTime(ctx.clock.now()),
        one_time_password_expires_at: null, // their own password now (an admin's one-time one is gone)
      });
      await ctx.sessions.revokeAll(trx, account.id, keepSession);
      await ctx.audit.record(
        {
          actor: { type: account.realm === 'staff' ? 'staff' : 'patient', id: account.id },
          patientId: account.patient_id,
          action,
          origin,
        },
        trx,
      );
      await this.d.notifications.toAccount(trx, {
        type: 'security.password_changed',
        ref: randomUUID(),
        accountId: account.id,
      });
    });
  }
}

export function presentProfile(a: AccountRow): Profile {
  return {
    username: a.username_display,
    displayName: a.display_name,
    email: a.email,
    emailVerified: a.email_verified_at !== null,
    phone: a.phone,
    phoneVerified: a.phone_verified_at !== null,
    address: a.address,
    twoStepEnabled: a.totp_enabled_at !== null,
    canDisableTwoStep: a.realm === 'patient',
  };
}
