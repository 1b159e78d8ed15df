import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenant } from '../../config.ts';
import { repoRoot } from '../../../../test/helpers/test-app.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { ConfidentialityFacts } from './confidentiality.ts';
import { permissionsOf, type Relation } from './policy.ts';
import { PatientScope } from './scope.ts';

const tenant = loadTenant(path.join(repoRoot, 'config/tenant.demo.json'));
const now = new Date('2026-11-24T15:00:00Z');
/** A scope as the guard builds it for this relation (staff: a clinician), for a patient born on `birthDate`. */
const hiddenFrom = (relation: Relation, birthDate: string, item: ConfidentialityFacts): boolean =>
  new PatientScope({
    patientId: 'p',
    relation,
    actor: { type: 'proxy', id: 'a' },
    permissions: permissionsOf(relation, relation === 'staff' ? 'clinician' : null),
    grant: null,
    birthDate,
    tenant,
    now,
    audit: null as unknown as AuditLog, // never written in these checks
  }).hides(item);
const restricted = { securityLabels: 'R', codeSystem: null, code: null };
const substanceUse = { securityLabels: null, codeSystem: 'http://snomed.info/sct', code: '66590003' };
const ordinary = { securityLabels: null, codeSystem: 'http://snomed.info/sct', code: '44054006' };

describe('adolescent confidentiality', () => {
  it('hides restricted and sensitive items from a proxy of a 12-year-old and older', () => {
    expect(hiddenFrom('proxy_full', '2014-11-24', restricted)).toBe(true);
    expect(hiddenFrom('proxy_view_only', '2010-01-01', substanceUse)).toBe(true);
    expect(hiddenFrom('proxy_full', '2010-01-01', ordinary)).toBe(false);
  });

  it('shows them to the patient and to staff, and to the parent of a child under the configured age', () => {
    expect(hiddenFrom('self', '2010-01-01', restricted)).toBe(false);
    expect(hiddenFrom('staff', '2010-01-01', restricted)).toBe(false);
    expect(hiddenFrom('proxy_full', '2014-11-25', restricted)).toBe(false); // 12 tomorrow
  });
});
