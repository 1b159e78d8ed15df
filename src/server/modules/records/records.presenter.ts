import type {
  AllergyIntolerance,
  CarePlan,
  CodeableConcept,
  Composition,
  Condition,
  DocumentReference,
  Immunization,
  MedicationRequest,
} from '@medplum/fhirtypes';
import type {
  Allergy,
  HealthIssue,
  Immunization as ImmunizationItem,
  ImmunizationGroup,
  Medication,
} from '../../../shared/records.ts';
import type { RecordRow } from '../fhir/fhir.service.ts';
import { medicationName } from './medication-name.ts';

/**
 * FHIR resources as a person who is not a clinician reads them: names from the coded concept's text or first
 * display (Synthea's "(disorder)" and "(procedure)" tags dropped), dates as YYYY-MM-DD, and nothing invented —
 * what the record does not say stays null.
 */

export function conceptText(c: CodeableConcept | CodeableConcept[] | undefined): string | null {
  const concept = Array.isArray(c) ? c[0] : c;
  const raw = concept?.text ?? concept?.coding?.find((x) => x.display)?.display ?? null;
  return raw ? tidy(raw) : null;
}

/** "Viral sinusitis (disorder)" → "Viral sinusitis". */
export function tidy(name: string): string {
  return name
    .replace(
      /\s*\((disorder|finding|procedure|situation|morphologic abnormality|regime\/therapy|observable entity|record artifact)\)\s*$/i,
      '',
    )
    .trim();
}

export function day(value: string | null | undefined): string | null {
  return value ? value.slice(0, 10) : null;
}

/** Prescription statuses shown as current (Home counts the same). */
export const CURRENT_MEDICATION_STATUSES = ['active', 'on-hold', 'draft'];
const CURRENT_MEDICATION = new Set(CURRENT_MEDICATION_STATUSES);

export function presentMedication(
  row: RecordRow,
  names: Map<string, string>,
): Omit<Medication, 'refill' | 'canRequestRefill'> {
  const r = row.resource as unknown as MedicationRequest;
  const { title, packageSize } = medicationName(
    r.medicationCodeableConcept ??
      (r.medicationReference?.display ? { text: r.medicationReference.display } : undefined),
    'Medication',
  );
  const instructions =
    (r.dosageInstruction ?? [])
      .map((d) => d.patientInstruction ?? d.text)
      .filter((t): t is string => Boolean(t))
      .join(' ') || null;
  const repeats = r.dispenseRequest?.numberOfRepeatsAllowed;
  return {
    id: row.id,
    name: title,
    packageSize,
    instructions,
    prescriber: (r.requester?.reference && names.get(r.requester.reference)) ?? r.requester?.display ?? null,
    startDate: day(r.dispenseRequest?.validityPeriod?.start ?? r.authoredOn),
    endDate: day(r.dispenseRequest?.validityPeriod?.end),
    status: r.status ?? 'unknown',
    current: CURRENT_MEDICATION.has(r.status ?? ''),
    refillsLeft: typeof repeats === 'number' ? repeats : null,
  };
}

export function presentAllergy(row: RecordRow): Allergy {
  const r = row.resource as unknown as AllergyIntolerance;
  const reactions = unique(
    (r.reaction ?? []).flatMap((x) =>
      (x.manifestation ?? []).map((m) => conceptText(m)).filter((t): t is string => t !== null),
    ),
  );
  const severities = (r.reaction ?? []).map((x) => x.severity).filter((x): x is 'mild' | 'moderate' | 'severe' => !!x);
  return {
    id: row.id,
    substance: conceptText(r.code) ?? 'Allergy',
    category: r.category?.[0] ?? null,
    reactions,
    // Criticality is the risk of a future severe reaction; severity belongs to a reaction that happened.
    criticality: r.criticality ?? null,
    severity: SEVERITY_ORDER.findLast((x) => severities.includes(x)) ?? null,
    status: r.clinicalStatus?.coding?.[0]?.code ?? null,
    recordedDate: day(r.recordedDate ?? r.onsetDateTime),
  };
}

const SEVERITY_ORDER = ['mild', 'moderate', 'severe'] as const;

/** The same words once, in their first order ("Acute bronchitis, Acute bronchitis" → "Acute bronchitis"). */
export function unique(words: string[]): string[] {
  return [...new Set(words)];
}

/** An immunization with the dose number its record gives (protocolApplied), or null. */
export function presentImmunization(row: RecordRow): ImmunizationItem {
  const r = row.resource as unknown as Immunization;
  const dose = r.protocolApplied?.[0]?.doseNumberPositiveInt ?? r.protocolApplied?.[0]?.doseNumberString;
  return {
    id: row.id,
    vaccine: conceptText(r.vaccineCode) ?? 'Vaccine',
    date: day(r.occurrenceDateTime ?? r.occurrenceString),
    dose: dose === undefined ? null : String(dose),
    status: r.status ?? null,
  };
}

/**
 * Immunizations grouped by vaccine (by name, A–Z), each vaccine's doses oldest first. A dose the record does not
 * number is numbered by its place among that vaccine's doses given (doses entered in error are neither counted nor
 * numbered).
 */
