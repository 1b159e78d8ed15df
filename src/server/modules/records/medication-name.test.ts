import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeableConcept } from '@medplum/fhirtypes';
import { demoDir } from '../../../../test/helpers/fhir-fixtures.ts';
import { sampleDataDir } from '../../../../test/helpers/test-app.ts';
import { medicationName, nameFromRxNorm } from './medication-name.ts';

/**
 * Every medication in every sample bundle is titled as prescribed. The oracle is the RxNorm name in the bundle,
 * read by hand in the test: never a bare number, an application number (NDA020800) or a package quantity
 * ("120 ACTUAT") first; a combination names every ingredient; a brand in brackets leads; the form is kept.
 */
const dir = existsSync(sampleDataDir) ? sampleDataDir : demoDir;
type Resource = { resourceType: string; id: string } & Record<string, unknown>;
const medications = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap(
    (file) =>
      (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { entry?: { resource: Resource }[] }).entry ?? [],
  )
  .map((e) => e.resource)
  .filter((r) => ['MedicationRequest', 'MedicationStatement', 'Medication'].includes(r.resourceType))
  .map((r) => ({
    id: `${r.resourceType}/${r.id}`,
    concept: (r.resourceType === 'Medication' ? r.code : r.medicationCodeableConcept) as CodeableConcept | undefined,
  }));

/** The ingredient words of an RxNorm name: in each " / " part, the words before its strength. */
function ingredientsOf(display: string): string[] {
  return display
    .replace(/\s*\[[^\]]+\]\s*$/, '')
    .replace(/^(NDA|ANDA|BLA)\d+\s+/, '')
    .replace(/^\d+(\.\d+)?\s+[A-Z]+\s+/, '')
    .split(' / ')
    .map((part) => /^(\D+?)\s+\d/.exec(part)?.[1]?.toLowerCase())
    .filter((x): x is string => Boolean(x));
}

describe('medication titles over every sample bundle', () => {
  it('finds medications in the sample bundles', () => {
    expect(medications.length).toBeGreaterThan(40);
  });

  for (const { id, concept } of medications) {
    const display = concept?.text ?? concept?.coding?.[0]?.display ?? '';
    it(`${id}: "${display}"`, () => {
      const { title } = medicationName(concept, 'Medication');
      expect(title).not.toMatch(/^[\d.,/\s]+$/); // a bare number
      expect(title).not.toMatch(/\b(NDA|ANDA|BLA)\d+/); // an application number
      for (const c of concept?.coding ?? []) expect(title).not.toBe(c.code);
      expect(title).not.toMatch(/^\d+(\.\d+)?\s*(ACTUAT|actuations?|ML|mL|MG|mg)\b/); // a package quantity
      // Every ingredient of a combination, not only the first.
      const ingredients = ingredientsOf(display);
      for (const ingredient of ingredients) expect(title.toLowerCase()).toContain(ingredient);
      const brand = /\[([^\]]+)\]\s*$/.exec(display)?.[1];
      if (brand) expect(title.startsWith(brand)).toBe(true);
      const form = / MG(?:\/\w+)? ((?:Oral|Metered|Vaginal)?[A-Za-z -]+)$/.exec(display)?.[1];
      if (form) expect(title.toLowerCase()).toContain(form.toLowerCase());
    });
  }
});

describe('RxNorm names read as a clinician writes them', () => {
  it.each([
    [
      'Acetaminophen 300 MG / HYDROcodone Bitartrate 5 MG [Vicodin]',
      'Vicodin — acetaminophen 300 mg / hydrocodone bitartrate 5 mg',
      null,
    ],
    ['NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector', 'Epinephrine 1 mg/mL auto-injector', '0.3 mL'],
    [
      '120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler',
      'Fluticasone propionate 0.044 mg/actuation metered dose inhaler',
      '120 actuations',
    ],
    [
      'Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet',
      'Amoxicillin 250 mg / clavulanate 125 mg oral tablet',
      null,
    ],
    ['Acetaminophen 325 MG Oral Tablet', 'Acetaminophen 325 mg oral tablet', null],
    ['Diazepam [Valium]', 'Valium — diazepam', null],
    ['Trinessa 28 Day Pack', 'Trinessa 28-day pack', null],
    ['1 ML medroxyprogesterone acetate 150 MG/ML Injection', 'Medroxyprogesterone acetate 150 mg/mL injection', '1 mL'],
  ])('%s → %s', (raw, title, packageSize) => {
    expect(nameFromRxNorm(raw)).toEqual({ title, packageSize });
  });

  it('takes the concept text first, then the codings’ display, and falls back when there is neither', () => {
    expect(medicationName({ text: 'Hydrochlorothiazide 25 MG', coding: [{ display: 'x' }] }, 'M').title).toBe(
      'Hydrochlorothiazide 25 mg',
    );
    expect(medicationName({ coding: [{ code: '316049', display: 'Hydrochlorothiazide 25 MG' }] }, 'M').title).toBe(
      'Hydrochlorothiazide 25 mg',
    );
    expect(medicationName(undefined, 'Medication').title).toBe('Medication');
  });
});
