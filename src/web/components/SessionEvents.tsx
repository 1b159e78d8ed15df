import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { clearSignedInState } from '../api/session.ts';
import { onSessionEnded, setSignedOutNotice } from '../session/session-state.ts';
import { signInPathOf, type SignInLocationState } from '../session/use-sign-out.ts';

/**
 * When the server answers a request with "not signed in" (the session went idle, was signed out
 * elsewhere, reached its absolute end, or its account was disabled), the app signs out locally and the
 * sign-in page says so (without claiming a reason the app cannot know).
 */
export function SessionEvents() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const currentPath = useRef('');
  useEffect(() => {
    currentPath.current = location.pathname + location.search;
  }, [location]);

  useEffect(
    () =>
      onSessionEnded((realm) => {
        setSignedOutNotice(realm, 'ended');
        clearSignedInState(queryClient, realm);
        const state: SignInLocationState = { from: currentPath.current };
        navigate(signInPathOf(realm), { replace: true, state });
      }),
    [navigate, queryClient],
  );
  return null;
}
