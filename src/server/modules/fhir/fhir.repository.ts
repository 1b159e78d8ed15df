import type { Kysely, Transaction } from 'kysely';
import { reusableQuery } from '../../db/reusable-query.ts';
import { parseJson, type Database, type FhirResourceTable, type JsonColumn } from '../../db/schema.ts';
import type { FhirResource } from './fhir-bundle.schemas.ts';

type Handle = Kysely<Database> | Transaction<Database>;

/** Upserts are sent in batches: few round trips on PostgreSQL, well under SQLite's parameter limit. */
const BATCH = 200;

// The record's hottest reads, compiled once (db/reusable-query.ts).
const getResource = reusableQuery((db, type: string, id: string) =>
  db.selectFrom('fhir_resource').select(['content', 'source']).where('resource_type', '=', type).where('id', '=', id),
);
const listItems = reusableQuery((db, patientId: string, type: string, limit: number) =>
  db
    .selectFrom('fhir_resource')
    .select(['id', 'effective_date', 'status', 'category', 'code_system', 'code', 'security_labels', 'content'])
    .where('patient_id', '=', patientId)
    .where('resource_type', '=', type)
    // Undated items last on both engines (PostgreSQL would put NULLs first).
    .orderBy('effective_date', (ob) => ob.desc().nullsLast())
    .orderBy('id')
    .limit(limit),
);

/** The clinical store's SQL: FHIR JSON plus indexed columns, and references waiting for their target. */
export class FhirRepository {
  /** Inserts or replaces resources by (type, id): re-importing the same bundle never duplicates. */
  async upsert(trx: Handle, rows: FhirResourceTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await trx
        .insertInto('fhir_resource')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['resource_type', 'id']).doUpdateSet((eb) => ({
            patient_id: eb.ref('excluded.patient_id'),
            effective_date: eb.ref('excluded.effective_date'),
            status: eb.ref('excluded.status'),
            category: eb.ref('excluded.category'),
            code_system: eb.ref('excluded.code_system'),
            code: eb.ref('excluded.code'),
            security_labels: eb.ref('excluded.security_labels'),
            search_text: eb.ref('excluded.search_text'),
            content: eb.ref('excluded.content'),
            source: eb.ref('excluded.source'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await this.addPatientOrganisations(trx, batch);
    }
  }

  /** Keeps the organisations each patient was seen at (an encounter's service provider) for staff's reach. */
  private async addPatientOrganisations(trx: Handle, rows: FhirResourceTable[]): Promise<void> {
    const pairs = new Map<string, { patient_id: string; organisation_id: string }>();
    for (const r of rows) {
      if (r.resource_type !== 'Encounter' || !r.patient_id) continue;
      const ref = parseJson<{ serviceProvider?: { reference?: unknown } }>(r.content).serviceProvider?.reference;
      if (typeof ref !== 'string' || !ref.startsWith('Organization/')) continue;
      const organisationId = ref.slice('Organization/'.length);
      pairs.set(`${r.patient_id} ${organisationId}`, { patient_id: r.patient_id, organisation_id: organisationId });
    }
    if (!pairs.size) return;
    await trx
      .insertInto('patient_organisation')
      .values([...pairs.values()])
      .onConflict((oc) => oc.columns(['patient_id', 'organisation_id']).doNothing())
      .execute();
  }

  /**
   * The stored content of each of these resources that exists, keyed "Type/id" (to tell new, updated, unchanged):
   * parsed, and as text where the engine keeps text (SQLite; PostgreSQL's jsonb comes back parsed).
   */
  async contentsOf(
    trx: Handle,
    keys: { type: string; id: string }[],
  ): Promise<Map<string, { parsed: unknown; text: string | null }>> {
    const idsByType = new Map<string, string[]>();
    for (const k of keys) {
      const ids = idsByType.get(k.type);
      if (ids) ids.push(k.id);
      else idsByType.set(k.type, [k.id]);
    }
    const out = new Map<string, { parsed: unknown; text: string | null }>();
    for (const [type, ids] of idsByType) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const rows = await trx
          .selectFrom('fhir_resource')
          .select(['id', 'content'])
          .where('resource_type', '=', type)
          .where('id', 'in', ids.slice(i, i + BATCH))
          .execute();
        for (const r of rows)
          out.set(`${type}/${r.id}`, {
            parsed: parseJson<unknown>(r.content),
            text: typeof r.content === 'string' ? r.content : null,
          });
      }
    }
    return out;
  }

