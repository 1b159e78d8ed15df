import type { FhirResourceTable } from '../../db/schema.ts';
import type { FhirResource } from './fhir-bundle.schemas.ts';

/** The columns the portal lists and filters by, derived from a resource. */
export type IndexedColumns = Pick<
  FhirResourceTable,
  'patient_id' | 'effective_date' | 'status' | 'category' | 'code_system' | 'code' | 'security_labels' | 'search_text'
>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function get(resource: Json, dotted: string): unknown {
  let cur: unknown = resource;
  for (const key of dotted.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Where each resource type keeps the date it is "about": the first present one wins. */
const DATE_PATHS = [
  'effectiveDateTime',
  'effectivePeriod.start',
  'effectiveInstant',
  'occurrenceDateTime',
  'performedDateTime',
  'performedPeriod.start',
  'onsetDateTime',
  'recordedDate',
  'authoredOn',
  'period.start',
  'billablePeriod.start',
  'issued',
  'created',
  'date',
  'sent',
  'birthDate',
];
const CODE_PATHS = ['code', 'vaccineCode', 'medicationCodeableConcept', 'type'];
const PATIENT_REFERENCE_PATHS = ['subject', 'patient', 'beneficiary', 'individual'];

/** Date-only values stay as they are; date-times become UTC ISO text so they sort as text on both engines. */
export function normaliseDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function effectiveDateOf(resource: Json): string | null {
  for (const p of DATE_PATHS) {
    const v = str(get(resource, p));
    if (v) return normaliseDate(v);
  }
  return null;
}

function patientIdOf(resource: FhirResource): string | null {
  if (resource.resourceType === 'Patient') return resource.id;
  for (const p of PATIENT_REFERENCE_PATHS) {
    const ref = str(get(resource, `${p}.reference`));
    if (ref?.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return null;
}

function codingOf(concept: unknown): Json | null {
  const c = first(concept);
  if (!isObject(c)) return null;
  const coding = first(c.coding);
  return isObject(coding) ? coding : null;
}

function categoryOf(resource: Json): string | null {
  const cat = first(resource.category);
  if (typeof cat === 'string') return cat;
  const coding = codingOf(cat);
  if (coding) return str(coding.code);
  const cls = resource.class;
  return isObject(cls) ? str(cls.code) : null;
}

function statusOf(resource: Json): string | null {
  const s = str(resource.status);
  if (s) return s;
  const clinical = codingOf(resource.clinicalStatus);
  return clinical ? str(clinical.code) : null;
}

function codeOf(resource: Json): { system: string | null; code: string | null } {
  for (const p of CODE_PATHS) {
    const coding = codingOf(resource[p]);
    if (coding) return { system: str(coding.system), code: str(coding.code) };
  }
  return { system: null, code: null };
}

function securityLabelsOf(resource: Json): string | null {
  const meta = resource.meta;
  if (!isObject(meta) || !Array.isArray(meta.security)) return null;
  const codes = meta.security.map((s) => (isObject(s) ? str(s.code) : null)).filter((c): c is string => c !== null);
  return codes.length ? codes.join(',') : null;
}

/** Derives the indexed columns from a resource whose references are already resolved to `Type/id`. */
export function indexColumns(resource: FhirResource): IndexedColumns {
  const { system, code } = codeOf(resource);
  return {
    patient_id: patientIdOf(resource),
    effective_date: effectiveDateOf(resource),
    status: statusOf(resource),
    category: categoryOf(resource),
    code_system: system,
    code,
    security_labels: securityLabelsOf(resource),
    search_text: resource.resourceType === 'Patient' ? patientSearchText(resource) : null,
  };
}

/** Every name part (official and other names) in lower case, then the birth date: what staff search patients by. */
function patientSearchText(patient: Json): string {
  const parts: string[] = [];
  for (const name of Array.isArray(patient.name) ? patient.name : []) {
    if (!isObject(name)) continue;
    for (const g of Array.isArray(name.given) ? name.given : []) if (typeof g === 'string') parts.push(g);
    if (typeof name.family === 'string') parts.push(name.family);
  }
  if (typeof patient.birthDate === 'string') parts.push(patient.birthDate);
  return parts.join(' ').normalize('NFKC').toLowerCase();
}
