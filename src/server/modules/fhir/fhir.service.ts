import type { Kysely, Transaction } from 'kysely';
import { parseJson, type Database } from '../../db/schema.ts';
import type { FhirResource } from './fhir-bundle.schemas.ts';
import { FhirRepository } from './fhir.repository.ts';
import { formatCalendarDate } from '../../../shared/calendar-date.ts';
import { visitKindOf, visitReasonOf, type VisitKind } from '../../../shared/visits.ts';
import type { ConfidentialityFacts } from '../../platform/access/confidentiality.ts';
import type { PatientScope } from '../../platform/access/scope.ts';

type Handle = Kysely<Database> | Transaction<Database>;

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
  /** The setting in plain words (from the encounter class). */
  kind: VisitKind;
  /** Why the patient came, in words, when the record says more than the setting. */
  reason: string | null;
}

/** A clinician the patient has seen, with the organisation of their latest visit together. */
export interface CareTeamMember {
  practitionerId: string;
  name: string;
  organisationId: string | null;
  organisation: string | null;
  /** Date of the latest visit with them (YYYY-MM-DD). */
  lastSeen: string | null;
}

/** An item of one patient's record, as a question about it names it. */
export interface RecordItemRef {
  type: string;
  id: string;
  label: string | null;
  /** The facts confidentiality is decided by. */
  codeSystem: string | null;
  code: string | null;
  securityLabels: string | null;
}

/** A record item with the indexed facts the portal filters by (confidentiality needs the code and labels). */
export interface RecordRow {
  id: string;
  effectiveDate: string | null;
  status: string | null;
  category: string | null;
  codeSystem: string | null;
  code: string | null;
  securityLabels: string | null;
  resource: FhirResource;
}

/** Read access to the clinical store for other modules (they never query it directly). */
export class FhirService {
  private readonly repo = new FhirRepository();
  constructor(private readonly db: Kysely<Database>) {}

  /** The record of the patient in a scope: every read stays within that patient and passes its confidentiality filter. */
  record(scope: PatientScope): ScopedRecord {
    return new ScopedRecord(this, scope);
  }

  /** One resource by type and id (read in the given transaction, e.g. the import's), or null. */
  async resource(type: string, id: string, trx: Handle = this.db): Promise<FhirResource | null> {
    return (await this.repo.get(trx, type, id))?.resource ?? null;
  }

  /** Several resources of one type by id, in one statement. */
  resources(type: string, ids: string[], trx: Handle = this.db): Promise<Map<string, FhirResource>> {
    return this.repo.getMany(trx, type, [...new Set(ids)]);
  }

