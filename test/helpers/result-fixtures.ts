import { randomUUID } from 'node:crypto';
import { FhirImportService } from '../../src/server/modules/fhir/fhir-import.service.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { sampleBundle } from './fhir-fixtures.ts';

/**
 * A tiny synthetic laboratory report for a sample patient who is already imported, as a later feed from the EHR would
 * bring it: a DiagnosticReport of the given HL7 v2-0074 category (PAT, pathology, is held by the demo's release rules)
 * at the patient's latest outpatient visit, with two Observations — a coded finding in words and a number with its
 * own reference range, out of range. Never real data: the names and values are made up.
 */
export interface SyntheticReport {
  reportId: string;
  name: string;
  /** The values as the bundle has them, for assertions that do not use the presenter as their oracle. */
  values: { id: string; name: string; value: number | null; valueText: string | null; unit: string | null }[];
}

export async function importSyntheticReport(
  ctx: AppContext,
  prefix: string,
  options: { category?: string; resultedAt: string },
): Promise<SyntheticReport> {
  const sample = sampleBundle(prefix);
  const resources = sample.json.entry.map((e) => e.resource);
  const patient = resources.find((r) => r.resourceType === 'Patient')!;
  const encounter = resources
    .filter((r) => r.resourceType === 'Encounter' && (r.class as { code?: string } | undefined)?.code === 'AMB')
    .sort((a, b) => encounterStart(b).localeCompare(encounterStart(a)))[0]!;
  const organisation = (encounter.serviceProvider as { reference: string } | undefined)?.reference;
  const urn = (id: string) => `urn:uuid:${id}`;
  const reportId = randomUUID();
  const findingId = randomUUID();
  const indexId = randomUUID();
  const name = 'Skin biopsy pathology report';
  const common = {
    status: 'final',
    subject: { reference: urn(patient.id) },
    encounter: { reference: urn(encounter.id) },
    effectiveDateTime: options.resultedAt,
    issued: options.resultedAt,
  };
  const loinc = (code: string, display: string) => ({
    coding: [{ system: 'http://loinc.org', code, display }],
    text: display,
  });
  const lab = {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
  };
  const finding = {
    resourceType: 'Observation',
    id: findingId,
    ...common,
    category: [lab],
    code: loinc('33746-9', 'Pathologist interpretation'),
    valueCodeableConcept: { text: 'Benign: no atypical cells seen' },
  };
  const index = {
    resourceType: 'Observation',
    id: indexId,
    ...common,
    category: [lab],
    code: loinc('29593-1', 'Proliferation index'),
    valueQuantity: { value: 28, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
    referenceRange: [{ high: { value: 20, unit: '%', system: 'http://unitsofmeasure.org', code: '%' } }],
  };
  const report = {
    resourceType: 'DiagnosticReport',
    id: reportId,
    ...common,
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
            code: options.category ?? 'PAT',
            display: 'Pathology',
          },
        ],
      },
    ],
    code: loinc('60567-5', name),
    ...(organisation ? { performer: [{ reference: organisation }] } : {}),
    result: [{ reference: urn(findingId) }, { reference: urn(indexId) }],
  };
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [report, finding, index].map((resource) => ({
      fullUrl: urn(resource.id),
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
  await new FhirImportService(ctx.db.kysely, ctx.audit, ctx.clock).importBundle(`synthetic-${reportId}.json`, bundle);
  return {
    reportId,
    name,
    values: [
      {
        id: findingId,
        name: 'Pathologist interpretation',
        value: null,
        valueText: 'Benign: no atypical cells seen',
        unit: null,
      },
      { id: indexId, name: 'Proliferation index', value: 28, valueText: null, unit: '%' },
    ],
  };
}

function encounterStart(r: Record<string, unknown>): string {
  return (r.period as { start?: string } | undefined)?.start ?? '';
}
