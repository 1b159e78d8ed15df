import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenant } from '../../config.ts';
import { repoRoot } from '../../../../test/helpers/test-app.ts';
import type { PatientAccess } from './access.ts';
import { hiddenFromCaller } from './confidentiality.ts';

const tenant = loadTenant(path.join(repoRoot, 'config/tenant.demo.json'));
const now = new Date('2026-11-24T15:00:00Z');
const as = (relation: PatientAccess['relation']): PatientAccess =>
  ({
    patientId: 'p',
    relation,
    actor: { type: 'proxy', id: 'a' },
    canWrite: false,
    hideConfidential: relation.startsWith('proxy'),
    canSeeAccessLog: false,
    grant: null,
  }) as PatientAccess;
const restricted = { securityLabels: 'R', codeSystem: null, code: null };
const substanceUse = { securityLabels: null, codeSystem: 'http://snomed.info/sct', code: '66590003' };
const ordinary = { securityLabels: null, codeSystem: 'http://snomed.info/sct', code: '44054006' };

describe('adolescent confidentiality', () => {
  it('hides restricted and sensitive items from a proxy of a 12-year-old and older', () => {
    expect(hiddenFromCaller(as('proxy_full'), '2014-11-24', restricted, tenant, now)).toBe(true);
    expect(hiddenFromCaller(as('proxy_view_only'), '2010-01-01', substanceUse, tenant, now)).toBe(true);
    expect(hiddenFromCaller(as('proxy_full'), '2010-01-01', ordinary, tenant, now)).toBe(false);
  });

  it('shows them to the patient and to staff, and to the parent of a child under the configured age', () => {
    expect(hiddenFromCaller(as('self'), '2010-01-01', restricted, tenant, now)).toBe(false);
    expect(hiddenFromCaller(as('staff'), '2010-01-01', restricted, tenant, now)).toBe(false);
    expect(hiddenFromCaller(as('proxy_full'), '2014-11-25', restricted, tenant, now)).toBe(false); // 12 tomorrow
  });
});
