import { useSignedInSession } from '../../components/RequireSession.tsx';

/**
 * What the signed-in staff member's role may do, from the server's policy table (platform/access/policy.ts) as the
 * session reports it: pages and sections the role cannot use are left out or shown as one "not allowed" page instead
 * of a form of error boxes. The server still checks every request.
 */
export function useStaffMay(): (permission: string) => boolean {
  const permissions = useSignedInSession().account.staffPermissions;
  return (permission) => permissions.includes(permission);
}

/** The permission each staff page's routes need. */
export const PAGE_PERMISSION = {
  /** The patient search and the patient page. */
  patients: 'patient.search',
  /** The results queue and a result's page (clinicians and nurses). */
  results: 'results.review',
  /** A provider's day of appointments (front desk, clinicians, nurses). */
  schedule: 'schedule.read',
  /** Staff accounts and the other administration. */
  admin: 'staff.manage',
  /** Providers' schedules: departments, visit types, weekly hours (administrators). */
  schedules: 'schedule.manage',
} as const;

export type StaffPage = keyof typeof PAGE_PERMISSION;
