import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { sessionInfoSchema } from '../../shared/identity.ts';
import { apiRequest } from '../api/client.ts';
import { fetchSession, realmRoutes, storeSession } from '../api/session.ts';
import { idleDeadlineOf, subscribeToDeadlines, type Realm } from './session-state.ts';

/** The warning comes one minute before the idle sign-out. */
export const idleWarningMs = 60_000;

/**
 * The idle timer of a signed-in realm. It follows the server's idle expiry (converted to browser time),
 * checks with the server before warning and before signing out — activity in another tab moves the
 * expiry, and then nothing happens here — and warns a minute before the end.
 * Returns the deadline, whether the warning is due, and `stay` (the "stay signed in" keep-alive).
 */
export function useIdleDeadline(realm: Realm, onExpired: (serverEnded: boolean) => void) {
  const queryClient = useQueryClient();
  const deadline = useSyncExternalStore(subscribeToDeadlines, () => idleDeadlineOf(realm));
  // The deadline the warning was raised for; a new deadline (keep-alive, activity) hides it.
  const [warnedFor, setWarnedFor] = useState<number | undefined>(undefined);

  const stay = useCallback(async () => {
    storeSession(queryClient, await apiRequest('POST', realmRoutes[realm].keepAlive, sessionInfoSchema));
    // A status read right after tells how the server's clock relates to the browser's (see noteSessionInfo).
    await fetchSession(realm);
  }, [queryClient, realm]);

  // A page opened with a session already running: opening it is activity, and the keep-alive's answer
  // tells the browser how the server's clock relates to its own.
  useEffect(() => {
    if (idleDeadlineOf(realm) === undefined) stay().catch(() => undefined);
  }, [realm, stay]);

  useEffect(() => {
    if (deadline === undefined) return;
    let cancelled = false;
    /** Asks the server (without counting as activity); false when the session has ended. */
    async function stillSignedIn(): Promise<boolean> {
      try {
        return (await fetchSession(realm)) !== null;
      } catch {
        return true; // offline: the local deadline stands
      }
    }
    const warnTimer = setTimeout(
      async () => {
        const alive = await stillSignedIn();
        // Checked before `cancelled`: the 401 itself forgets the session, which ends this effect.
        if (!alive) return onExpired(true);
        if (cancelled) return;
        const current = idleDeadlineOf(realm);
        // Still due (otherwise the deadline moved and this effect starts again).
        if (current !== undefined && current - Date.now() <= idleWarningMs + 1000) setWarnedFor(current);
      },
      Math.max(0, deadline - idleWarningMs - Date.now()),
    );
    const expiryTimer = setTimeout(
      async () => {
        const alive = await stillSignedIn();
        if (!alive) return onExpired(true);
        if (cancelled) return;
        const current = idleDeadlineOf(realm);
        if (current === undefined || current - Date.now() <= 1000) onExpired(false);
      },
      Math.max(0, deadline - Date.now()),
    );
    return () => {
      cancelled = true;
      clearTimeout(warnTimer);
      clearTimeout(expiryTimer);
    };
  }, [deadline, realm, onExpired]);

  return { deadline, warning: deadline !== undefined && warnedFor === deadline, stay };
}
