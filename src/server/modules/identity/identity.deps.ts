import type { AppContext } from '../../platform/context.ts';
import { FhirService } from '../fhir/fhir.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { IdentityRepository } from './identity.repository.ts';
import { createNotifications } from './notification-recipients.ts';

/** What identity's services share: the app context, their repository, the record (through its service), and notifications. */
export interface IdentityDeps {
  ctx: AppContext;
  repo: IdentityRepository;
  fhir: FhirService;
  notifications: NotificationService;
}

export function identityDeps(ctx: AppContext): IdentityDeps {
  const repo = new IdentityRepository();
  return { ctx, repo, fhir: new FhirService(ctx.db.kysely), notifications: createNotifications(ctx, repo) };
}
