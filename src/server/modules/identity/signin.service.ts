import type { AuditAction } from '../../../shared/audit-actions.ts';
import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { dateInZone, hasReachedAge } from '../../platform/calendar.ts';
import { AppError } from '../../platform/errors.ts';
import { RateLimitedError } from '../../platform/rate-limit/rate-limit.ts';
import type { NewSession, Session } from '../../platform/session/sessions.ts';
import type { Realm } from '../../db/schema.ts';
import type { SecondFactorRequest, SessionInfo } from '../../../shared/identity.ts';
import { presentSession } from './identity.presenter.ts';
import { normaliseUsername, verifyAgainstNothing, verifyPassword } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { AccountRow } from './identity.repository.ts';
import { LIMITS, lockSeconds, signinPerUsername } from './attempt-limits.ts';
import { verifySecondFactor } from './second-factor.ts';
import { KnownDevices } from './known-devices.ts';

/** One message for every failed sign-in: it never tells whether the username exists or the account is locked. */
const GENERIC_FAILURE =
  'That username and password did not work. After several tries an account is locked for a while; you can reset your password.';

/** What a full sign-in leaves behind: the session, and a new device cookie when this device was not known yet. */
export interface SignInResult {
  session: NewSession;
  /** Set as the device cookie when not null. */
  deviceToken: string | null;
}

/**
 * Sign-in with a password, then a second factor when the account has one (staff always: they enrol first).
 * Every attempt is counted before the password is checked, atomically and across app nodes: per address, and per
 * username whether it exists or not (so a burst of parallel guesses gets exactly as many checks as a sequence).
 * The failure that reaches the limit locks the username, each lock of a day twice as long as the one before; the
 * owner can still sign in from a device they signed in from before. Every sign-in, failure and lock is audited.
 */
export class SignInService {
  private readonly devices: KnownDevices;
  constructor(private readonly d: IdentityDeps) {
    this.devices = new KnownDevices(d);
  }

  /**
   * The first session of a new patient, right after sign-up (audited as a sign-in). The browser they signed up in is
   * their first known device, so signing in there again later is not news.
   */
  async startAfterSignUp(accountId: string, origin: RequestOrigin): Promise<SignInResult> {
    const { ctx } = this.d;
    const session = await ctx.sessions.open(ctx.db.kysely, accountId, 'patient', 'full', origin);
    await ctx.audit.record({ actor: { type: 'patient', id: accountId }, action: 'auth.signin.success', origin });
    return { session, deviceToken: await this.devices.remember(accountId, undefined) };
  }

  /** A sign-in replaces the session the browser had: a new id at every sign-in. */
  async endReplaced(session: Session | null): Promise<void> {
    if (session) await this.d.ctx.sessions.revoke(this.d.ctx.db.kysely, session.idHash);
  }

  /** What the web app is told about a session. */
  async sessionInfo(session: Session): Promise<SessionInfo> {
    const { ctx, repo } = this.d;
    const account = await repo.findAccount(ctx.db.kysely, session.accountId);
    if (!account)
      throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    return presentSession(session, account, ctx.config.security.sessionIdleMinutes * 60);
  }

  /** The SessionInfo of a session just opened (by its cookie value). */
  async started(cookieValue: string, realm: Realm): Promise<SessionInfo> {
    const session = await this.d.ctx.sessions.resolve(cookieValue, realm);
    if (!session) throw new AppError('internal', 'session_not_created', 'Signing in failed. Please try again.');
    return this.sessionInfo(session);
  }

