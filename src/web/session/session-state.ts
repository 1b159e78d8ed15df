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
  /** Server clock minus browser clock, learnt from a reply that restarted the idle timer. */
  offsetMs?: number;
  idleTimeoutMs?: number;
  /** Browser time (Date.now()) at which the server will end the session if nothing happens. */
  idleDeadline?: number;
  /** Browser time of the session's absolute end. */
  absoluteDeadline?: number;
}

const states: Record<Realm, RealmState> = { patient: {}, staff: {} };
const deadlineListeners = new Set<() => void>();
const endedListeners = new Set<(realm: Realm) => void>();

export function csrfTokenFor(realm: Realm): string | undefined {
  return states[realm].csrfToken;
}

/** True while the app believes a session of this realm exists (so a 401 means it ended). */
export function hasSession(realm: Realm): boolean {
  return states[realm].csrfToken !== undefined;
}

/**
 * Records a SessionInfo reply. `restartedIdleTimer`: the request counted as activity (sign-in, keep-alive),
 * so the server's idle expiry is "now + timeout" on its clock, which tells us the offset between the
 * clocks. The server's clock may differ from the browser's (and does in tests), so deadlines are
 * always converted to browser time through that offset, never compared across clocks.
 */
export function noteSessionInfo(info: SessionInfo, restartedIdleTimer: boolean): void {
  const state = states[info.realm];
  const now = Date.now();
  const idleExpires = Date.parse(info.idleExpiresAt);
  const expires = Date.parse(info.expiresAt);
  state.csrfToken = info.csrfToken;
  state.idleTimeoutMs = info.idleTimeoutSeconds * 1000;
  // Near the absolute end the idle expiry is capped by it and says nothing about the server's "now".
  if (restartedIdleTimer && idleExpires < expires) state.offsetMs = idleExpires - (now + state.idleTimeoutMs);
  if (state.offsetMs !== undefined) {
    state.idleDeadline = idleExpires - state.offsetMs;
    state.absoluteDeadline = expires - state.offsetMs;
  } else {
    state.idleDeadline = undefined;
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
