/**
 * The staff side, fetched as one chunk (see lazy-component.ts) that patients never load: staff sign-in, the staff home
 * and the work pages under /staff/*.
 */
// First: the staff strings must be registered before a staff page renders.
import './staff-strings.ts';

export { StaffHomePage } from './StaffHomePage.tsx';
export { StaffRoutes } from './StaffRoutes.tsx';
export { StaffSignInPage } from './StaffSignInPage.tsx';
