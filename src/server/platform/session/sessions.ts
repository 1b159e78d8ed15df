import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, Realm, StaffRole } from '../../db/schema.ts';
import type { RequestOrigin } from '../audit/audit.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { randomToken, sha256 } from '../crypto.ts';
import { SessionRepository } from './session.repository.ts';

/** `second_factor`: the password was right; a TOTP or recovery code (or, for staff, enrolment) is still due. */
export type SessionStage = 'second_factor' | 'full';

/** Activity is recorded at most this often per session. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Who is signed in on this request: resolved from the cookie by the session hook. */
export interface Session {
  idHash: string;
  accountId: string;
  realm: Realm;
  stage: SessionStage;
  csrfToken: string;
  staffRole: StaffRole | null;
  patientId: string | null;
  displayName: string;
  /** The account signed in with a one-time password an admin gave: it must choose its own before anything else. */
  passwordChangeDue: boolean;
  createdAt: string;
  /** When the session ends if nothing happens (the page warns a minute before). */
  idleExpiresAt: string;
  /** The last activity recorded (written at most once per TOUCH_INTERVAL_MS). */
  lastSeenAt: string;
  /** When the session ends whatever happens. */
  expiresAt: string;
}

/** The cookie value (only ever sent to the browser) and the session it opens. */
export interface NewSession {
  cookieValue: string;
  csrfToken: string;
}

/**
 * Server-side sessions: 256-bit random ids (only their SHA-256 is stored), an idle timeout and an absolute lifetime
 * from config, a new id at every step up (sign-in, second factor), revocation one by one or everywhere.
 */
export class Sessions {
  private readonly repo: SessionRepository;
  private readonly idleMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    security: Config['security'],
  ) {
    this.repo = new SessionRepository(db);
    this.idleMs = security.sessionIdleMinutes * 60_000;
    this.maxMs = security.sessionMaxHours * 3_600_000;
  }

  /** Opens a new session (never reuses an id a browser already had: protection against session fixation). */
  async open(
    trx: Kysely<Database> | Transaction<Database>,
    accountId: string,
    realm: Realm,
    stage: SessionStage,
    origin: RequestOrigin,
  ): Promise<NewSession> {
    const cookieValue = randomToken(32);
    const csrfToken = randomToken(32);
    const now = this.clock.now();
    await this.repo.insert(trx, {
      id_hash: sha256(cookieValue),
      account_id: accountId,
      realm,
      stage,
      csrf_token: csrfToken,
      created_at: toDbTime(now),
      last_seen_at: toDbTime(now),
      expires_at: toDbTime(new Date(now.getTime() + this.maxMs)),
      revoked_at: null,
      ip: origin.ip,
      user_agent: origin.userAgent?.slice(0, 400) ?? null,
    });
    return { cookieValue, csrfToken };
  }

  /** The live session for a cookie value in a realm, or null (unknown, revoked, idle too long, past its lifetime, account disabled). */
  async resolve(cookieValue: string | undefined, realm: Realm): Promise<Session | null> {
    if (!cookieValue || cookieValue.length > 100) return null;
    const row = await this.repo.find(sha256(cookieValue));
    if (!row || row.realm !== realm || row.revoked_at || row.account_status !== 'active') return null;
    const now = this.clock.now().getTime();
    const idleExpires = Date.parse(row.last_seen_at) + this.idleMs;
    if (now >= idleExpires || now >= Date.parse(row.expires_at)) return null;
    return {
      idHash: row.id_hash,
      accountId: row.account_id,
      realm: row.realm,
      stage: row.stage,
      csrfToken: row.csrf_token,
      staffRole: row.staff_role,
      patientId: row.patient_id,
      displayName: row.display_name,
      passwordChangeDue: row.one_time_password_expires_at !== null,
      createdAt: row.created_at,
      idleExpiresAt: new Date(Math.min(idleExpires, Date.parse(row.expires_at))).toISOString(),
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Activity: the idle timer starts again. Returns the new idle expiry. The write is made at most once per
   * TOUCH_INTERVAL_MS (a busy page makes many requests a minute; one write is enough), so the idle timeout keeps
   * minute precision: a session may end up to that much before the full idle time after its last request.
   */
  async touch(session: Session): Promise<string> {
    const now = this.clock.now();
    if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_INTERVAL_MS) return session.idleExpiresAt;
    await this.repo.touch(session.idHash, toDbTime(now));
    return new Date(Math.min(now.getTime() + this.idleMs, Date.parse(session.expiresAt))).toISOString();
  }

  async revoke(trx: Kysely<Database> | Transaction<Database>, idHash: string): Promise<void> {
    await this.repo.revoke(trx, idHash, toDbTime(this.clock.now()));
  }

  /** Sign out everywhere (or everywhere but the current session). */
  revokeAll(trx: Kysely<Database> | Transaction<Database>, accountId: string, exceptIdHash?: string): Promise<number> {
    return this.repo.revokeAll(trx, accountId, toDbTime(this.clock.now()), exceptIdHash);
  }
}
