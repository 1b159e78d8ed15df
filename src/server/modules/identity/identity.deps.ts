import type { AppContext } from '../../platform/context.ts';
import { FhirService } from '../fhir/fhir.service.ts';
import { IdentityRepository } from './identity.repository.ts';

/** What identity's services share: the app context, their repository, and the record (through its service). */
export interface IdentityDeps {
  ctx: AppContext;
  repo: IdentityRepository;
  fhir: FhirService;
}

export function identityDeps(ctx: AppContext): IdentityDeps {
  return { ctx, repo: new IdentityRepository(), fhir: new FhirService(ctx.db.kysely) };
}