export function groupImmunizations(items: ImmunizationItem[]): ImmunizationGroup[] {
  const groups = new Map<string, ImmunizationItem[]>();
  for (const item of items) groups.set(item.vaccine, [...(groups.get(item.vaccine) ?? []), item]);
  return [...groups.entries()]
    .map(([vaccine, doses]) => {
      let given = 0;
      const numbered = [...doses]
        .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
        .map((d) => {
          if (d.status === 'entered-in-error') return d;
          given += 1;
          return { ...d, dose: d.dose ?? String(given) };
        });
      return { vaccine, doses: numbered };
    })
    .sort((a, b) => a.vaccine.localeCompare(b.vaccine));
}

const ACTIVE_CONDITION = new Set(['active', 'recurrence', 'relapse']);

export function presentCondition(row: RecordRow): Omit<HealthIssue, 'education'> {
  const r = row.resource as unknown as Condition;
  const status = r.clinicalStatus?.coding?.[0]?.code ?? null;
  return {
    id: row.id,
    name: conceptText(r.code) ?? 'Health issue',
    status,
    active: status === null ? !r.abatementDateTime : ACTIVE_CONDITION.has(status),
    onsetDate: day(r.onsetDateTime ?? r.onsetPeriod?.start ?? r.recordedDate),
    resolvedDate: day(r.abatementDateTime ?? r.abatementPeriod?.end),
  };
}

/** Problem-list items and encounter diagnoses are the health issues; conditions without a category count too. */
export function isHealthIssue(row: RecordRow): boolean {
  const r = row.resource as unknown as Condition;
  const codes = (r.category ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code));
  return codes.length === 0 || codes.includes('problem-list-item') || codes.includes('encounter-diagnosis');
}

/** A care plan; `conditionNames` (Condition id → name) says what it is for when it names no reason itself. */
export function presentCarePlan(
  row: RecordRow,
  conditionNames: Map<string, string> = new Map(),
): { id: string; title: string; text: string; activities: string[]; date: string | null; encounterId: string | null } {
  const r = row.resource as unknown as CarePlan;
  const title =
    conceptText(r.category?.find((c) => c.coding?.some((x) => x.code !== 'assess-plan')) ?? r.category?.[0]) ??
    'Care plan';
  const activities = unique(
    (r.activity ?? []).map((a) => conceptText(a.detail?.code)).filter((t): t is string => t !== null),
  );
  const reasons = (r.addresses ?? [])
    .map(
      (a) =>
        a.display ??
        (a.reference?.startsWith('Condition/')
          ? conditionNames.get(a.reference.slice('Condition/'.length))
          : undefined),
    )
    .filter((t): t is string => Boolean(t));
  const text = r.description ?? (reasons.length ? `For: ${unique(reasons.map(tidy)).join(', ')}` : '');
  const enc = r.encounter?.reference;
  return {
    id: row.id,
    title: tidy(title),
    text,
    activities,
    date: day(r.period?.start),
    encounterId: enc?.startsWith('Encounter/') ? enc.slice('Encounter/'.length) : null,
  };
}

/** A visit document for the patient to read: its title, plain text and the visit it belongs to. */
export interface VisitDocument {
  id: string;
  title: string;
  text: string;
  activities: string[];
  date: string | null;
  encounterId: string | null;
}

function encounterIdOf(reference: string | undefined): string | null {
  return reference?.startsWith('Encounter/') ? reference.slice('Encounter/'.length) : null;
}

/** XHTML narrative as plain text: tags dropped, block ends as line breaks (pages show it as text, never HTML). */
export function narrativeText(div: string | undefined): string {
  if (!div) return '';
  return div
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/li|\/div|\/h\d|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Discharge instructions or an after-visit summary sent as a DocumentReference (plain-text attachments are read). */
export function presentDocumentReference(row: RecordRow): VisitDocument {
  const r = row.resource as unknown as DocumentReference;
  const texts = (r.content ?? [])
    .map((c) => c.attachment)
    .filter((a) => a?.data && (a.contentType ?? '').startsWith('text/plain'))
    .map((a) => Buffer.from(a!.data!, 'base64').toString('utf8').trim());
  return {
    id: row.id,
    title: r.description ?? conceptText(r.type) ?? 'Visit document',
    text: texts.join('\n\n') || (r.content?.[0]?.attachment?.title ?? ''),
    activities: [],
    date: day(r.date ?? r.context?.period?.start),
    encounterId: encounterIdOf(r.context?.encounter?.[0]?.reference),
  };
}

/** An after-visit summary sent as a Composition: its sections' titles and narrative as text. */
export function presentComposition(row: RecordRow): VisitDocument {
  const r = row.resource as unknown as Composition;
  const text = (r.section ?? [])
    .map((sec) => [sec.title, narrativeText(sec.text?.div)].filter(Boolean).join('\n'))
    .join('\n\n');
  return {
    id: row.id,
    title: r.title ?? conceptText(r.type) ?? 'Visit summary',
    text,
    activities: [],
    date: day(r.date),
    encounterId: encounterIdOf(r.encounter?.reference),
  };
}
