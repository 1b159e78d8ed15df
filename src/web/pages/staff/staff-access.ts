/**
 * Which staff roles each staff page is for: the web's copy of the server's policy table (platform/access/policy.ts)
 * for the permission the page's routes need, so a page the role cannot use is one "not allowed" page instead of a
 * form of error boxes. The server still checks every request.
 */
export const PAGE_ROLES = {
  /** `patient.search`: the patient search and the patient page. */
  patients: ['front_desk', 'him', 'admin', 'clinician', 'nurse'],
  /** `staff.manage`: staff accounts and the other administration. */
  admin: ['admin'],
} as const satisfies Record<string, readonly string[]>;

export type StaffPage = keyof typeof PAGE_ROLES;

export function mayOpenPage(page: StaffPage, role: string | null | undefined): boolean {
  return (PAGE_ROLES[page] as readonly string[]).includes(role ?? '');
}
