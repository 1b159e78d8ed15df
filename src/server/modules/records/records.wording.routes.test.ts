import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allergy, ImmunizationGroup, MedicalHistory, VisitInstructions } from '../../../shared/records.ts';
import { sampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { pdfText } from '../../../../test/helpers/pdf-text.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { fhirImporter } from '../../services.ts';

/**
 * The record in a clinician's words, read through the API as the patient (Elvina Lemke's sample record, plus a few
 * synthetic resources the samples lack): allergy criticality apart from reaction severity, operations apart from
 * other procedures, repeated social history and routine procedures once, a care plan's reasons once, immunizations
 * grouped by vaccine with numbered doses, and the printable record with long dates and its Dose column filled.
 */
describe('the record in a clinician’s words', () => {
  let t: TestApp;
  let elvina: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  const sample = sampleBundle('Elvina_Lemke').json.entry.map((e) => e.resource);
  const ofType = (type: string) => sample.filter((r) => r.resourceType === type) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- FHIR JSON read loosely in the oracle
  const nameOf = (concept: { text?: string; coding?: { display?: string }[] }) =>
    (concept.text ?? concept.coding![0]!.display!).replace(/\s*\((procedure|disorder|finding)\)$/, '');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    base = `/api/patients/${elvina.patientId}`;
    const patient = { reference: `Patient/${elvina.patientId}` };
    const snomed = (code: string, display: string) => ({
      coding: [{ system: 'http://snomed.info/sct', code, display }],
      text: display,
    });
    await fhirImporter(t.ctx).importBundle('synthetic-wording.json', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'AllergyIntolerance',
            id: 'allergy-peanut',
            patient,
            code: snomed('91935009', 'Allergy to peanut'),
            criticality: 'high',
            reaction: [
              { manifestation: [snomed('247472004', 'Hives')], severity: 'mild' },
              { manifestation: [snomed('247472004', 'Hives'), snomed('56018004', 'Wheezing')], severity: 'severe' },
            ],
          },
        },
        {
          resource: {
            resourceType: 'Procedure',
            id: 'procedure-biopsy-diagnostic',
            status: 'completed',
            subject: patient,
            category: snomed('103693007', 'Diagnostic procedure'),
            code: snomed('240977001', 'Biopsy of skin'),
            performedDateTime: '2020-02-03T10:00:00Z',
          },
        },
        {
          resource: {
            resourceType: 'Procedure',
            id: 'procedure-categorised-surgical',
            status: 'completed',
            subject: patient,
            category: snomed('387713003', 'Surgical procedure'),
            code: snomed('112790001', 'Hernia operation'),
            performedDateTime: '2021-02-03T10:00:00Z',
          },
        },
        {
          resource: {
            resourceType: 'Immunization',
            id: 'immunization-numbered',
            status: 'completed',
            patient,
            vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '43' }], text: 'Hep B, adult' },
            occurrenceDateTime: '2019-05-06T10:00:00Z',
            protocolApplied: [{ doseNumberPositiveInt: 3 }],
          },
        },
      ],
    });
  }, 60_000);
  afterAll(async () => t.close());

  it('keeps the risk of a severe reaction (criticality) apart from the severity of the reactions recorded', async () => {
    const { items } = (await elvina.client.get(`${base}/allergies`)).json() as { items: Allergy[] };
    expect(items.find((a) => a.id === 'allergy-peanut')).toMatchObject({
      criticality: 'high',
      severity: 'severe',
      reactions: ['Hives', 'Wheezing'],
    });
    // The sample's allergies have a criticality and no reaction: no severity is invented from the criticality.
    for (const a of ofType('AllergyIntolerance'))
      expect(items.find((x) => x.id === a.id)).toMatchObject({ criticality: a.criticality, severity: null });
  });

  it('puts only operations in surgical history, and other procedures once each with their latest date', async () => {
    const history = (await elvina.client.get(`${base}/history`)).json() as MedicalHistory;
    expect(history.surgical.map((h) => h.name).sort()).toEqual([
      'Extraction of wisdom tooth',
      'Hernia operation',
      'Surgical manipulation of joint of knee',
    ]);
    const other = history.procedures.map((h) => h.name);
    expect(other).toEqual(expect.arrayContaining(['Colonoscopy', 'Knee X-ray', 'Biopsy of skin']));
    expect(new Set(other).size).toBe(other.length);
    const documentation = ofType('Procedure').filter((p) => nameOf(p.code) === 'Documentation of current medications');
    const latest = documentation
      .map((p) => (p.performedPeriod?.start ?? p.performedDateTime) as string)
      .sort()
      .at(-1)!;
    expect(history.procedures.find((h) => h.name === 'Documentation of current medications')).toMatchObject({
      count: documentation.length,
      date: latest.slice(0, 10),
    });
  });

  it('shows each social-history observation once, with its latest value and date', async () => {
    const history = (await elvina.client.get(`${base}/history`)).json() as MedicalHistory;
    const smoking = ofType('Observation')
      .filter((o) => o.code.coding[0].code === '72166-2')
      .sort((a, b) => String(b.effectiveDateTime).localeCompare(String(a.effectiveDateTime)));
    expect(smoking.length).toBeGreaterThan(1);
    const shown = history.social.filter((h) => h.name === nameOf(smoking[0]!.code));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      id: smoking[0]!.id,
      date: String(smoking[0]!.effectiveDateTime).slice(0, 10),
      detail: nameOf(smoking[0]!.valueCodeableConcept),
      count: smoking.length,
    });
  });

  it('names each reason of a care plan once', async () => {
    const { visits } = (await elvina.client.get(`${base}/visit-instructions`)).json() as {
      visits: VisitInstructions[];
    };
    // The sample has a plan for two episodes of the same condition.
    const conditions = new Map(ofType('Condition').map((c) => [`urn:uuid:${c.id}`, nameOf(c.code)]));
    const plan = ofType('CarePlan').find((p) => {
      const names = (p.addresses ?? []).map((a: { reference: string }) => conditions.get(a.reference));
      return names.length > 1 && new Set(names).size < names.length;
    })!;
    expect(plan).toBeDefined();
    const reason = conditions.get(plan.addresses[0].reference)!;
    const item = visits.flatMap((v) => v.items).find((i) => i.id === plan.id)!;
    expect(item.text).toBe(`For: ${reason}`);
    expect(new Set(item.activities).size).toBe(item.activities.length);
  });

  it('groups immunizations by vaccine, each dose numbered (the record’s number, else its place)', async () => {
    const { vaccines } = (await elvina.client.get(`${base}/immunizations`)).json() as {
      vaccines: ImmunizationGroup[];
    };
    const sampleImm = ofType('Immunization');
    const names = [...new Set(sampleImm.map((i) => i.vaccineCode.text as string)), 'Hep B, adult'].sort((a, b) =>
      a.localeCompare(b),
    );
    expect(vaccines.map((v) => v.vaccine)).toEqual(names);
    const flu = vaccines.find((v) => v.vaccine === 'Influenza, seasonal, injectable, preservative free')!;
    const fluDates = sampleImm
      .filter((i) => i.vaccineCode.text === flu.vaccine)
      .map((i) => String(i.occurrenceDateTime).slice(0, 10))
      .sort();
    expect(flu.doses.map((d) => d.date)).toEqual(fluDates);
    expect(flu.doses.map((d) => d.dose)).toEqual(fluDates.map((_, i) => String(i + 1)));
    expect(vaccines.find((v) => v.vaccine === 'Hep B, adult')!.doses[0]!.dose).toBe('3');
  });

  it('prints the immunization record with long dates and every dose numbered', async () => {
    const res = await elvina.client.get(`${base}/immunizations/record.pdf`);
    expect(res.statusCode).toBe(200);
    const text = (await pdfText(res.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Date of birth: June 2, 1953');
    expect(text).toContain('Printed: November 24, 2026');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // A row reads: vaccine, date given, dose number.
    expect(text).toContain('Hep B, adult May 6, 2019 3');
    const td = ofType('Immunization').find((i) => i.vaccineCode.text === 'Td (adult) preservative free')!;
    const [y, m, d] = String(td.occurrenceDateTime).slice(0, 10).split('-').map(Number) as [number, number, number];
    const long = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    expect(text).toContain(`Td (adult) preservative free ${long} 1`);
  });
});
