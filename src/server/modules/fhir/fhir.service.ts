import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FhirResource } from './fhir-bundle.schemas.ts';
import { FhirRepository } from './fhir.repository.ts';

/** What other modules need to know about a patient in the record: name and birth date. */
export interface PatientSummary {
  id: string;
  displayName: string;
  givenNames: string[];
  familyName: string;
  birthDate: string | null;
}

/** A visit from the record (FHIR Encounter), as staff pick it when issuing an activation code. */
export interface VisitSummary {
  id: string;
  /** When the visit began (UTC ISO). */
  start: string;
  type: string | null;
}

/** Read access to the clinical store for other modules (they never query it directly). */
export class FhirService {
  private readonly repo = new FhirRepository();
  constructor(private readonly db: Kysely<Database>) {}

  async getPatient(patientId: string): Promise<PatientSummary | null> {
    const found = await this.repo.get(this.db, 'Patient', patientId);
    return found ? summarisePatient(found.resource) : null;
  }

  /** Patients whose names or birth date contain every word of the query (staff search). */
  async searchPatients(query: string, limit = 25): Promise<PatientSummary[]> {
    const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    if (!words.length) return [];
    const rows = await this.repo.searchPatients(this.db, words, limit);
    return rows.map(summarisePatient);
  }

  /** The patient's visits, newest first. */
  async visitsOf(patientId: string, limit = 50): Promise<VisitSummary[]> {
    const rows = await this.repo.listForPatient(this.db, patientId, 'Encounter', limit);
    return rows.map((r) => ({
      id: r.id,
      start: r.effective_date ?? '',
      type: codeableText((r.resource as { type?: unknown }).type),
    }));
  }
}

function summarisePatient(p: FhirResource): PatientSummary {
  const names = (p.name as { use?: string; given?: string[]; family?: string; prefix?: string[] }[] | undefined) ?? [];
  const name = names.find((n) => n.use === 'official') ?? names[0] ?? {};
  const given = (name.given ?? []).map(stripDigits);
  const family = stripDigits(name.family ?? '');
  return { id: p.id, displayName: [...given, family].filter(Boolean).join(' ') || 'Unnamed patient', givenNames: given, familyName: family, birthDate: (p.birthDate as string | undefined) ?? null };
}

/** Synthea writes names with digits ("Louis204 Maggio544"); people do not have digits in their names. */
function stripDigits(s: string): string {
  return s.replace(/\d+/g, '');
}

function codeableText(value: unknown): string | null {
  const c = Array.isArray(value) ? value[0] : value;
  if (!c || typeof c !== 'object') return null;
  const cc = c as { text?: string; coding?: { display?: string }[] };
  return cc.text ?? cc.coding?.[0]?.display ?? null;
}
