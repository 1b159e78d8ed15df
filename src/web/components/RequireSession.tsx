import { Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import type { SessionInfo } from '../../shared/identity.ts';
import { useSession } from '../api/session.ts';
import type { PortalOutletContext } from '../hooks/use-portal-config.ts';
import type { Realm } from '../session/session-state.ts';
import { signInPathOf, type SignInLocationState } from '../session/use-sign-out.ts';
import { IdleSignOut } from './IdleSignOut.tsx';
import { PageLoadError, PageLoading } from './PageStatus.tsx';
import { RecordInViewBanner } from './RecordInViewBanner.tsx';

/** What a signed-in page gets through the outlet: the organisation facts and the session. */
export interface SignedInOutletContext extends PortalOutletContext {
  session: SessionInfo;
}

/**
 * The route guard: pages under it need a fully signed-in session of the realm. Anyone else goes to
 * that realm's sign-in page, which brings them back here afterwards. While signed in, the idle
 * sign-out runs.
 */
export function RequireSession({ realm }: { realm: Realm }) {
  const parent = useOutletContext<PortalOutletContext>();
  const location = useLocation();
  const sessionQuery = useSession(realm);

  if (sessionQuery.isPending) return <PageLoading />;
  if (sessionQuery.isError)
    return (
      <PageLoadError
        onRetry={() => void sessionQuery.refetch()}
        retrying={sessionQuery.isFetching}
        error={sessionQuery.error}
      />
    );
  const session = sessionQuery.data;
  // A one-time password (an administrator's reset) must be replaced first: the sign-in page asks for a new one.
  if (!session || session.stage !== 'full' || session.mustChangePassword) {
    const state: SignInLocationState = { from: location.pathname + location.search };
    return <Navigate to={signInPathOf(realm)} replace state={state} />;
  }
  return (
    <>
      <IdleSignOut realm={realm} />
      {realm === 'patient' && <RecordInViewBanner />}
      <Outlet context={{ ...parent, session } satisfies SignedInOutletContext} />
    </>
  );
}

/** The session of a page rendered under RequireSession. */
export function useSignedInSession(): SessionInfo {
  return useOutletContext<SignedInOutletContext>().session;
}
