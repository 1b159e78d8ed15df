import { useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { lazyComponent } from '../lazy-component.ts';
import type { Realm } from '../session/session-state.ts';
import { DeferredPart } from './DeferredPart.tsx';

// The menus (Mantine's Menu, Popover and floating-ui) are fetched once someone is signed in: the sign-in pages,
// every visit's first page, never load them.
const accountMenus = () => import('./AccountMenus.tsx');
const PatientMenu = lazyComponent(accountMenus, 'PatientMenu');
const StaffMenu = lazyComponent(accountMenus, 'StaffMenu');

/** Staff pages live under /staff and use the staff session; every other page the patient's. */
export function realmOfPage(pathname: string): Realm {
  return pathname === '/staff' || pathname.startsWith('/staff/') ? 'staff' : 'patient';
}

/**
 * The header's account menu while signed in: the person's name, their profile pages (patients) and
 * Sign out. Loading the session here also keeps its CSRF token at hand on every page.
 */
export function AccountMenu() {
  const { pathname } = useLocation();
  const realm = realmOfPage(pathname);
  const session = useSession(realm).data;
  if (!session || session.stage !== 'full') return null;
  return (
    <DeferredPart>
      {realm === 'staff' ? (
        <StaffMenu name={session.account.displayName} />
      ) : (
        <PatientMenu name={session.account.displayName} />
      )}
    </DeferredPart>
  );
}
