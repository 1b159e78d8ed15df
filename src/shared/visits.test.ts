import { describe, expect, it } from 'vitest';
import { sampleBundles } from '../../test/helpers/fhir-fixtures.ts';
import { visitKindOf, visitReasonOf } from './visits.ts';

describe('visits in plain words', () => {
  it('names the setting from the encounter class (v3 ActCode)', () => {
    expect(visitKindOf('AMB')).toBe('office');
    expect(visitKindOf('IMP')).toBe('hospital');
    expect(visitKindOf('EMER')).toBe('emergency');
    expect(visitKindOf('VR')).toBe('virtual');
    expect(visitKindOf('HH')).toBe('home');
    expect(visitKindOf('XYZ')).toBe('other');
    expect(visitKindOf(null)).toBe('other');
  });

  it('gives the reason without SNOMED tags, and nothing when the type only repeats the setting', () => {
    expect(visitReasonOf('Acute bronchitis (disorder)', 'Encounter for symptom')).toBe('Acute bronchitis');
    expect(visitReasonOf(null, 'Encounter for check up (procedure)')).toBe('Check up');
    expect(visitReasonOf(null, "Encounter for 'check-up'")).toBe('Check-up');
    expect(visitReasonOf(null, 'Encounter for problem (procedure)')).toBeNull();
    expect(visitReasonOf(null, 'Emergency room admission (procedure)')).toBeNull();
    expect(visitReasonOf(null, 'Encounter Inpatient')).toBeNull();
    expect(visitReasonOf(null, 'Asthma follow-up')).toBe('Asthma follow-up');
  });

  it('words every visit of every sample bundle: a known setting, and no codes, tags or "Encounter"', () => {
    let seen = 0;
    for (const b of sampleBundles())
      for (const { resource: r } of b.json.entry) {
        if (r.resourceType !== 'Encounter') continue;
        seen++;
        const e = r as unknown as {
          class: { code: string };
          type?: { text?: string }[];
          reasonCode?: { coding?: { display?: string }[] }[];
        };
        expect(visitKindOf(e.class.code), `${b.name} ${r.id}`).not.toBe('other');
        const reason = visitReasonOf(e.reasonCode?.[0]?.coding?.[0]?.display, e.type?.[0]?.text);
        expect(reason ?? '', `${b.name} ${r.id}`).not.toMatch(/\(|\)|^encounter\b|^[A-Z]{2,5}$/i);
      }
    expect(seen).toBeGreaterThan(100);
  });
});
