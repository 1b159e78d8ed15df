import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { sampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

type Resource = { resourceType: string; id: string; [k: string]: unknown };
const resources = (prefix: string, type: string) =>
  sampleBundle(prefix)
    .json.entry.map((e) => e.resource as Resource)
    .filter((r) => r.resourceType === type);
const statusCode = (r: Resource, field: string) =>
  ((r[field] as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code ?? null;

describe('the chart beside a work item (GET /api/staff/patients/:patientId/chart)', () => {
  let t: TestApp;
  let patientId: string;
  let clinician: Client;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T15:00:00.000Z' });
    ({ patientId } = await importPatient(t.ctx, 'Elsa_Vargas'));
    await importPatient(t.ctx, 'Trenton_Turner');
    clinician = await staffClient(t.app, t.ctx, 'clinician');
  });
  afterAll(async () => t.close());

  it('shows current medications, allergies in force, active problems and the latest visits, as the bundle has them', async () => {
    const res = await clinician.get(`/api/staff/patients/${patientId}/chart`);
    expect(res.statusCode, res.body).toBe(200);
    const chart = res.json();

    const current = resources('Elsa_Vargas', 'MedicationRequest').filter((m) =>
      ['active', 'on-hold', 'draft'].includes(m.status as string),
    );
    expect(current.length).toBeGreaterThan(0);
    expect(chart.medications.map((m: { id: string }) => m.id).sort()).toEqual(current.map((m) => m.id).sort());

    const allergies = resources('Elsa_Vargas', 'AllergyIntolerance').filter(
      (a) => !['inactive', 'resolved'].includes(statusCode(a, 'clinicalStatus') ?? ''),
    );
    expect(allergies.length).toBeGreaterThan(0);
    expect(chart.allergies.map((a: { id: string }) => a.id).sort()).toEqual(allergies.map((a) => a.id).sort());

    const active = resources('Elsa_Vargas', 'Condition').filter((c) => statusCode(c, 'clinicalStatus') === 'active');
    expect(chart.problems.map((p: { id: string }) => p.id).sort()).toEqual(active.map((c) => c.id).sort());

    const encounters = resources('Elsa_Vargas', 'Encounter').sort((a, b) =>
      (b.period as { start: string }).start.localeCompare((a.period as { start: string }).start),
    );
    expect(chart.visits.map((v: { id: string }) => v.id)).toEqual(encounters.slice(0, 5).map((e) => e.id));
    expect(chart.moreVisits).toBe(true);
    const kinds: Record<string, string> = { AMB: 'office', EMER: 'emergency', IMP: 'hospital' };
    for (const v of chart.visits as { id: string; kind: string; reason: string | null }[]) {
      const e = encounters.find((x) => x.id === v.id)!;
      expect(v.kind).toBe(kinds[(e.class as { code: string }).code]);
      expect(v.reason ?? '').not.toMatch(/\((procedure|disorder)\)|^Encounter/);
    }
  });

  it('audits the read on the patient’s record, naming the clinician', async () => {
    const before = (await t.ctx.audit.forPatient(patientId)).filter((e) => e.action === 'record.chart.read').length;
    expect((await clinician.get(`/api/staff/patients/${patientId}/chart`)).statusCode).toBe(200);
    const reads = (await t.ctx.audit.forPatient(patientId)).filter((e) => e.action === 'record.chart.read');
    expect(reads).toHaveLength(before + 1);
    expect(reads[0]).toMatchObject({ actorType: 'staff', outcome: 'success' });
  });

  it('answers a clinician of another organisation as for a patient that does not exist', async () => {
    const elsasOrgs = new Set(
      (
        await t.ctx.db.kysely
          .selectFrom('patient_organisation')
          .select('organisation_id')
          .where('patient_id', '=', patientId)
          .execute()
      ).map((r) => r.organisation_id),
    );
    const elsewhere = (
      await t.ctx.db.kysely.selectFrom('patient_organisation').select('organisation_id').distinct().execute()
    )
      .map((r) => r.organisation_id)
      .filter((o) => !elsasOrgs.has(o));
    expect(elsewhere.length).toBeGreaterThan(0);
    const theirs = await staffClient(t.app, t.ctx, 'clinician', elsewhere);
    const res = await theirs.get(`/api/staff/patients/${patientId}/chart`);
    const none = await theirs.get('/api/staff/patients/no-such-patient/chart');
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe(none.body);
    const reads = (await t.ctx.audit.forPatient(patientId)).filter((e) => e.action.startsWith('record.chart.read'));
    expect(reads.filter((e) => e.outcome === 'failure')).toHaveLength(1);
  });

  it('is for the care team: other roles are refused', async () => {
    for (const role of ['front_desk', 'billing', 'him', 'admin'] as const) {
      const c = await staffClient(t.app, t.ctx, role);
      expect((await c.get(`/api/staff/patients/${patientId}/chart`)).statusCode, role).toBe(403);
    }
  });
});