  async signIn(
    realm: Realm,
    username: string,
    password: string,
    origin: RequestOrigin,
    deviceToken?: string,
  ): Promise<SignInResult> {
    const { ctx, repo } = this.d;
    const { lockAfterFailures, lockMinutes } = ctx.config.security;
    const perUsername = signinPerUsername(lockAfterFailures, lockMinutes);
    const ipKey = `${realm}:${origin.ip ?? 'unknown'}`;
    const name = normaliseUsername(username);
    const userKey = `${realm}:${name}`;
    await ctx.limits.take(LIMITS.signinPerAddress, ipKey);
    const attempt = await ctx.limits.take(perUsername, userKey).catch((err: unknown) => {
      if (err instanceof RateLimitedError) return null; // locked: refused below unless from the owner's device
      throw err;
    });
    const account = await repo.findAccountByUsername(ctx.db.kysely, realm, name);
    const fromKnownDevice = attempt === null && account ? await this.devices.recognise(account.id, deviceToken) : false;
    const fail = async (action: AuditAction, acct?: AccountRow): Promise<never> => {
      await ctx.audit.record({
        actor: acct ? { type: actorType(realm), id: acct.id } : { type: 'anonymous', id: null },
        patientId: acct?.patient_id ?? null,
        action,
        outcome: 'failure',
        origin,
      });
      throw new AppError('unauthenticated', 'signin_failed', GENERIC_FAILURE);
    };
    if (attempt === null && !fromKnownDevice) {
      await verifyAgainstNothing(password, ctx.config.security.passwordHashCost); // the same time as a real check
      return fail(account ? 'auth.signin.refused_locked' : 'auth.signin.failed', account);
    }
    if (!account) {
      await verifyAgainstNothing(password, ctx.config.security.passwordHashCost);
      return fail('auth.signin.failed');
    }
    if (account.status !== 'active') {
      // The same message and time as a wrong password: a disabled account is not told apart from a wrong guess.
      await verifyAgainstNothing(password, ctx.config.security.passwordHashCost);
      return fail('auth.signin.refused_disabled', account);
    }
    if (!(await verifyPassword(account.password_hash, password))) {
      if (fromKnownDevice && deviceToken) await this.devices.forget(deviceToken);
      else if (attempt === perUsername.points) await this.lock(account, userKey, origin);
      return fail('auth.signin.failed', account);
    }
    if (oneTimePasswordExpired(account, ctx.clock.now())) return fail('auth.signin.refused_password_expired', account);
    if (realm === 'patient') await this.requireAdult(account);
    await ctx.limits.clear(perUsername, userKey);
    await ctx.limits.giveBack(LIMITS.signinPerAddress, ipKey);
    const stage = realm === 'staff' || account.totp_enabled_at ? 'second_factor' : 'full';
    // The bell is for news: a sign-in says so only from a device or browser this account has not signed in from.
    const newDevice = !(await this.devices.recognise(account.id, deviceToken));
    const session = await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.audit.record(
        {
          actor: { type: actorType(realm), id: account.id },
          patientId: account.patient_id,
          action: stage === 'full' ? 'auth.signin.success' : 'auth.signin.password_ok',
          detail: fromKnownDevice ? { knownDeviceWhileLocked: true } : undefined,
          origin,
        },
        trx,
      );
      if (stage === 'full' && newDevice)
        await this.d.notifications.toAccount(trx, {
          type: 'security.new_sign_in',
          ref: randomUUID(),
          accountId: account.id,
        });
      return ctx.sessions.open(trx, account.id, realm, stage, origin);
    });
    return { session, deviceToken: stage === 'full' ? await this.devices.remember(account.id, deviceToken) : null };
  }

  /**
   * Completes a sign-in with a TOTP or recovery code; the session gets a new id. Each try is counted before the code
   * is checked (5 per account in 15 minutes), and a code's time step is taken atomically: it works once.
   */
  async secondFactor(
    session: Session,
    req: SecondFactorRequest,
    origin: RequestOrigin,
    deviceToken?: string,
  ): Promise<SignInResult> {
    const { ctx } = this.d;
    const account = await this.account(session);
    await verifySecondFactor(this.d, account, req, origin);
    const newDevice = !(await this.devices.recognise(account.id, deviceToken));
    const next = await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.sessions.revoke(trx, session.idHash);
      await ctx.audit.record(
        {
          actor: { type: actorType(session.realm), id: account.id },
          patientId: account.patient_id,
          action: req.code ? 'auth.signin.success' : 'auth.signin.success_recovery_code',
          origin,
        },
        trx,
      );
      if (newDevice)
        await this.d.notifications.toAccount(trx, {
          type: 'security.new_sign_in',
          ref: randomUUID(),
          accountId: account.id,
        });
      return ctx.sessions.open(trx, account.id, session.realm, 'full', origin);
    });
    return { session: next, deviceToken: await this.devices.remember(account.id, deviceToken) };
  }

  async signOut(session: Session, origin: RequestOrigin): Promise<void> {
    const { ctx } = this.d;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.sessions.revoke(trx, session.idHash);
      await ctx.audit.record(
        {
          actor: { type: actorType(session.realm), id: session.accountId },
          patientId: session.patientId,
          action: 'auth.signout',
          origin,
        },
        trx,
      );
    });
  }

  async signOutEverywhere(session: Session, origin: RequestOrigin): Promise<void> {
    const { ctx } = this.d;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const n = await ctx.sessions.revokeAll(trx, session.accountId);
      await ctx.audit.record(
        {
          actor: { type: actorType(session.realm), id: session.accountId },
          patientId: session.patientId,
          action: 'auth.signout.everywhere',
          detail: { sessions: n },
          origin,
        },
        trx,
      );
    });
  }

  /** The failure that reached the limit: the username is locked, longer each time in a day; audited and told to the owner. */
  private async lock(account: AccountRow, userKey: string, origin: RequestOrigin): Promise<void> {
    const { ctx } = this.d;
    const { lockAfterFailures, lockMinutes } = ctx.config.security;
    const nth = await ctx.limits.take(LIMITS.locksPerUsername, userKey);
    const seconds = lockSeconds(lockMinutes, nth);
    await ctx.limits.block(signinPerUsername(lockAfterFailures, lockMinutes), userKey, seconds);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.audit.record(
        {
          actor: { type: 'system', id: null },
          patientId: account.patient_id,
          action: 'auth.account.locked',
          subject: { type: 'account', id: account.id },
          detail: { minutes: seconds / 60 },
          origin,
        },
        trx,
      );
      await this.d.notifications.toAccount(trx, {
        type: 'security.account_locked',
        ref: randomUUID(),
        accountId: account.id,
      });
    });
  }

  /** Patients under the age limit cannot use an account of their own (parents use proxy access). */
  private async requireAdult(account: AccountRow): Promise<void> {
    const { ctx, fhir } = this.d;
    const patient = account.patient_id ? await fhir.getPatient(account.patient_id) : null;
    const limit = ctx.config.tenant.rules.proxyMinorAgeLimit;
    const today = dateInZone(ctx.clock.now(), ctx.config.tenant.organisation.timeZone);
    if (!patient?.birthDate || !hasReachedAge(patient.birthDate, limit, today)) {
      throw new AppError(
        'forbidden',
        'patient_is_minor',
        `Patients under ${limit} cannot use an account of their own; a parent or guardian uses proxy access.`,
      );
    }
  }

  private async account(session: Session): Promise<AccountRow> {
    const account = await this.d.repo.findAccount(this.d.ctx.db.kysely, session.accountId);
    if (!account)
      throw new AppError('unauthenticated', 'not_signed_in', 'Your session has ended. Please sign in again.');
    return account;
  }
}

/** A one-time password an admin gave works for 72 hours (staff-accounts.service.ts); after that only a new reset helps. */
function oneTimePasswordExpired(account: AccountRow, now: Date): boolean {
  const until = account.one_time_password_expires_at;
  return until !== null && now.getTime() >= Date.parse(until);
}

function actorType(realm: Realm): 'patient' | 'staff' {
  return realm === 'staff' ? 'staff' : 'patient';
}
