import { z } from 'zod';

/**
 * A visit (FHIR Encounter) in plain words. The record codes a visit's setting as an encounter class (HL7 v3 ActCode:
 * AMB, IMP, EMER…) and its kind as a coded type ("Encounter for check up (procedure)"); people read "Office visit",
 * "Hospital stay", "Emergency", and the reason for the visit when the record gives one.
 */
export const visitKindSchema = z.enum(['office', 'hospital', 'emergency', 'virtual', 'home', 'other']);
export type VisitKind = z.infer<typeof visitKindSchema>;

/** Encounter class codes (v3 ActCode) by the setting people know them as. */
const KIND_BY_CLASS: Record<string, VisitKind> = {
  AMB: 'office',
  PRENC: 'office',
  IMP: 'hospital',
  ACUTE: 'hospital',
  NONAC: 'hospital',
  SS: 'hospital',
  OBSENC: 'hospital',
  EMER: 'emergency',
  VR: 'virtual',
  HH: 'home',
};

/** The setting of a visit from its encounter class code; `other` for a code people have no word for here. */
export function visitKindOf(classCode: string | null | undefined): VisitKind {
  return (classCode && KIND_BY_CLASS[classCode.toUpperCase()]) || 'other';
}

/** Type texts that only repeat the setting ("Encounter Inpatient", "Emergency room admission"): they add nothing. */
const SAYS_NOTHING =
  /^(encounter|encounter inpatient|encounter for (problem|symptom)|patient encounter procedure|patient-initiated encounter|emergency (room|hospital)? ?(admission|encounter))$/i;

/**
 * Why the patient came, in words: the visit's reason ("Acute bronchitis") when the record gives one, else its type
 * unless that only repeats the setting; SNOMED's "(disorder)"/"(procedure)" tags and the leading "Encounter for"
 * dropped ("Encounter for check up (procedure)" → "Check up"). Null when the record says nothing more than the setting.
 */
export function visitReasonOf(reason: string | null | undefined, type: string | null | undefined): string | null {
  const tidy = (s: string) => s.replace(/\s*\([a-z /]+\)\s*$/i, '').trim();
  if (reason && tidy(reason)) return tidy(reason);
  if (!type) return null;
  const t = tidy(type);
  if (!t || SAYS_NOTHING.test(t)) return null;
  const rest = t.replace(/^encounter for /i, '').replace(/^'(.*)'$/, '$1');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
