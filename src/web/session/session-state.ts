import type { SessionInfo } from '../../shared/identity.ts';

/** Patients and staff have separate sessions (separate cookies), so everything here is kept per realm. */
export type Realm = SessionInfo['realm'];

/** Staff API routes live under /api/staff/; everything else belongs to the patient session. */
export function realmOfApiPath(path: string): Realm {
  return path === '/staff' || path.startsWith('/staff/') ? 'staff' : 'patient';
}

interface RealmState {
  /** The CSRF token of the latest SessionInfo; sent as X-CSRF-Token on every state-changing request. */
  csrfToken?: string;
  /** Server clock minus browser clock (see SessionInfoKind). */
  offsetMs?: number;
  idleTimeoutMs?: number;
  /** Browser time (Date.now()) at which the server will end the session if nothing happens. */
  idleDeadline?: number;
  /** Browser time of the session's absolute end. */
  absoluteDeadline?: number;
  /** After a keep-alive: the next status read tells the offset. */
  anchorPending?: boolean;
}

const states: Record<Realm, RealmState> = { patient: {}, staff: {} };

/** Why the last session of a realm ended, for the sign-in page to say (kept until the next sign-in). */
/** `ended`: the server ended the session (signed out elsewhere, a password or 2-step change, the account disabled). */
export type SignedOutReason = 'signedOut' | 'inactivity' | 'everywhere' | 'ended';
const signedOutNotices: Partial<Record<Realm, SignedOutReason>> = {};

export function setSignedOutNotice(realm: Realm, reason: SignedOutReason): void {
  signedOutNotices[realm] = reason;
}

export function signedOutNoticeOf(realm: Realm): SignedOutReason | undefined {
  return signedOutNotices[realm];
}
const deadlineListeners = new Set<() => void>();
const endedListeners = new Set<(realm: Realm) => void>();

export function csrfTokenFor(realm: Realm): string | undefined {
  return states[realm].csrfToken;
}

/**
 * Whether this browser may have a session of the realm: set at every SessionInfo, cleared at sign-out.
 * The cookie is HttpOnly, so without this hint every page would ask the server and, signed out, get a
 * 401 that the browser logs as an error. When storage is unavailable, the app simply asks.
 */
export function mayHaveSession(realm: Realm): boolean {
  try {
    return window.localStorage.getItem(hintKey(realm)) === '1';
  } catch {
    return true;
  }
}

function setSessionHint(realm: Realm, present: boolean): void {
  try {
    if (present) window.localStorage.setItem(hintKey(realm), '1');
    else window.localStorage.removeItem(hintKey(realm));
  } catch {
    // Storage unavailable: mayHaveSession says "ask".
  }
}

function hintKey(realm: Realm): string {
  return `lantern.signed-in.${realm}`;
}

/** True while the app believes a session of this realm exists (so a 401 means it ended). */
export function hasSession(realm: Realm): boolean {
  return states[realm].csrfToken !== undefined;
}

/**
 * How a SessionInfo reply relates to the server's idle timer:
 * - `opened`: a session just opened (sign-in, second factor, sign-up): its idle expiry is the server's
 *   "now + timeout", which tells us how the server's clock relates to the browser's;
 * - `kept`: a keep-alive restarted the timer: the deadline is now + timeout;
 * - `status`: a status read (no activity): the server's idle expiry, converted to browser time.
 * The server's clock may differ from the browser's (and does in tests), so server times are always
 * converted through that offset, never compared with Date.now() directly.
 */
export type SessionInfoKind = 'opened' | 'kept' | 'status';

export function noteSessionInfo(info: SessionInfo, kind: SessionInfoKind): void {
  const state = states[info.realm];
  const now = Date.now();
  const idleExpires = Date.parse(info.idleExpiresAt);
  const expires = Date.parse(info.expiresAt);
  state.csrfToken = info.csrfToken;
  setSessionHint(info.realm, true);
  state.idleTimeoutMs = info.idleTimeoutSeconds * 1000;
  if (kind === 'opened') {
    delete signedOutNotices[info.realm];
    state.offsetMs = idleExpires - (now + state.idleTimeoutMs);
  } else if (kind === 'kept') {
    state.idleDeadline = now + state.idleTimeoutMs;
    // The next status read (made right after) fixes the offset from the server's own expiry.
    state.offsetMs = undefined;
    state.anchorPending = true;
  } else if (state.anchorPending && state.idleDeadline !== undefined) {
    state.offsetMs = idleExpires - state.idleDeadline;
    state.anchorPending = false;
  }
  if (state.offsetMs !== undefined) {
    state.idleDeadline = idleExpires - state.offsetMs;
    state.absoluteDeadline = expires - state.offsetMs;
  }
  emitDeadlineChange();
}

/** Any other request of this realm that the server counted as activity restarts its idle timer. */
export function noteActivity(realm: Realm): void {
  const state = states[realm];
  if (state.idleDeadline === undefined || state.idleTimeoutMs === undefined) return;
  let next = Date.now() + state.idleTimeoutMs;
  if (state.absoluteDeadline !== undefined) next = Math.min(next, state.absoluteDeadline);
  if (next <= state.idleDeadline) return;
  state.idleDeadline = next;
  emitDeadlineChange();
}

/** The session is gone (signed out, or the server said so): forget its token and deadlines. */
export function forgetSession(realm: Realm): void {
  states[realm] = {};
  setSessionHint(realm, false);
  emitDeadlineChange();
}

/** The server answered 401 not_signed_in to a request made with a session we believed alive. */
export function reportSessionEnded(realm: Realm): void {
  if (!hasSession(realm)) return;
  forgetSession(realm);
  for (const listener of endedListeners) listener(realm);
}

export function onSessionEnded(listener: (realm: Realm) => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/** Browser time at which the session ends if the person does nothing, or undefined when not known yet. */
export function idleDeadlineOf(realm: Realm): number | undefined {
  return states[realm].idleDeadline;
}

export function subscribeToDeadlines(listener: () => void): () => void {
  deadlineListeners.add(listener);
  return () => deadlineListeners.delete(listener);
}

function emitDeadlineChange(): void {
  for (const listener of deadlineListeners) listener();
}
