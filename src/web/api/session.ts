import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { z } from 'zod';
import { sessionInfoSchema, type SessionInfo } from '../../shared/identity.ts';
import { forgetSession, type Realm } from '../session/session-state.ts';
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
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public-config' && query.queryKey[0] !== 'session' });
  queryClient.setQueryData(sessionQueryKey(realm), null);
}

/** Signs out at the server (best effort: the local sign-out happens even when the server cannot be reached). */
export function useSignOutRequest(realm: Realm) {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await apiRequest('POST', realmRoutes[realm].signOut, noContentSchema, { expectSignedOut: true });
    } catch {
      // Already signed out, or offline: the server ends the session by itself when it goes idle.
    }
    clearSignedInState(queryClient, realm);
  }, [queryClient, realm]);
}
