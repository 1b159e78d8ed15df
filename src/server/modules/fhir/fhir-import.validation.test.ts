import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { AuditLog } from '../../platform/audit/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { sampleBundle, type SampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { FhirImportService } from './fhir-import.service.ts';
import { importFiles } from './fhir-import.runner.ts';

type Resource = SampleBundle['json']['entry'][number]['resource'];
type Json = Record<string, unknown>;

/** Bundles with one fault inside one resource: each is refused whole, naming file, entry and field, keeping nothing. */
describe('FHIR import refuses what FHIR R4 refuses', () => {
  let tdb: TestDatabase;
  let service: FhirImportService;
  const clock = new ManualClock('2026-11-24T15:00:00Z');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-invalid-'));

  beforeEach(async () => {
    tdb = await createTestDatabase();
    service = new FhirImportService(tdb.db.kysely, new AuditLog(tdb.db.kysely, clock), clock);
    // Something already stored, so "nothing kept" is checked against a store that is not empty.
    const shared = sampleBundle('hospitalInformation');
    await service.importBundle(shared.file, shared.json);
  });
  afterEach(async () => tdb.destroy());

  /** Rows in every table the import writes. */
  const rowCounts = async () => {
    const count = async (table: 'fhir_resource' | 'fhir_pending_reference' | 'audit_event' | 'patient_organisation') =>
      Number(
        (
          await tdb.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      resources: await count('fhir_resource'),
      pending: await count('fhir_pending_reference'),
      audit: await count('audit_event'),
      organisations: await count('patient_organisation'),
    };
  };

  /** Louis Maggio's bundle with the first resource of `type` changed; returns the bundle and that entry's index. */
  const withFault = (type: string, change: (resource: Json) => void) => {
    const bundle = structuredClone(sampleBundle('Louis_Maggio').json);
    const index = bundle.entry.findIndex((e) => e.resource.resourceType === type);
    expect(index).toBeGreaterThanOrEqual(0);
    change(bundle.entry[index]!.resource as Json);
    return { bundle, index, resource: bundle.entry[index]!.resource };
  };

  /** Imports the bytes as a file and expects it refused with file, entry and field named, and no row written. */
  const expectRefused = async (
    name: string,
    bytes: Buffer | string,
    entry: { index: number; resource: Resource },
    field: string,
    problem: RegExp,
  ) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const before = await rowCounts();
    const report = await importFiles(service, [file]);
    expect(report.imported).toEqual([]);
    expect(report.failed).toHaveLength(1);
    const message = report.failed[0]!.message;
    expect(message.startsWith(`${file}, entry ${entry.index} (`)).toBe(true);
    expect(message).toContain(`entry ${entry.index} (${entry.resource.resourceType} ${entry.resource.id})`);
    expect(message).toContain(`: ${field}: `);
    expect(message).toMatch(problem);
    expect(await rowCounts()).toEqual(before);
    const louis = await tdb.db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', sampleBundle('Louis_Maggio').json.entry[0]!.resource.id)
      .execute();
    expect(louis).toEqual([]);
  };

  it('refuses an impossible calendar date (30 February)', async () => {
    const { bundle, index, resource } = withFault('Encounter', (r) => {
      (r.period as Json).start = '2023-02-30T09:00:00+01:00';
    });
    await expectRefused(
      'feb-30.json',
      JSON.stringify(bundle),
      { index, resource },
      `entry[${index}].resource.period.start`,
      /is not a real calendar date/,
    );
  });

  it('refuses 29 February outside a leap year in a date-only field (a birth date)', async () => {
    const { bundle, index, resource } = withFault('Patient', (r) => {
      r.birthDate = '2023-02-29';
    });
    await expectRefused(
      'birth-date.json',
      JSON.stringify(bundle),
      { index, resource },
      `entry[${index}].resource.birthDate`,
      /is not a real calendar date/,
    );
  });

  it('refuses bytes that are not UTF-8 (a Latin-1 "é" in a name), naming the field that holds them', async () => {
    const { bundle, index, resource } = withFault('Patient', (r) => {
      (r.name as { given: string[] }[])[0]!.given[0] = 'Jos@@';
    });
    const text = Buffer.from(JSON.stringify(bundle), 'utf8');
    const at = text.indexOf('Jos@@');
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0x4a, 0x6f, 0x73, 0xe9]), text.subarray(at + 5)]);
    await expectRefused(
      'latin-1.json',
      bytes,
      { index, resource },
      `entry[${index}].resource.name[0].given[0]`,
      new RegExp(`contains bytes that are not UTF-8 \\(at byte ${at + 3}\\)`),
    );
  });

  it('refuses text where FHIR requires a number (a quantity value)', async () => {
    const { bundle, index, resource } = withFault('Observation', (r) => {
      const quantity = r.valueQuantity as Json | undefined;
      if (quantity) quantity.value = String(quantity.value);
      else r.valueQuantity = { value: '7.2', unit: 'mmol/L' };
    });
    await expectRefused(
      'string-number.json',
      JSON.stringify(bundle),
      { index, resource },
      `entry[${index}].resource.valueQuantity.value`,
      /must be a number/,
    );
  });

  it('refuses text where FHIR requires true or false', async () => {
    const { bundle, index, resource } = withFault('Patient', (r) => {
      r.multipleBirthBoolean = 'false';
    });
    await expectRefused(
      'boolean.json',
      JSON.stringify(bundle),
      { index, resource },
      `entry[${index}].resource.multipleBirthBoolean`,
      /must be true or false/,
    );
  });

  it('refuses a resource type FHIR R4 does not have, including Medplum-only ones in the same schema file', async () => {
    for (const unknown of ['Observaton', 'Project']) {
      const { bundle, index, resource } = withFault('Observation', (r) => {
        r.resourceType = unknown;
      });
      await expectRefused(
        `type-${unknown}.json`,
        JSON.stringify(bundle),
        { index, resource },
        `entry[${index}].resource.resourceType`,
        new RegExp(`"${unknown}" is not a FHIR R4 resource type`),
      );
    }
  });

  it('refuses a field FHIR R4 does not define, at the top of a resource and deep inside it', async () => {
    const top = withFault('Condition', (r) => {
      r.severityScore = 3;
    });
    await expectRefused(
      'unknown-field.json',
      JSON.stringify(top.bundle),
      top,
      `entry[${top.index}].resource.severityScore`,
      /is not a FHIR R4 field here/,
    );
    const deep = withFault('Condition', (r) => {
      (r.code as { coding: Json[] }).coding[0]!.colour = 'blue';
    });
    await expectRefused(
      'unknown-deep-field.json',
      JSON.stringify(deep.bundle),
      deep,
      `entry[${deep.index}].resource.code.coding[0].colour`,
      /is not a FHIR R4 field here/,
    );
  });

  it('refuses a code outside its required value set and a fractional whole number', async () => {
    const status = withFault('Observation', (r) => {
      r.status = 'done';
    });
    await expectRefused(
      'status.json',
      JSON.stringify(status.bundle),
      status,
      `entry[${status.index}].resource.status`,
      /must be one of: registered, preliminary, final/,
    );
    const birthOrder = withFault('Patient', (r) => {
      delete r.multipleBirthBoolean;
      r.multipleBirthInteger = 1.5;
    });
    await expectRefused(
      'integer.json',
      JSON.stringify(birthOrder.bundle),
      birthOrder,
      `entry[${birthOrder.index}].resource.multipleBirthInteger`,
      /must be a whole number/,
    );
  });

  it('checks contained resources as well, each against its own type', async () => {
    const { bundle, index, resource } = withFault('ExplanationOfBenefit', (r) => {
      const contained = r.contained as Json[];
      expect(contained.length).toBeGreaterThan(0);
      contained[0]!.status = 42;
    });
    await expectRefused(
      'contained.json',
      JSON.stringify(bundle),
      { index, resource },
      `entry[${index}].resource.contained[0].status`,
      /must be text/,
    );
  });

  it('accepts 29 February in a leap year', async () => {
    const { bundle } = withFault('Encounter', (r) => {
      (r.period as Json).start = '2024-02-29T09:00:00+01:00';
    });
    const file = path.join(dir, 'leap.json');
    writeFileSync(file, JSON.stringify(bundle));
    const report = await importFiles(service, [file]);
    expect(report.failed).toEqual([]);
  });
});
