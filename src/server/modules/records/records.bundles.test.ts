import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AllergyIntolerance,
  CarePlan,
  Condition,
  Immunization,
  MedicationRequest,
  Observation,
  Procedure,
} from '@medplum/fhirtypes';
import type { MedicalHistory, MedicationList, HealthIssue, VisitInstructions } from '../../../shared/records.ts';
import { demoDir } from '../../../../test/helpers/fhir-fixtures.ts';
import { Client } from '../../../../test/helpers/identity-factories.ts';
import { sampleDataDir, startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { fhirImporter } from '../../services.ts';
import { medicationName } from './medication-name.ts';
import { conceptText, tidy } from './records.presenter.ts';

/**
 * For every sample bundle (../shared/data/synthea, or the unchanged copies in demo/ on a machine without it), the
 * Health API returns exactly what the bundle holds: the same items, by id, with their key fields. Nothing imported
 * is silently dropped and nothing is invented. Each patient reads their own record (minors included: the account is
 * made directly, as a grown-up patient's would be, so no proxy rule hides anything).
 */
const dir = existsSync(sampleDataDir) ? sampleDataDir : demoDir;
/** The sample files: demo/ also holds one hand-written synthetic addition (tagged so), which is not a sample. */
const sampleFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .filter((f) => !readFileSync(path.join(dir, f), 'utf8').includes('"code": "synthetic"'))
  .sort();
const bundles = sampleFiles
  .map((name) => ({
    name,
    json: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
      entry: { resource: { resourceType: string; id: string } & Record<string, unknown> }[];
    },
  }))
  .filter((b) => b.json.entry.some((e) => e.resource.resourceType === 'Patient'));

