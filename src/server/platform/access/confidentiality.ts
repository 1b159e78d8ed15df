import type { Tenant } from '../../../shared/tenant.ts';
import { dateInZone, hasReachedAge } from '../calendar.ts';

/** The indexed facts of a record item that decide whether it is confidential. */
export interface ConfidentialityFacts {
  /** Comma-separated meta.security codes (fhir_resource.security_labels). */
  securityLabels: string | null;
  codeSystem: string | null;
  code: string | null;
}

/**
 * Adolescent confidentiality: whether proxies must not see (or be told about) this item of a patient with this birth
 * date, today. Only for patients at or above the configured age; items are hidden when they carry a confidentiality
 * security code or a configured sensitive code. The patient scope applies it (PatientScope.hides / visible).
 */
export function confidentialForProxies(
  patientBirthDate: string | null,
  item: ConfidentialityFacts,
  tenant: Tenant,
  now: Date,
): boolean {
  const rules = tenant.confidentiality;
  const today = dateInZone(now, tenant.organisation.timeZone);
  if (patientBirthDate && !hasReachedAge(patientBirthDate, rules.fromAge, today)) return false;
  const labels = (item.securityLabels ?? '').split(',').filter(Boolean);
  if (labels.some((l) => rules.securityCodes.includes(l))) return true;
  return (
    item.codeSystem !== null && item.code !== null && rules.sensitiveCodes.includes(`${item.codeSystem}|${item.code}`)
  );
}
