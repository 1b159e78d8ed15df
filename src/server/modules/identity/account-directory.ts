import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { normaliseUsername } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import type { TwoStepService } from './two-step.service.ts';

export interface AccountCard {
  id: string;
  displayName: string;
  realm: 'patient' | 'staff';
  staffRole: string | null;
  patientId: string | null;
  email: string | null;
  emailVerified: boolean;
}

/** What other modules may know about accounts: names for display, lookup by username, and password re-entry. */
export class AccountDirectory {
  constructor(
    private readonly d: IdentityDeps,
    private readonly twoStep: TwoStepService,
  ) {}

  /** The notification system, wired to the account store (it finds recipients' verified contacts here). */
  get notifications(): NotificationService {
    return this.d.notifications;
  }

  async patientAccountByUsername(username: string): Promise<AccountCard | null> {
    const row = await this.d.repo.findAccountByUsername(this.d.ctx.db.kysely, 'patient', normaliseUsername(username));
    return row ? card(row) : null;
  }

  async byId(id: string): Promise<AccountCard | null> {
    const row = await this.d.repo.findAccount(this.d.ctx.db.kysely, id);
    return row ? card(row) : null;
  }

  async namesOf(ids: string[]): Promise<Map<string, AccountCard>> {
    const out = new Map<string, AccountCard>();
    for (const id of new Set(ids)) {
      const c = await this.byId(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  /** Sensitive changes (granting, revoking access) ask for the password again; throws a 400 on `password` when wrong. */
  async confirmPassword(session: Session, password: string, origin: RequestOrigin): Promise<void> {
    await this.twoStep.reauthenticate(session, password, origin);
  }
}

function card(r: {
  id: string;
  display_name: string;
  realm: 'patient' | 'staff';
  staff_role: string | null;
  patient_id: string | null;
  email: string | null;
  email_verified_at: string | null;
}): AccountCard {
  return {
    id: r.id,
    displayName: r.display_name,
    realm: r.realm,
    staffRole: r.staff_role,
    patientId: r.patient_id,
    email: r.email,
    emailVerified: r.email_verified_at !== null,
  };
}
