import { z } from 'zod';

/**
 * The identity API contract, shared by server and web. Routes (all JSON; state-changing requests send
 * `X-CSRF-Token` from the session once one exists):
 *
 * Patients
 *   GET  /api/session                         → SessionInfo | 401            (does not count as activity)
 *   POST /api/session/keep-alive              → SessionInfo                  ("stay signed in")
 *   POST /api/auth/signup        SignupRequest → SessionInfo                  (signed in after sign-up)
 *   POST /api/auth/signin        SigninRequest → SessionInfo                  (stage second_factor when TOTP is on)
 *   POST /api/auth/second-factor SecondFactorRequest → SessionInfo
 *   POST /api/auth/signout                    → 204
 *   POST /api/auth/signout-everywhere         → 204
 *   POST /api/auth/forgot-password  { username } → 202 (always the same answer)
 *   POST /api/auth/reset-password   ResetPasswordRequest → 204
 *   POST /api/auth/forgot-username  { contact } → 202 (always the same answer)
 *   POST /api/activation-code-requests ActivationCodeRequest → 202
 *   GET  /api/account/profile                 → Profile
 *   POST /api/account/contact    ContactChangeRequest → Profile   (new email/phone get a code)
 *   POST /api/account/contact/verify { channel, code } → Profile
 *   POST /api/account/password   PasswordChangeRequest → 204 (other sessions end)
 *   POST /api/account/two-step/setup { password } → TwoStepSetup
 *   POST /api/account/two-step/confirm { code } → { recoveryCodes: string[] }
 *   POST /api/account/two-step/disable { password } → 204  (patients only)
 *   GET  /api/account/activity                → ActivityItem[]
 *
 * Staff (separate cookie and session): /api/staff/session, /api/staff/session/keep-alive, /api/staff/auth/signin,
 *   /api/staff/auth/second-factor, /api/staff/auth/signout, /api/staff/account/two-step/setup|confirm — same shapes.
 */

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Choose a username of at least 3 characters.')
  .max(64, 'Usernames are at most 64 characters.')
  .regex(/^[\p{L}\p{N}._@+-]+$/u, 'Use letters, digits and . _ @ + - only.');

/** Passwords are never trimmed or truncated; the server checks length, common passwords and personal words. */
export const passwordSchema = z
  .string()
  .min(1, 'Enter a password.')
  .max(1024, 'Passwords are at most 1024 characters.');

export const isoDateSchema = z.iso.date({ error: 'Enter a date as YYYY-MM-DD.' });
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{7,20}$/, 'Enter a phone number, e.g. (502) 555-0100.');
export const emailSchema = z.email({ error: 'Enter an email address like name@example.org.' }).max(254);

export const signupRequestSchema = z.object({
  activationCode: z.string().trim().min(1, 'Enter your activation code.').max(40),
  dateOfBirth: isoDateSchema,
  username: usernameSchema,
  password: passwordSchema,
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const signinRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username.').max(64),
  password: passwordSchema,
});
export type SigninRequest = z.infer<typeof signinRequestSchema>;

export const secondFactorRequestSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code from your app.')
      .optional(),
    recoveryCode: z.string().trim().min(8).max(40).optional(),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), {
    message: 'Enter either a code from your app or a recovery code.',
    path: ['code'],
  });
export type SecondFactorRequest = z.infer<typeof secondFactorRequestSchema>;

export const sessionInfoSchema = z.object({
  realm: z.enum(['patient', 'staff']),
  stage: z.enum(['second_factor', 'full']),
  /** With stage second_factor: true when the account must first enrol an authenticator (staff). */
  mustEnrolSecondFactor: z.boolean(),
  /** With stage full: the account signed in with a one-time password an admin gave and must choose its own first. */
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    staffRole: z.string().nullable(),
    /** What a staff member's role may do (the server's policy table), so pages hide what the role cannot use. */
    staffPermissions: z.array(z.string()),
    patientId: z.string().nullable(),
    twoStepEnabled: z.boolean(),
  }),
  idleExpiresAt: z.string(),
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const resetPasswordRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  code: z.string().trim().min(4).max(20),
  newPassword: passwordSchema,
});
export const forgotPasswordRequestSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username.').max(64),
});
export const forgotUsernameRequestSchema = z.object({
  contact: z.string().trim().min(3, 'Enter the email or phone number on your account.').max(254),
});

export const activationCodeRequestSchema = z
  .object({
    firstName: z.string().trim().min(1, 'Enter your first name.').max(100),
    lastName: z.string().trim().min(1, 'Enter your last name.').max(100),
    dateOfBirth: isoDateSchema,
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    address: z.string().trim().max(300).optional(),
  })
  .refine((v) => v.email || v.phone || v.address, {
    message: 'Give at least one way to reach you: email, phone or mailing address.',
    path: ['email'],
  });
export type ActivationCodeRequest = z.infer<typeof activationCodeRequestSchema>;

export const profileSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  address: z.string().nullable(),
  twoStepEnabled: z.boolean(),
  /** Patients may turn 2-step off; staff may not. */
  canDisableTwoStep: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const contactChangeRequestSchema = z.object({
  password: passwordSchema,
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
});
export const contactVerifyRequestSchema = z.object({
  channel: z.enum(['email', 'phone']),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code we sent.'),
});
export const passwordChangeRequestSchema = z.object({ currentPassword: passwordSchema, newPassword: passwordSchema });
export const passwordOnlySchema = z.object({ password: passwordSchema });
/**
 * Starting 2-step setup: the password, and when the account already has 2-step (replacing the authenticator) a
 * current code from the app or a recovery code as well.
 */
export const twoStepSetupRequestSchema = z.object({
  password: passwordSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code from your app.')
    .optional(),
  recoveryCode: z.string().trim().min(8).max(40).optional(),
});
export type TwoStepSetupRequest = z.infer<typeof twoStepSetupRequestSchema>;
export const totpConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code from your app.'),
});

export const twoStepSetupSchema = z.object({
  /** otpauth:// URI for authenticator apps. */
  uri: z.string(),
  /** The same as a QR code, an SVG data URL. */
  qrCodeDataUrl: z.string(),
  /** For typing into an app by hand. */
  secret: z.string(),
});
export type TwoStepSetup = z.infer<typeof twoStepSetupSchema>;

export const activityItemSchema = z.object({
  at: z.string(),
  /** e.g. auth.signin.success, auth.signin.failed, account.password.changed, account.two_step.enabled, auth.account.locked */
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;
