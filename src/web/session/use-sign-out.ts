import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { apiRequest } from '../api/client.ts';
import { clearSignedInState, noContentSchema, realmRoutes } from '../api/session.ts';
import { paths } from '../paths.ts';
import { setSignedOutNotice, type Realm, type SignedOutReason } from './session-state.ts';

/** What pages hand the sign-in page through the router's location state. */
export interface SignInLocationState {
  /** Where the person wanted to go; they return there after signing in. */
  from?: string;
}

export function signInPathOf(realm: Realm): string {
  return realm === 'staff' ? paths.staff.signIn : paths.signIn;
}

/**
 * Signs out of a realm: at the server (best effort; a session that already ended needs nothing), then
 * locally — the session and every cached reply are forgotten — and shows the sign-in page saying why.
 * After an inactivity sign-out the person returns to the page they were on once they sign in again.
 */
export function useSignOut(realm: Realm) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const currentPath = location.pathname + location.search;
  return useCallback(
    async (reason: SignedOutReason, options: { serverEnded?: boolean } = {}) => {
      if (reason !== 'everywhere' && !options.serverEnded) {
        try {
          await apiRequest('POST', realmRoutes[realm].signOut, noContentSchema, { expectSignedOut: true });
        } catch {
          // Offline or already ended: the server ends an idle session by itself.
        }
      }
      // The reason is kept outside the router: the route guard may redirect first (with its own state).
      setSignedOutNotice(realm, reason);
      // Forget before navigating: the sign-in page must not see the old session and send the person back in.
      clearSignedInState(queryClient, realm);
      const state: SignInLocationState = { from: reason === 'inactivity' ? currentPath : undefined };
      navigate(signInPathOf(realm), { replace: true, state });
    },
    [currentPath, navigate, queryClient, realm],
  );
}

/** Abandons a half-finished sign-in (password given, second factor not): no note, the form starts again. */
export async function abandonSignIn(queryClient: QueryClient, realm: Realm): Promise<void> {
  try {
    await apiRequest('POST', realmRoutes[realm].signOut, noContentSchema, { expectSignedOut: true });
  } catch {
    // The half session expires by itself.
  }
  clearSignedInState(queryClient, realm);
}