  /** The resource type stored under each of these ids (ids are UUIDs in practice, so type-free lookup is safe). */
  async typesOfIds(trx: Handle, ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await trx
        .selectFrom('fhir_resource')
        .select(['id', 'resource_type'])
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute();
      for (const r of rows) found.set(r.id, r.resource_type);
    }
    return found;
  }

  async replacePending(
    trx: Handle,
    sources: { type: string; id: string }[],
    pending: { type: string; id: string; targetId: string }[],
  ): Promise<void> {
    for (const s of sources) {
      await trx
        .deleteFrom('fhir_pending_reference')
        .where('source_type', '=', s.type)
        .where('source_id', '=', s.id)
        .execute();
    }
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending
        .slice(i, i + BATCH)
        .map((p) => ({ source_type: p.type, source_id: p.id, target_id: p.targetId }));
      await trx
        .insertInto('fhir_pending_reference')
        .values(batch)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** Resources that were waiting for any of these targets, with the targets they wait for. */
  async waitingFor(trx: Handle, targetIds: string[]): Promise<{ type: string; id: string; targetId: string }[]> {
    const out: { type: string; id: string; targetId: string }[] = [];
    for (let i = 0; i < targetIds.length; i += BATCH) {
      const rows = await trx
        .selectFrom('fhir_pending_reference')
        .select(['source_type', 'source_id', 'target_id'])
        .where('target_id', 'in', targetIds.slice(i, i + BATCH))
        .execute();
      for (const r of rows) out.push({ type: r.source_type, id: r.source_id, targetId: r.target_id });
    }
    return out;
  }

  async deletePending(trx: Handle, rows: { type: string; id: string; targetId: string }[]): Promise<void> {
    for (const r of rows) {
      await trx
        .deleteFrom('fhir_pending_reference')
        .where('source_type', '=', r.type)
        .where('source_id', '=', r.id)
        .where('target_id', '=', r.targetId)
        .execute();
    }
  }

  async get(trx: Handle, type: string, id: string): Promise<{ resource: FhirResource; source: string } | undefined> {
    const [row] = await getResource(trx, type, id);
    return row ? { resource: parseJson<FhirResource>(row.content), source: row.source } : undefined;
  }

  /** Several resources of one type by id, in as few statements as the batch size allows (no query per id). */
  async getMany(trx: Handle, type: string, ids: string[]): Promise<Map<string, FhirResource>> {
    const out = new Map<string, FhirResource>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await trx
        .selectFrom('fhir_resource')
        .select(['id', 'content'])
        .where('resource_type', '=', type)
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute();
      for (const r of rows) out.set(r.id, parseJson<FhirResource>(r.content));
    }
    return out;
  }

  /** Every resource of a patient with the indexed facts that decide confidentiality (no content). */
  confidentialityFacts(trx: Handle, patientId: string) {
    return trx
      .selectFrom('fhir_resource')
      .select(['id', 'code_system', 'code', 'security_labels'])
      .where('patient_id', '=', patientId)
      .execute();
  }

  /** One patient's resources of a type with their indexed facts, newest first. */
  listItems(trx: Handle, patientId: string, type: string, limit: number) {
    return listItems(trx, patientId, type, limit);
  }

  /** How many of a patient's resources of a type (optionally with one of these statuses) there are. */
  async countForPatient(trx: Handle, patientId: string, type: string, statuses?: string[]): Promise<number> {
    let q = trx
      .selectFrom('fhir_resource')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('patient_id', '=', patientId)
      .where('resource_type', '=', type);
    if (statuses) q = q.where('status', 'in', statuses);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** A resource only if it is in this patient's compartment. */
  async getForPatient(trx: Handle, patientId: string, type: string, id: string) {
    const row = await trx
      .selectFrom('fhir_resource')
      .select(['content', 'effective_date', 'code_system', 'code', 'security_labels'])
      .where('resource_type', '=', type)
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return row
      ? {
          resource: parseJson<FhirResource>(row.content),
          effective_date: row.effective_date,
          code_system: row.code_system,
          code: row.code,
          security_labels: row.security_labels,
        }
      : undefined;
  }

  /** Resource counts by type, optionally for one patient (used by import summaries and tests). */
  async countByType(trx: Handle, patientId?: string): Promise<Record<string, number>> {
    let q = trx
      .selectFrom('fhir_resource')
      .select((eb) => ['resource_type', eb.fn.countAll<string | number>().as('n')])
      .groupBy('resource_type');
    if (patientId) q = q.where('patient_id', '=', patientId);
    const rows = await q.execute();
    return Object.fromEntries(rows.map((r) => [r.resource_type, Number(r.n)]));
  }

  /** Patients whose search text contains every word. */
  async searchPatients(trx: Handle, words: string[], limit: number): Promise<FhirResource[]> {
    let q = trx.selectFrom('fhir_resource').select('content').where('resource_type', '=', 'Patient');
    for (const w of words) q = q.where('search_text', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
    const rows = await q.orderBy('search_text').limit(limit).execute();
    return rows.map((r) => parseJson<FhirResource>(r.content));
  }

  /**
   * The organisations patients are seen at (from their encounters), with their stored resources. Each organisation is
   * looked up in patient_organisation's index (EXISTS), rather than every patient's row read for the distinct list.
   */
  async organisationsSeen(trx: Handle): Promise<{ id: string; content: JsonColumn }[]> {
    return trx
      .selectFrom('fhir_resource as o')
      .select(['o.id', 'o.content'])
      .where('o.resource_type', '=', 'Organization')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('patient_organisation as p').select('p.patient_id').whereRef('p.organisation_id', '=', 'o.id'),
        ),
      )
      .execute();
  }

  /** Every practitioner in the store, by name order of the caller (administrators pick bookable providers from them). */
  async practitioners(trx: Handle, limit: number): Promise<{ id: string; content: JsonColumn }[]> {
    return trx
      .selectFrom('fhir_resource')
      .select(['id', 'content'])
      .where('resource_type', '=', 'Practitioner')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** One patient's resources of a type, newest first — the compartment query: the patient id is always a filter. */
  async listForPatient(
    trx: Handle,
    patientId: string,
    type: string,
    limit: number,
  ): Promise<{ id: string; effective_date: string | null; resource: FhirResource }[]> {
    const rows = await trx
      .selectFrom('fhir_resource')
      .select(['id', 'effective_date', 'content'])
      .where('patient_id', '=', patientId)
      .where('resource_type', '=', type)
      .orderBy('effective_date', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      effective_date: r.effective_date,
      resource: parseJson<FhirResource>(r.content),
    }));
  }
}
