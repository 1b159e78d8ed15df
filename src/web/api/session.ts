import { useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionInfoSchema, type SessionInfo } from '../../shared/identity.ts';
import { forgetRecordInView } from '../session/record-in-view-state.ts';
import { forgetSession, hasSession, mayHaveSession, type Realm } from '../session/session-state.ts';
import { ApiError, apiRequest } from './client.ts';

/** A 202/204 reply: nothing to read. */
export const noContentSchema = z.unknown();

/** The identity routes of each realm (src/shared/identity.ts lists them); staff use their own, under /api/staff. */
export const realmRoutes = {
  patient: {
    session: '/session',
    keepAlive: '/session/keep-alive',
    signIn: '/auth/signin',
    secondFactor: '/auth/second-factor',
    signOut: '/auth/signout',
    twoStepSetup: '/account/two-step/setup',
    twoStepConfirm: '/account/two-step/confirm',
  },
  staff: {
    session: '/staff/session',
    keepAlive: '/staff/session/keep-alive',
    signIn: '/staff/auth/signin',
    secondFactor: '/staff/auth/second-factor',
    signOut: '/staff/auth/signout',
    twoStepSetup: '/staff/account/two-step/setup',
    twoStepConfirm: '/staff/account/two-step/confirm',
  },
} as const satisfies Record<Realm, Record<string, string>>;

export function sessionQueryKey(realm: Realm) {
  return ['session', realm] as const;
}

/** The current session of a realm: its SessionInfo, or null when nobody is signed in. Reading it does not count as activity. */
export function useSession(realm: Realm) {
  return useQuery({
    queryKey: sessionQueryKey(realm),
    queryFn: ({ signal }) => fetchSession(realm, signal),
    staleTime: Infinity,
  });
}

export async function fetchSession(realm: Realm, signal?: AbortSignal): Promise<SessionInfo | null> {
  if (!mayHaveSession(realm) && !hasSession(realm)) return null;
  try {
    return await apiRequest('GET', realmRoutes[realm].session, sessionInfoSchema, { signal, expectSignedOut: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      forgetSession(realm);
      return null;
    }
    throw err;
  }
}

/** Puts a SessionInfo reply (sign-in, second factor, keep-alive) where every component reads the session. */
export function storeSession(queryClient: QueryClient, info: SessionInfo): void {
  queryClient.setQueryData(sessionQueryKey(info.realm), info);
}

/**
 * Forgets everything the signed-in person could see: their session and every cached reply except the
 * organisation facts, so nothing of theirs is on screen or in memory for the next person at this computer.
 */
export function clearSignedInState(queryClient: QueryClient, realm: Realm): void {
  forgetSession(realm);
  if (realm === 'patient') forgetRecordInView();
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'public-config' && query.queryKey[0] !== 'session',
  });
  queryClient.setQueryData(sessionQueryKey(realm), null);
}
