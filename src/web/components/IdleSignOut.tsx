import { useCallback, useEffect, useState } from 'react';
import { lazyComponent } from '../lazy-component.ts';
import type { Realm } from '../session/session-state.ts';
import { useIdleDeadline } from '../session/use-idle-deadline.ts';
import { useSignOut } from '../session/use-sign-out.ts';
import { DeferredPart } from './DeferredPart.tsx';

// The dialog (Mantine's Modal and its focus trap, scroll lock and transitions) is not needed until the last minute:
// it stays out of the first load, and is fetched once the signed-in page is up. The timer that signs out is here.
const loadIdleWarningDialog = () => import('./IdleWarningDialog.tsx');
const IdleWarningDialog = lazyComponent(loadIdleWarningDialog, 'IdleWarningDialog');

/**
 * Automatic sign-out after inactivity (HIPAA automatic logoff): a dialog a minute before the end with a
 * live countdown, "Stay signed in" and "Sign out"; at the end the app signs out and the sign-in page
 * says why.
 */
export function IdleSignOut({ realm }: { realm: Realm }) {
  const signOut = useSignOut(realm);
  // When the server already ended the session there is nothing to sign out of there.
  const handleExpired = useCallback((serverEnded: boolean) => void signOut('inactivity', { serverEnded }), [signOut]);
  const { deadline, warning, stay } = useIdleDeadline(realm, handleExpired);
  const [staying, setStaying] = useState(false);
  useEffect(() => {
    // Fetched now, so the warning does not wait for the network (or miss a chunk a later deploy removed).
    loadIdleWarningDialog().catch(() => undefined);
  }, []);

  async function handleStay() {
    setStaying(true);
    try {
      await stay();
    } catch {
      // The expiry check signs out if the session really ended.
    } finally {
      setStaying(false);
    }
  }

  if (!warning || deadline === undefined) return null;
  return (
    // Should the dialog's chunk fail to load, the sign-out still happens at the deadline.
    <DeferredPart>
      <IdleWarningDialog
        deadline={deadline}
        staying={staying}
        onStay={handleStay}
        onSignOut={() => void signOut('signedOut')}
      />
    </DeferredPart>
  );
}
