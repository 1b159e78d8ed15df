import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseJson } from '../../db/schema.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AuditLog } from '../../platform/audit/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { demoDir, distinctCountsByType, sampleBundle, sampleBundles } from '../../../../test/helpers/fhir-fixtures.ts';
import { BundleError } from './fhir-bundle.ts';
import { FhirImportService } from './fhir-import.service.ts';
import { importFiles, totals } from './fhir-import.runner.ts';
import { FhirRepository } from './fhir.repository.ts';

describe('FHIR import', () => {
  let tdb: TestDatabase;
  let service: FhirImportService;
  let audit: AuditLog;
  const repo = new FhirRepository();
  const clock = new ManualClock('2026-11-24T15:00:00Z');

  beforeEach(async () => {
    tdb = await createTestDatabase();
    audit = new AuditLog(tdb.db.kysely, clock);
    service = new FhirImportService(tdb.db.kysely, audit, clock);
  });
  afterEach(async () => tdb.destroy());

  const counts = () => repo.countByType(tdb.db.kysely);
  const allContent = async () =>
    (
      await tdb.db.kysely
        .selectFrom('fhir_resource')
        .select(['resource_type', 'id', 'content'])
        .orderBy('resource_type')
        .orderBy('id')
        .execute()
    ).map((r) => [r.resource_type, r.id, parseJson(r.content)]);

  it('stores every resource of every sample bundle, counted per type', async () => {
    const report = await importFiles(service, [demoDir]);
    expect(report.failed).toEqual([]);
    expect(await counts()).toEqual(distinctCountsByType(sampleBundles()));
    const pending = await tdb.db.kysely.selectFrom('fhir_pending_reference').selectAll().execute();
    expect(pending).toEqual([]);
  });

  it('stores each patient with all of their resources indexed to them', async () => {
    await importFiles(service, [demoDir]);
    for (const b of sampleBundles().filter((s) => s.json.entry[0]?.resource.resourceType === 'Patient')) {
      const patientId = b.json.entry[0]!.resource.id;
      const expected: Record<string, number> = {};
      for (const e of b.json.entry) {
        if (e.resource.resourceType === 'Organization' || e.resource.resourceType === 'Practitioner') continue;
        expected[e.resource.resourceType] = (expected[e.resource.resourceType] ?? 0) + 1;
      }
      // Bundles without a Patient of their own (the demo's synthetic one) add to the patient their subject names.
      for (const other of sampleBundles().filter((s) => s.json.entry[0]?.resource.resourceType !== 'Patient')) {
        for (const e of other.json.entry) {
          const subject = (e.resource as { subject?: { reference?: string } }).subject?.reference;
          if (subject === `urn:uuid:${patientId}`)
            expected[e.resource.resourceType] = (expected[e.resource.resourceType] ?? 0) + 1;
        }
      }
      expect(await repo.countByType(tdb.db.kysely, patientId), b.name).toEqual(expected);
    }
  });

  it('re-importing the same bundles changes no counts and no content', async () => {
    await importFiles(service, [demoDir]);
    const before = { counts: await counts(), content: await allContent() };
    const again = await importFiles(service, [demoDir]);
    expect(again.failed).toEqual([]);
    expect(await counts()).toEqual(before.counts);
    expect(await allContent()).toEqual(before.content);
  });

  it('reports the first import as distinct new resources per type, matching what the store holds', async () => {
    const t = totals(await importFiles(service, [demoDir]));
    const stored = await counts();
    const distinctPractitioners = await tdb.db.kysely
      .selectFrom('fhir_resource')
      .select((eb) => eb.fn.count<string | number>('id').distinct().as('n'))
      .where('resource_type', '=', 'Practitioner')
      .executeTakeFirstOrThrow();
    // The entries of the sample bundles hold more Practitioners than there are: the same ones recur across bundles.
    const entries = sampleBundles().flatMap((b) =>
      b.json.entry.filter((e) => e.resource.resourceType === 'Practitioner'),
    );
    expect(entries.length).toBeGreaterThan(Number(distinctPractitioners.n));
    expect(t.byType.Practitioner).toEqual({ new: Number(distinctPractitioners.n), updated: 0, unchanged: 0 });
    expect(Object.fromEntries(Object.entries(t.byType).map(([type, c]) => [type, c.new]))).toEqual(stored);
    expect(t.all).toEqual({ new: Object.values(stored).reduce((a, b) => a + b, 0), updated: 0, unchanged: 0 });
    expect(t.resources).toBe(t.all.new);
    expect(t.patients).toBe(stored.Patient);
  });

  it('reports every resource as unchanged when the same bundles are imported again', async () => {
    await importFiles(service, [demoDir]);
    const stored = await counts();
    const again = totals(await importFiles(service, [demoDir]));
    expect(again.all).toEqual({ new: 0, updated: 0, unchanged: Object.values(stored).reduce((a, b) => a + b, 0) });
    for (const [type, n] of Object.entries(stored))
      expect(again.byType[type], type).toEqual({ new: 0, updated: 0, unchanged: n });
  });

  it('counts a resource whose content changed as updated, and one not stored before as new', async () => {
    const louis = sampleBundle('Louis_Maggio');
    await service.importBundle(louis.file, louis.json);
    const changed = structuredClone(louis.json);
    const observation = changed.entry.find(
      (e) => e.resource.resourceType === 'Observation' && e.resource.valueQuantity,
    )!.resource as unknown as {
      id: string;
      valueQuantity: { value: number };
    };
    observation.valueQuantity.value += 1;
    changed.entry.push({
      resource: { resourceType: 'Observation', id: 'added-later', status: 'final', code: { text: 'Note' } },
    });
    const inBundle = (type: string) => changed.entry.filter((e) => e.resource.resourceType === type).length;

    const second = await service.importBundle('louis-corrected.json', changed);
    expect(second.byType.Observation).toEqual({ new: 1, updated: 1, unchanged: inBundle('Observation') - 2 });
    expect(second.byType.Patient).toEqual({ new: 0, updated: 0, unchanged: 1 });
    expect(second.changes.get(`Observation/${observation.id}`)?.outcome).toBe('updated');
    const stored = await repo.get(tdb.db.kysely, 'Observation', observation.id);
    expect((stored!.resource as unknown as typeof observation).valueQuantity.value).toBe(
      observation.valueQuantity.value,
    );
  });

  it('resolves references across bundles whatever the import order', async () => {
    // The patient's bundle without its own copies of Organizations and Practitioners: those live only in the shared bundles.
    const full = sampleBundle('Louis_Maggio');
    const entry = full.json.entry.filter(
      (e) => e.resource.resourceType !== 'Organization' && e.resource.resourceType !== 'Practitioner',
    );
    const patient = { file: full.file, json: { ...full.json, entry } };
    const shared = [sampleBundle('hospitalInformation'), sampleBundle('practitionerInformation')];

    const first = await service.importBundle(patient.file, patient.json);
    expect(first.waitingReferences).toBeGreaterThan(0);
    for (const s of shared) await service.importBundle(s.file, s.json);
    const patientFirst = await allContent();

    await tdb.destroy();
    tdb = await createTestDatabase();
    service = new FhirImportService(tdb.db.kysely, new AuditLog(tdb.db.kysely, clock), clock);
    for (const s of shared) await service.importBundle(s.file, s.json);
    const second = await service.importBundle(patient.file, patient.json);
    expect(second.waitingReferences).toBe(0);

    expect(await allContent()).toEqual(patientFirst);
    expect(JSON.stringify(patientFirst)).not.toContain('urn:uuid:');
    expect(await tdb.db.kysely.selectFrom('fhir_pending_reference').selectAll().execute()).toEqual([]);
    const encounter = patientFirst.find((r) => r[0] === 'Encounter')![2] as {
      participant: { individual: { reference: string } }[];
    };
    expect(encounter.participant[0]!.individual.reference).toMatch(/^Practitioner\/[0-9a-f-]{36}$/);
  });

  it('refuses a bundle with one bad entry, naming the file, the entry and the problem, and keeps nothing of it', async () => {
    const good = sampleBundle('Louis_Maggio');
    await service.importBundle(sampleBundle('hospitalInformation').file, sampleBundle('hospitalInformation').json);
    const before = await counts();
    const broken = structuredClone(good.json);
    (broken.entry[7]!.resource as { id: string }).id = 'not a valid id!';
    await expect(service.importBundle('broken.json', broken)).rejects.toThrow(
      /^broken\.json, entry 7 \([A-Za-z]+ not a valid id!\): entry\[7\]\.resource\.id: id must be a FHIR id/,
    );
    expect(await counts()).toEqual(before);
  });

  it('rolls back everything of a bundle when writing fails part-way', async () => {
    const good = sampleBundle('Louis_Maggio');
    vi.spyOn(audit, 'record').mockRejectedValueOnce(new Error('disk full'));
    await expect(service.importBundle(good.file, good.json)).rejects.toThrow('disk full');
    expect(await counts()).toEqual({});
  });

  it('refuses things that are not bundles, and duplicate entries', async () => {
    await expect(service.importBundle('x.json', { resourceType: 'Patient', id: 'p1' })).rejects.toThrow(
      /x\.json: not a FHIR Bundle/,
    );
    const dup = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: 'a' } }, { resource: { resourceType: 'Patient', id: 'a' } }],
    };
    await expect(service.importBundle('d.json', dup)).rejects.toThrow(BundleError);
    await expect(service.importBundle('d.json', dup)).rejects.toThrow('entry 1 (Patient a): Patient/a appears twice');
    const noId = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } }],
    };
    await expect(service.importBundle('n.json', noId)).rejects.toThrow(/entry 0 \(Patient\): the resource has no id/);
  });

  it('reports a file that is not JSON by name and goes on with the others', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-import-'));
    writeFileSync(path.join(dir, 'a-bad.json'), '{"resourceType": "Bundle", ');
    const report = await importFiles(service, [
      path.join(dir, 'a-bad.json'),
      sampleBundle('practitionerInformation').file,
    ]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.message).toMatch(/a-bad\.json: not valid JSON/);
    expect(report.imported).toHaveLength(1);
    expect((await counts()).Practitioner).toBe(102);
  });

  it('writes an audit event per imported patient', async () => {
    const b = sampleBundle('Louis_Maggio');
    await service.importBundle(b.file, b.json);
    const events = await audit.forPatient(b.json.entry[0]!.resource.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'fhir.import', actorType: 'system' });
  });

  it('with --shift-to-now, lands the newest event on today and moves birth dates by the same offset', async () => {
    const today = new Date(2026, 10, 24, 12);
    const report = await importFiles(service, [demoDir], { shiftToNow: true, today });
    expect(report.shift!.days).toBeGreaterThan(365);
    const newest = await tdb.db.kysely
      .selectFrom('fhir_resource')
      .select((eb) => eb.fn.max('effective_date').as('d'))
      .where('resource_type', '!=', 'Patient')
      .executeTakeFirstOrThrow();
    expect(String(newest.d).slice(0, 10)).toMatch(/^2026-11-2[345]$/);
    const erminia = sampleBundle('Erminia_Ondricka').json.entry[0]!.resource as unknown as {
      id: string;
      birthDate: string;
    };
    const stored = await repo.get(tdb.db.kysely, 'Patient', erminia.id);
    const movedDays =
      (Date.parse((stored!.resource as unknown as { birthDate: string }).birthDate) - Date.parse(erminia.birthDate)) /
      86_400_000;
    expect(movedDays).toBe(report.shift!.days);
  });
});
