import { describe, expect, it } from 'vitest';
import { fieldPath, isCalendarDate, validateResource } from './fhir-resource-validator.ts';

describe('FHIR R4 value checks beyond the JSON schema', () => {
  it('knows which days exist: month lengths and the Gregorian leap-year rule', () => {
    for (const ok of [
      '2024-02-29',
      '2000-02-29',
      '2023-01-31',
      '2023-04-30',
      '2023-12-31T23:59:59Z',
      '2023',
      '2023-02',
    ])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-06-31T10:00:00+02:00'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it("knows FHIR R4 resource types to the end of the alphabet, and not the schema file's Medplum additions", () => {
    expect(validateResource({ resourceType: 'VisionPrescription', status: 'active' })).toEqual({
      field: 'prescriber',
      problem: 'is required',
    });
    expect(validateResource({ resourceType: 'User' })?.problem).toBe('"User" is not a FHIR R4 resource type');
  });

  it('writes a JSON pointer as the path a reader of the bundle would write', () => {
    expect(fieldPath('/valueQuantity/value')).toBe('valueQuantity.value');
    expect(fieldPath('/name/0/given/1')).toBe('name[0].given[1]');
    expect(fieldPath('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(fieldPath('')).toBe('');
  });
});
