import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { dateInZone, hasReachedAge } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import { normaliseCode, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { NewSession, Session } from '../../platform/session/sessions.ts';
import type { Realm } from '../../db/schema.ts';
import type { SecondFactorRequest } from '../../../shared/identity.ts';
import { checkTotp, normaliseUsername, verifyAgainstNothing, verifyPassword } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow } from './identity.repository.ts';
import { checkLimit, countAttempt } from './throttle.ts';

/** One message for every failed sign-in: it never tells whether the username exists or the account is locked. */
const GENERIC_FAILURE = 'That username and password did not work. After several tries an account is locked for a while; you can reset your password.';

/**
 * Sign-in with a password, then a second factor when the account has one (staff always: they enrol first).
 * Failures are rate-limited per address and per account; repeated failures lock the account for a while.
 * Every sign-in, failure and lock is in the audit log.
 */
export class SignInService {
  constructor(private readonly d: IdentityDeps) {}

  async signIn(realm: Realm, username: string, password: string, origin: RequestOrigin): Promise<NewSession> {
    const { ctx, repo } = this.d;
    const ipKey = `${realm}:${origin.ip ?? 'unknown'}`;
    await checkLimit(this.d, 'signinPerAddress', ipKey);
    const account = await repo.findAccountByUsername(ctx.db.kysely, realm, normaliseUsername(username));
    const now = ctx.clock.now();
    const fail = async (action: string, acct?: AccountRow): Promise<never> => {
      await countAttempt(this.d, 'signinPerAddress', ipKey);
      await ctx.audit.record({ actor: acct ? { type: actorType(realm), id: acct.id } : { type: 'anonymous', id: null }, patientId: acct?.patient_id ?? null, action, outcome: 'failure', origin });
      throw new AppError('unauthenticated', 'signin_failed', GENERIC_FAILURE);
    };
    if (!account) {
      await verifyAgainstNothing(password);
      return fail('auth.signin.failed');
    }
    if (account.locked_until && now.getTime() < Date.parse(account.locked_until)) {
      await verifyAgainstNothing(password);
      return fail('auth.signin.refused_locked', account);
    }
    if (account.status !== 'active') return fail('auth.signin.refused_disabled', account);
    if (!(await verifyPassword(account.password_hash, password))) {
      await this.countWrongPassword(account, origin);
      return fail('auth.signin.failed', account);
    }
    if (realm === 'patient') await this.requireAdult(account);
    const stage = realm === 'staff' || account.totp_enabled_at ? 'second_factor' : 'full';
    return ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, { failed_signins: 0, locked_until: null });
      await ctx.audit.record({ actor: { type: actorType(realm), id: account.id }, patientId: account.patient_id, action: stage === 'full' ? 'auth.signin.success' : 'auth.signin.password_ok', origin }, trx);
      if (stage === 'full') await this.d.notifications.toAccount(trx, { type: 'security.new_sign_in', ref: randomUUID(), accountId: account.id });
      return ctx.sessions.open(trx, account.id, realm, stage, origin);
    });
  }

  /** Completes a sign-in with a TOTP or recovery code; the session gets a new id. */
  async secondFactor(session: Session, req: SecondFactorRequest, origin: RequestOrigin): Promise<NewSession> {
    const { ctx, repo } = this.d;
    const account = await this.account(session);
    if (!account.totp_secret) throw new AppError('conflict', 'two_step_not_enrolled', 'Set up 2-step verification first.');
    await checkLimit(this.d, 'secondFactorPerAccount', account.id);
    const now = ctx.clock.now();
    let step: number | null = null;
    let usedRecovery = false;
    if (req.code) step = checkTotp(account.totp_secret, req.code, now, account.totp_last_step);
    else if (req.recoveryCode) usedRecovery = await repo.useRecoveryCode(ctx.db.kysely, account.id, sha256(normaliseCode(req.recoveryCode)), toDbTime(now));
    if (step === null && !usedRecovery) {
      await countAttempt(this.d, 'secondFactorPerAccount', account.id);
      await ctx.audit.record({ actor: { type: session.realm === 'staff' ? 'staff' : 'patient', id: account.id }, patientId: account.patient_id, action: 'auth.second_factor.failed', outcome: 'failure', origin });
      throw new AppError('validation_failed', 'second_factor_invalid', 'That code did not work. Codes change every 30 seconds; enter the current one.', req.code ? 'code' : 'recoveryCode');
    }
    return ctx.db.kysely.transaction().execute(async (trx) => {
      if (step !== null) await repo.updateAccount(trx, account.id, { totp_last_step: step });
      await ctx.sessions.revoke(trx, session.idHash);
      await ctx.audit.record({ actor: { type: actorType(session.realm), id: account.id }, patientId: account.patient_id, action: usedRecovery ? 'auth.signin.success_recovery_code' : 'auth.signin.success', origin }, trx);
      await this.d.notifications.toAccount(trx, { type: 'security.new_sign_in', ref: randomUUID(), accountId: account.id });
      return ctx.sessions.open(trx, account.id, session.realm, 'full', origin);
    });
  }

  async signOut(session: Session, origin: RequestOrigin): Promise<void> {
    const { ctx } = this.d;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.sessions.revoke(trx, session.idHash);
      await ctx.audit.record({ actor: { type: actorType(session.realm), id: session.accountId }, patientId: session.patientId, action: 'auth.signout', origin }, trx);
    });
  }

  async signOutEverywhere(session: Session, origin: RequestOrigin): Promise<void> {
    const { ctx } = this.d;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const n = await ctx.sessions.revokeAll(trx, session.accountId);
      await ctx.audit.record({ actor: { type: actorType(session.realm), id: session.accountId }, patientId: session.patientId, action: 'auth.signout.everywhere', detail: { sessions: n }, origin }, trx);
    });
  }

  private async countWrongPassword(account: AccountRow, origin: RequestOrigin): Promise<void> {
    const { ctx, repo } = this.d;
    const { lockAfterFailures, lockMinutes } = ctx.config.security;
    const failures = account.failed_signins + 1;
    if (failures < lockAfterFailures) {
      await repo.updateAccount(ctx.db.kysely, account.id, { failed_signins: failures });
      return;
    }
    const until = new Date(ctx.clock.now().getTime() + lockMinutes * 60_000);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, { failed_signins: 0, locked_until: toDbTime(until) });
      await ctx.audit.record({ actor: { type: 'system', id: null }, patientId: account.patient_id, action: 'auth.account.locked', subject: { type: 'account', id: account.id }, detail: { minutes: lockMinutes }, origin }, trx);
      await this.d.notifications.toAccount(trx, { type: 'security.account_locked', ref: randomUUID(), accountId: account.id });
    });
  }

  /** Patients under the age limit cannot use an account of their own (parents use proxy access). */
  private async requireAdult(account: AccountRow): Promise<void> {
    const { ctx, fhir } = this.d;
    const patient = account.patient_id ? await fhir.getPatient(account.patient_id) : null;
    const limit = ctx.config.tenant.rules.proxyMinorAgeLimit;
    const today = dateInZone(ctx.clock.now(), ctx.config.tenant.organisation.timeZone);
    if (!patient?.birthDate || !hasReachedAge(patient.birthDate, limit, today)) {
      throw new AppError('forbidden', 'patient_is_minor', `Patients under ${limit} cannot use an account of their own; a parent or guardian uses proxy access.`);
    }
  }

  private async account(session: Session): Promise<AccountRow> {
    const account = await this.d.repo.findAccount(this.d.ctx.db.kysely, session.accountId);
    if (!account) throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    return account;
  }
}

function actorType(realm: Realm): 'patient' | 'staff' {
  return realm === 'staff' ? 'staff' : 'patient';
}
