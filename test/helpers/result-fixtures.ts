import { randomUUID } from 'node:crypto';
import { fhirImporter } from '../../src/server/services.ts';
import type { AppContext } from '../../src/server/platform/context.ts';

/** One value of a synthetic laboratory result. */
export interface LabValue {
  loinc: string;
  display: string;
  value: number;
  unit: string;
  /** A range the laboratory reported with the value. */
  range?: { low?: number; high?: number };
}

export interface LabReport {
  /** DiagnosticReport category (v2-0074): LAB, PAT, GE… */
  category?: string;
  loinc: string;
  display: string;
  /** When it was collected and resulted (UTC ISO). */
  at: string;
  values: LabValue[];
  /** The report's findings in words (DiagnosticReport.conclusion): a pathology diagnosis, a genetic finding. */
  conclusion?: string;
  /** The class of the visit it came from (AMB, IMP, EMER); an ambulatory visit when absent. */
  encounterClass?: string;
  /** meta.security codes (R = restricted). */
  security?: string[];
  /** The visit's organisation (an Organization id already in the store). */
  organisationId?: string;
}

const loinc = (code: string, display: string) => ({
  coding: [{ system: 'http://loinc.org', code, display }],
  text: display,
});

/**
 * Imports synthetic laboratory reports for a patient (made up here, never real data), each with its visit and
 * observations, through the real importer (so the results index is kept as in production). Returns the report ids.
 */
export async function importLabReports(ctx: AppContext, patientId: string, reports: LabReport[]): Promise<string[]> {
  const entry: { resource: Record<string, unknown> }[] = [];
  const ids: string[] = [];
  const organisation = reports.find((r) => r.organisationId)?.organisationId ?? (await organisationOf(ctx, patientId));
  for (const r of reports) {
    const encounterId = randomUUID();
    const reportId = randomUUID();
    ids.push(reportId);
    const meta = r.security?.length
      ? {
          security: r.security.map((code) => ({
            system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
            code,
          })),
        }
      : undefined;
    entry.push({
      resource: {
        resourceType: 'Encounter',
        id: encounterId,
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: r.encounterClass ?? 'AMB' },
        subject: { reference: `Patient/${patientId}` },
        period: { start: r.at, end: r.at },
        serviceProvider: { reference: `Organization/${r.organisationId ?? organisation}` },
      },
    });
    const observationIds = r.values.map(() => randomUUID());
    r.values.forEach((v, i) =>
      entry.push({
        resource: {
          resourceType: 'Observation',
          id: observationIds[i],
          status: 'final',
          ...(meta ? { meta } : {}),
          category: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
            },
          ],
          code: loinc(v.loinc, v.display),
          subject: { reference: `Patient/${patientId}` },
          encounter: { reference: `Encounter/${encounterId}` },
          effectiveDateTime: r.at,
          issued: r.at,
          valueQuantity: { value: v.value, unit: v.unit, system: 'http://unitsofmeasure.org', code: v.unit },
          ...(v.range
            ? {
                referenceRange: [
                  {
                    ...(v.range.low !== undefined ? { low: { value: v.range.low, unit: v.unit } } : {}),
                    ...(v.range.high !== undefined ? { high: { value: v.range.high, unit: v.unit } } : {}),
                  },
                ],
              }
            : {}),
        },
      }),
    );
    entry.push({
      resource: {
        resourceType: 'DiagnosticReport',
        id: reportId,
        status: 'final',
        ...(meta ? { meta } : {}),
        category: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: r.category ?? 'LAB' }] },
        ],
        code: loinc(r.loinc, r.display),
        subject: { reference: `Patient/${patientId}` },
        encounter: { reference: `Encounter/${encounterId}` },
        effectiveDateTime: r.at,
        issued: r.at,
        result: observationIds.map((id) => ({ reference: `Observation/${id}` })),
        ...(r.conclusion !== undefined ? { conclusion: r.conclusion } : {}),
      },
    });
  }
  await fhirImporter(ctx).importBundle(`synthetic-results-${ids[0]}.json`, {
    resourceType: 'Bundle',
    type: 'collection',
    entry,
  });
  return ids;
}

/** An organisation the patient was seen at in the sample data (the synthetic visits happen there). */
export async function organisationOf(ctx: AppContext, patientId: string): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('patient_organisation')
    .select('organisation_id')
    .where('patient_id', '=', patientId)
    .orderBy('organisation_id')
    .executeTakeFirstOrThrow();
  return row.organisation_id;
}
