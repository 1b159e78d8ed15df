import { permissionsOf } from '../../platform/access/policy.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { SessionInfo } from '../../../shared/identity.ts';
import type { AccountRow } from './identity.repository.ts';

/** The session as the web app sees it: who, which stage, the CSRF token, and when it ends. */
export function presentSession(session: Session, account: AccountRow, idleTimeoutSeconds: number): SessionInfo {
  return {
    realm: session.realm,
    stage: session.stage,
    mustEnrolSecondFactor: session.stage === 'second_factor' && account.totp_enabled_at === null,
    mustChangePassword: account.one_time_password_expires_at !== null,
    csrfToken: session.csrfToken,
    account: {
      id: account.id,
      username: account.username_display,
      displayName: account.display_name,
      staffRole: account.staff_role,
      staffPermissions: account.staff_role ? [...permissionsOf('staff', account.staff_role)] : [],
      patientId: account.patient_id,
      twoStepEnabled: account.totp_enabled_at !== null,
    },
    idleExpiresAt: session.idleExpiresAt,
    expiresAt: session.expiresAt,
    idleTimeoutSeconds,
  };
}