  /** Whether the store holds any resource of a type. */
  async holdsAny(type: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('fhir_resource')
      .select('id')
      .where('resource_type', '=', type)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Ids of the patients in the store after `after` (in id order), a page at a time, for jobs that visit every record. */
  async patientIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('fhir_resource')
      .select('id')
      .where('resource_type', '=', 'Patient')
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async getPatient(patientId: string): Promise<PatientSummary | null> {
    const found = await this.repo.get(this.db, 'Patient', patientId);
    return found ? summarisePatient(found.resource) : null;
  }

  /** Several patients' summaries by id, in one statement (lists that name many patients). */
  async getPatients(patientIds: string[]): Promise<Map<string, PatientSummary>> {
    const found = await this.repo.getMany(this.db, 'Patient', [...new Set(patientIds)]);
    return new Map([...found].map(([id, resource]) => [id, summarisePatient(resource)]));
  }

  /** Organisations patients are seen at, by name (staff belong to these). */
  async organisations(): Promise<{ id: string; name: string }[]> {
    const rows = await this.repo.organisationsSeen(this.db);
    return rows
      .map((r) => ({ id: r.id, name: (parseJson<{ name?: string }>(r.content).name ?? r.id).trim() }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The record's practitioners by name (administrators choose bookable providers among them). */
  async practitioners(limit = 2000): Promise<{ id: string; name: string }[]> {
    const rows = await this.repo.practitioners(this.db, limit);
    return rows
      .map((r) => ({ id: r.id, name: practitionerName(parseJson<FhirResource>(r.content)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Patients whose names or birth date contain every word of the query (staff search). */
  async searchPatients(query: string, limit = 25): Promise<PatientSummary[]> {
    const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    if (!words.length) return [];
    const rows = await this.repo.searchPatients(this.db, words, limit);
    return rows.map(summarisePatient);
  }

  /** Practitioners the patient had a finished visit with that started at or after an instant (the scheduling rule). */
  async practitionersSeenSince(patientId: string, since: string): Promise<Set<string>> {
    const out = new Set<string>();
    const from = Date.parse(since);
    for (const v of await this.recordItems(patientId, 'Encounter', 1000)) {
      if (v.status !== 'finished' || !v.effectiveDate || Date.parse(v.effectiveDate) < from) continue;
      const e = v.resource as { participant?: { individual?: { reference?: string } }[] };
      for (const p of e.participant ?? []) {
        const id = idOf(p.individual?.reference, 'Practitioner');
        if (id) out.add(id);
      }
    }
    return out;
  }

  /** Clinicians the patient has seen (Encounter participants), latest visit first, with that visit's organisation. */
  async careTeamOf(
    patientId: string,
    limit = 20,
    visible: (visit: RecordRow) => boolean = () => true,
  ): Promise<CareTeamMember[]> {
    const visits = (await this.recordItems(patientId, 'Encounter', 1000)).filter(visible);
    const seen = new Map<string, { organisationId: string | null; lastSeen: string | null }>();
    for (const v of visits) {
      const e = v.resource as {
        participant?: { individual?: { reference?: string } }[];
        serviceProvider?: { reference?: string };
      };
      const organisationId = idOf(e.serviceProvider?.reference, 'Organization');
      for (const p of e.participant ?? []) {
        const practitionerId = idOf(p.individual?.reference, 'Practitioner');
        if (practitionerId && !seen.has(practitionerId))
          seen.set(practitionerId, { organisationId, lastSeen: v.effectiveDate?.slice(0, 10) ?? null });
      }
      if (seen.size >= limit) break;
    }
    const out: CareTeamMember[] = [];
    for (const [practitionerId, s] of seen) {
      const pr = await this.repo.get(this.db, 'Practitioner', practitionerId);
      const org = s.organisationId ? await this.repo.get(this.db, 'Organization', s.organisationId) : undefined;
      out.push({
        practitionerId,
        name: pr ? practitionerName(pr.resource) : 'Your clinician',
        organisationId: s.organisationId,
        organisation: (org?.resource.name as string | undefined) ?? null,
        lastSeen: s.lastSeen,
      });
    }
    return out;
  }

  /** An item of this patient's record by type and id, with a short label; null when it is not in their record. */
  async itemOf(patientId: string, type: string, id: string): Promise<RecordItemRef | null> {
    const row = await this.repo.getForPatient(this.db, patientId, type, id);
    if (!row) return null;
    const r = row.resource as Record<string, unknown>;
    const label =
      codeableText(r.code) ??
      codeableText(r.type) ??
      codeableText(r.vaccineCode) ??
      codeableText(r.medicationCodeableConcept);
    // The long date every page and printed record uses ("June 9, 1975"); the server writes English, as the PDFs do.
    const date = row.effective_date ? formatCalendarDate(row.effective_date, 'en-US') : null;
    return {
      type,
      id,
      label: label ? (date ? `${label} (${date})` : label) : (date ?? null),
      codeSystem: row.code_system,
      code: row.code,
      securityLabels: row.security_labels,
    };
  }

  /** One patient's resources of a type, newest first (at most `limit`). */
  async recordItems(patientId: string, type: string, limit = 2000, trx: Handle = this.db): Promise<RecordRow[]> {
    const rows = await this.repo.listItems(trx, patientId, type, limit);
    return rows.map((r) => ({
      id: r.id,
      effectiveDate: r.effective_date,
      status: r.status,
      category: r.category,
      codeSystem: r.code_system,
      code: r.code,
      securityLabels: r.security_labels,
      resource: parseJson<FhirResource>(r.content),
    }));
  }

  /** Every item of a patient's record (any type) with the facts that decide whether proxies may see it. */
  async confidentialityFacts(patientId: string): Promise<({ id: string } & ConfidentialityFacts)[]> {
    const rows = await this.repo.confidentialityFacts(this.db, patientId);
    return rows.map((r) => ({ id: r.id, codeSystem: r.code_system, code: r.code, securityLabels: r.security_labels }));
  }

  countFor(patientId: string, type: string, statuses?: string[]): Promise<number> {
    return this.repo.countForPatient(this.db, patientId, type, statuses);
  }

  /** Display names of Practitioners and Organizations by reference (`Practitioner/<id>`), for lists that name them. */
  async namesOf(references: (string | undefined)[], trx: Handle = this.db): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const idsOf: Record<'Practitioner' | 'Organization', string[]> = { Practitioner: [], Organization: [] };
    for (const ref of new Set(references.filter((r): r is string => typeof r === 'string'))) {
      const [type, id] = ref.split('/');
      if ((type === 'Practitioner' || type === 'Organization') && id) idsOf[type].push(id);
    }
    for (const type of ['Practitioner', 'Organization'] as const) {
      if (!idsOf[type].length) continue;
      for (const [id, resource] of await this.repo.getMany(trx, type, idsOf[type]))
        out.set(
          `${type}/${id}`,
          type === 'Practitioner'
            ? practitionerName(resource)
            : ((resource.name as string | undefined) ?? 'Organisation'),
        );
    }
    return out;
  }

  /** The patient's visits, newest first. */
  async visitsOf(patientId: string, limit = 50): Promise<VisitSummary[]> {
    const rows = await this.repo.listForPatient(this.db, patientId, 'Encounter', limit);
    return rows.map((r) => {
      const resource = r.resource as { type?: unknown; reasonCode?: unknown; class?: { code?: string } };
      const type = codeableText(resource.type);
      return {
        id: r.id,
        start: r.effective_date ?? '',
        type,
        kind: visitKindOf(resource.class?.code),
        reason: visitReasonOf(codeableText(resource.reasonCode), type),
      };
    });
  }
}

function summarisePatient(p: FhirResource): PatientSummary {
  const names = (p.name as { use?: string; given?: string[]; family?: string; prefix?: string[] }[] | undefined) ?? [];
  const name = names.find((n) => n.use === 'official') ?? names[0] ?? {};
  const given = (name.given ?? []).map(stripDigits);
  const family = stripDigits(name.family ?? '');
  return {
    id: p.id,
    displayName: [...given, family].filter(Boolean).join(' ') || 'Unnamed patient',
    givenNames: given,
    familyName: family,
    birthDate: (p.birthDate as string | undefined) ?? null,
  };
}

/** Synthea writes names with digits ("Louis204 Maggio544"); people do not have digits in their names. */
function stripDigits(s: string): string {
  return s.replace(/\d+/g, '');
}

export function codeableText(value: unknown): string | null {
  const c = Array.isArray(value) ? value[0] : value;
  if (!c || typeof c !== 'object') return null;
  const cc = c as { text?: string; coding?: { display?: string }[] };
  return cc.text ?? cc.coding?.[0]?.display ?? null;
}

export function idOf(reference: string | undefined, type: string): string | null {
  return reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : null;
}

function practitionerName(p: FhirResource): string {
  const names = (p.name as { prefix?: string[]; given?: string[]; family?: string }[] | undefined) ?? [];
  const n = names[0] ?? {};
  return (
    [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].map(stripDigits).filter(Boolean).join(' ') ||
    'Your clinician'
  );
}

/**
 * One patient's clinical record as a caller in a scope may see it: lists, counts and single items of that patient
 * only, with what the confidentiality filter hides already left out. Modules read patient records through this.
 */
export class ScopedRecord {
  constructor(
    private readonly fhir: FhirService,
    private readonly scope: PatientScope,
  ) {}

  patient(): Promise<PatientSummary | null> {
    return this.fhir.getPatient(this.scope.patientId);
  }

  async items(type: string, limit?: number): Promise<RecordRow[]> {
    return this.scope.visible(await this.fhir.recordItems(this.scope.patientId, type, limit));
  }

  /** One item of this record by id; undefined when it is another record's, unknown, or hidden from the caller. */
  async item(type: string, id: string): Promise<RecordRow | undefined> {
    return (await this.items(type)).find((r) => r.id === id);
  }

  /** A short reference to an item (for "about" labels), or null as for an item that does not exist. */
  async ref(type: string, id: string): Promise<RecordItemRef | null> {
    const ref = await this.fhir.itemOf(this.scope.patientId, type, id);
    return ref && !this.scope.hides(ref) ? ref : null;
  }

  async count(type: string, statuses: string[]): Promise<number> {
    if (!this.scope.hideConfidential) return this.fhir.countFor(this.scope.patientId, type, statuses);
    return (await this.items(type)).filter((r) => r.status !== null && statuses.includes(r.status)).length;
  }

  /** The care team the caller may see (visits hidden from them do not name a clinician). */
  careTeam(limit = 20): Promise<CareTeamMember[]> {
    return this.fhir.careTeamOf(this.scope.patientId, limit, (visit) => !this.scope.hides(visit));
  }

  /**
   * Whether news of an item must be kept from proxies (adolescent confidentiality), whoever the caller is: a staff
   * member's decision on a confidential item is told to the patient only.
   */
  async confidentialForProxies(type: string, id: string): Promise<boolean> {
    const ref = await this.fhir.itemOf(this.scope.patientId, type, id);
    if (!ref) return false;
    return this.scope.confidentialForProxies(ref, (await this.patient())?.birthDate ?? null);
  }

  /** Ids of every item of the record the caller may not see (for the access log's entries about them). */
  async hiddenIds(): Promise<Set<string>> {
    if (!this.scope.hideConfidential) return new Set();
    const facts = await this.fhir.confidentialityFacts(this.scope.patientId);
    return new Set(facts.filter((f) => this.scope.hides(f)).map((f) => f.id));
  }
}
