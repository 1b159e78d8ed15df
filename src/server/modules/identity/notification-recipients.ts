import type { AppContext } from '../../platform/context.ts';
import { NotificationService, type RecipientDirectory } from '../notifications/notifications.service.ts';
import type { IdentityRepository } from './identity.repository.ts';

/** Accounts' contact details for the notification system, read through the caller's transaction. */
export function identityRecipients(repo: IdentityRepository): RecipientDirectory {
  return {
    async contactOf(trx, accountId) {
      const a = await repo.findAccount(trx, accountId);
      if (!a || a.status !== 'active') return null;
      return {
        accountId: a.id,
        realm: a.realm,
        patientId: a.patient_id,
        email: a.email,
        emailVerified: a.email_verified_at !== null,
        phone: a.phone,
        phoneVerified: a.phone_verified_at !== null,
      };
    },
    async accountOfPatient(trx, patientId) {
      const a = await repo.findAccountByPatient(trx, patientId);
      return a && a.status === 'active' ? a.id : null;
    },
  };
}

/** The notification service wired to the account store; what every module that tells people something uses. */
export function createNotifications(ctx: AppContext, repo: IdentityRepository): NotificationService {
  return new NotificationService(ctx, identityRecipients(repo));
}