describe('the Health API returns everything each sample bundle holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    const importer = fhirImporter(t.ctx);
    for (const f of sampleFiles)
      await importer.importBundle(path.join(dir, f), JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  }, 60_000);
  afterAll(async () => t.close());

  it('has sample patients to compare', () => {
    expect(bundles.length).toBeGreaterThanOrEqual(10);
  });

  async function clientFor(patientId: string): Promise<Client> {
    const id = `acct-${patientId}`;
    const now = new Date().toISOString();
    await t.ctx.db.kysely
      .insertInto('account')
      .values({
        id,
        realm: 'patient',
        username: id,
        username_display: id,
        password_hash: 'x',
        patient_id: patientId,
        display_name: 'Patient',
        staff_role: null,
        email: null,
        email_verified_at: null,
        phone: null,
        phone_verified_at: null,
        address: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_pending_secret: null,
        totp_last_step: null,
        status: 'active',
        password_changed_at: now,
        created_at: now,
      })
      .execute();
    const opened = await t.ctx.sessions.open(t.ctx.db.kysely, id, 'patient', 'full', {
      ip: '127.0.0.1',
      userAgent: 'vitest',
    });
    const c = new Client(t.app);
    c.cookies.set('lantern', opened.cookieValue);
    c.csrf = opened.csrfToken;
    return c;
  }

  for (const bundle of bundles) {
    it(`${bundle.name.split('_').slice(0, 2).join(' ')}: medications, allergies, immunizations, health issues, history and visit instructions`, async () => {
      const of = <T>(type: string) =>
        bundle.json.entry.map((e) => e.resource).filter((r) => r.resourceType === type) as unknown as (T & {
          id: string;
        })[];
      const patientId = of<{ id: string }>('Patient')[0]!.id;
      const c = await clientFor(patientId);
      const get = async <T>(what: string) => {
        const res = await c.get(`/api/patients/${patientId}/${what}`);
        expect(res.statusCode, what).toBe(200);
        return res.json() as T;
      };

      const meds = await get<MedicationList>('medications');
      const apiMeds = [...meds.current, ...meds.past];
      const bundleMeds = of<MedicationRequest>('MedicationRequest');
      expect(apiMeds.map((m) => m.id).sort()).toEqual(bundleMeds.map((m) => m.id).sort());
      for (const m of bundleMeds) {
        const shown = apiMeds.find((x) => x.id === m.id)!;
        expect(shown.name).toBe(medicationName(m.medicationCodeableConcept, 'Medication').title);
        expect(shown.status).toBe(m.status);
        expect(shown.current).toBe(m.status === 'active');
        expect(shown.startDate).toBe(m.authoredOn!.slice(0, 10));
      }

      const allergies = (await get<{ items: { id: string; substance: string; status: string | null }[] }>('allergies'))
        .items;
      const bundleAllergies = of<AllergyIntolerance>('AllergyIntolerance');
      expect(allergies.map((a) => a.id).sort()).toEqual(bundleAllergies.map((a) => a.id).sort());
      for (const a of bundleAllergies)
        expect(allergies.find((x) => x.id === a.id)).toMatchObject({
          substance: tidy(conceptText(a.code)!),
          status: a.clinicalStatus?.coding?.[0]?.code ?? null,
        });

      const immunizations = (
        await get<{ vaccines: { vaccine: string; doses: { id: string; vaccine: string; date: string | null }[] }[] }>(
          'immunizations',
        )
      ).vaccines.flatMap((v) => v.doses);
      const bundleImm = of<Immunization>('Immunization');
      expect(immunizations.map((i) => i.id).sort()).toEqual(bundleImm.map((i) => i.id).sort());
      for (const i of bundleImm)
        expect(immunizations.find((x) => x.id === i.id)).toMatchObject({
          vaccine: tidy(conceptText(i.vaccineCode)!),
          date: i.occurrenceDateTime!.slice(0, 10),
        });

      const issues = await get<{ active: HealthIssue[]; resolved: HealthIssue[] }>('health-issues');
      const bundleConditions = of<Condition>('Condition');
      expect([...issues.active, ...issues.resolved].map((i) => i.id).sort()).toEqual(
        bundleConditions.map((x) => x.id).sort(),
      );
      for (const cond of bundleConditions) {
        const active = ['active', 'recurrence', 'relapse'].includes(cond.clinicalStatus!.coding![0]!.code!);
        expect((active ? issues.active : issues.resolved).find((x) => x.id === cond.id)).toMatchObject({
          name: tidy(conceptText(cond.code)!),
          onsetDate: cond.onsetDateTime!.slice(0, 10),
        });
      }

      const history = await get<MedicalHistory>('history');
      expect(history.medical.map((h) => h.id).sort()).toEqual(issues.resolved.map((i) => i.id).sort());
      // Every procedure is in surgical history or (once per name, with its count) in other procedures.
      const bundleProcedures = of<Procedure>('Procedure');
      const procedureItems = [...history.surgical, ...history.procedures];
      expect(procedureItems.reduce((n, h) => n + h.count, 0)).toBe(bundleProcedures.length);
      for (const p of bundleProcedures) expect(procedureItems.map((h) => h.name)).toContain(tidy(conceptText(p.code)!));
      expect(history.family.length).toBe(of('FamilyMemberHistory').length);
      const social = of<Observation>('Observation').filter(
        (o) =>
          o.code?.coding?.some((c) => c.code === '72166-2') ||
          o.category?.some((c) => c.coding?.some((x) => x.code === 'social-history')),
      );
      // Each social-history observation once, with its latest value and date.
      const socialNames = [...new Set(social.map((o) => tidy(conceptText(o.code)!)))];
      expect(history.social.map((h) => h.name).sort()).toEqual(socialNames.sort());
      for (const name of socialNames) {
        const latest = social
          .filter((o) => tidy(conceptText(o.code)!) === name)
          .sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''))[0]!;
        expect(history.social.find((x) => x.name === name)).toMatchObject({
          id: latest.id,
          date: latest.effectiveDateTime!.slice(0, 10),
          detail: latest.valueCodeableConcept ? tidy(conceptText(latest.valueCodeableConcept)!) : expect.anything(),
        });
      }

      const instructions = await get<{ visits: VisitInstructions[] }>('visit-instructions');
      const plans = of<CarePlan>('CarePlan');
      expect(instructions.visits.flatMap((v) => v.items.map((i) => i.id)).sort()).toEqual(
        plans.map((p) => p.id).sort(),
      );
      for (const v of instructions.visits)
        for (const item of v.items)
          expect(plans.find((p) => p.id === item.id)!.encounter!.reference).toContain(v.encounterId);
      // A plan says what it is for: the addressed condition's name.
      for (const p of plans.filter((x) => x.addresses?.length)) {
        const cond = bundleConditions.find((c) => p.addresses![0]!.reference!.endsWith(c.id))!;
        const item = instructions.visits.flatMap((v) => v.items).find((i) => i.id === p.id)!;
        expect(item.text).toContain(tidy(conceptText(cond.code)!));
        expect(item.title).not.toContain('(record artifact)');
      }
    });
  }
});
