import { z } from 'zod';
import { usernameSchema } from './identity.ts';

/**
 * Staff administration (role admin):
 *   GET  /api/staff/admin/accounts                       → StaffAccountList
 *   POST /api/staff/admin/accounts CreateStaffAccountRequest → 201 CreatedStaffAccount (the initial password, once)
 *   PUT  /api/staff/admin/accounts/:id/organisations StaffOrganisationsRequest → StaffAccount
 *   GET  /api/staff/admin/organisations                  → OrganisationList (where patients are seen)
 *   POST /api/staff/admin/accounts/:id/reset-password     → 200 ResetStaffPassword (the one-time password, once)
 *   POST /api/staff/admin/accounts/:id/reset-two-step     → StaffAccount (enrols again at next sign-in)
 *   POST /api/staff/admin/accounts/:id/disable            → StaffAccount (sessions end at once)
 *   POST /api/staff/admin/accounts/:id/enable             → StaffAccount
 *
 * Clinicians and nurses reach only the patients and care-team pools of the organisations they belong to.
 */

export const organisationSchema = z.object({ id: z.string(), name: z.string() });
export const organisationListSchema = z.object({ organisations: z.array(organisationSchema) });
export type Organisation = z.infer<typeof organisationSchema>;

const organisationIdsSchema = z.array(z.string().min(1).max(128)).max(200);
export const staffOrganisationsRequestSchema = z.object({ organisations: organisationIdsSchema });

export const staffRoles = ['clinician', 'nurse', 'front_desk', 'him', 'billing', 'admin'] as const;
export const staffRoleSchema = z.enum(staffRoles, { error: 'Choose a role.' });
export type StaffRoleName = z.infer<typeof staffRoleSchema>;

export const staffAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string().nullable(),
  twoStepEnabled: z.boolean(),
  status: z.string(),
  /** An admin reset the password and the colleague has not yet chosen their own. */
  mustChangePassword: z.boolean(),
  /** The organisations they work for (what a clinician or nurse may reach). */
  organisations: z.array(organisationSchema),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffAccountListSchema = z.object({ accounts: z.array(staffAccountSchema) });

export const createStaffAccountRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'Enter the person’s name.').max(100),
  role: staffRoleSchema,
  email: z.email({ error: 'Enter an email address like name@example.org.' }).max(254).optional(),
  organisations: organisationIdsSchema.default([]),
});
export type CreateStaffAccountRequest = z.infer<typeof createStaffAccountRequestSchema>;

export const createdStaffAccountSchema = z.object({
  account: staffAccountSchema,
  /** Shown once; the new colleague signs in with it and enrols 2-step verification. */
  initialPassword: z.string(),
});
export type CreatedStaffAccount = z.infer<typeof createdStaffAccountSchema>;

export const resetStaffPasswordSchema = z.object({
  account: staffAccountSchema,
  /** Shown once; works until expiresAt, and must be replaced by the colleague's own password at sign-in. */
  oneTimePassword: z.string(),
  expiresAt: z.string(),
});
export type ResetStaffPassword = z.infer<typeof resetStaffPasswordSchema>;
