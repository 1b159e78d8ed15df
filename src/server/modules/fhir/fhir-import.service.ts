import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, FhirResourceTable } from '../../db/schema.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import { toDbTime, type Clock } from '../../platform/clock.ts';
import { prepareBundle, type PreparedResource } from './fhir-bundle.ts';
import { indexColumns } from './fhir-index.ts';
import { FhirRepository } from './fhir.repository.ts';
import { collectReferences, rewriteReferences, urnUuidTarget } from './references.ts';
import type { TimeShift } from './time-shift.ts';

/** What storing one resource did: it was not there, it was there with other content, or it was there as it is. */
export type StoreOutcome = 'new' | 'updated' | 'unchanged';

/**
 * What storing one resource did, with fingerprints of its content before and after, so a run of several bundles can
 * tell what it changed overall (see totals in fhir-import.runner.ts). Both are null for a new resource: a run in which
 * a resource is new counts it new whatever later bundles do to it.
 */
export interface StoredChange {
  outcome: StoreOutcome;
  before: string | null;
  after: string | null;
}

/** Resources of one type by what storing them did. */
export type OutcomeCounts = Record<StoreOutcome, number>;

/** What one bundle import stored. */
export interface ImportedBundle {
  source: string;
  patientIds: string[];
  /** Each resource of the bundle ("Type/id") and what storing it did, so a run can count distinct resources. */
  changes: Map<string, StoredChange>;
  /** The bundle's resources per type, new, updated and unchanged (a bundle never holds one resource twice). */
  byType: Record<string, OutcomeCounts>;
  resources: number;
  /** References whose target has not been imported yet; they resolve when it is. */
  waitingReferences: number;
  /** Resources from earlier bundles whose waiting references this bundle resolved. */
  resolvedEarlier: number;
}

/** Derived data kept beside the clinical store, updated in the bundle's transaction (all of it or none of it). */
export type ImportListener = (trx: Transaction<Database>, patientIds: string[], now: Date) => Promise<void>;

/**
 * Imports FHIR R4 bundles into the clinical store: one transaction per bundle (all of it or none of it),
 * upserts by type and id (re-import updates, never duplicates), references resolved across bundles in any order.
 * Each resource is counted as new, updated or unchanged against what was stored; unchanged ones are not rewritten.
 */
export class FhirImportService {
  private readonly repo = new FhirRepository();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    /** Kept up to date in each bundle's transaction (the results index): called with the patients it changed. */
    private readonly listeners: ImportListener[] = [],
  ) {}

  /** Validates and stores one parsed bundle. Throws BundleError (naming source, entry and problem) and stores nothing if any entry is bad. */
  async importBundle(source: string, bundle: unknown, options: { shift?: TimeShift } = {}): Promise<ImportedBundle> {
    const prepared = prepareBundle(source, bundle, options.shift);
    const now = toDbTime(this.clock.now());
    return this.db.transaction().execute(async (trx) => {
      const inBundle = new Map(prepared.map((p) => [p.fullUrl, `${p.resource.resourceType}/${p.resource.id}`]));
      const outside = [
        ...new Set(
          prepared
            .flatMap((p) => collectReferences(p.resource))
            .filter((r) => !inBundle.has(r))
            .map(urnUuidTarget)
            .filter((t): t is string => t !== null),
        ),
      ];
      const stored = await this.repo.typesOfIds(trx, outside);
      const thisBundle = new Map(prepared.map((p) => [p.resource.id, p.resource.resourceType]));

      const waiting: { type: string; id: string; targetId: string }[] = [];
      const rows = prepared.map(({ resource }) => {
        rewriteReferences(resource, (ref) => {
          const local = inBundle.get(ref);
          if (local) return local;
          const target = urnUuidTarget(ref);
          if (target === null) return null;
          const type = stored.get(target) ?? thisBundle.get(target);
          if (type) return `${type}/${target}`;
          waiting.push({ type: resource.resourceType, id: resource.id, targetId: target });
          return null;
        });
        return this.toRow(resource, source, now);
      });

      const changes = await this.compareWithStored(trx, prepared, rows);
      await this.repo.upsert(
        trx,
        rows.filter((r) => changes.get(`${r.resource_type}/${r.id}`)!.outcome !== 'unchanged'),
      );
      await this.repo.replacePending(
        trx,
        prepared.map((p) => ({ type: p.resource.resourceType, id: p.resource.id })),
        waiting,
      );
      const resolvedEarlier = await this.resolveWaiting(trx, thisBundle, now);
      const summary = summarise(source, prepared, changes, waiting.length, resolvedEarlier);
      // The patients whose record this bundle changed (whether or not it holds their Patient resource).
      const touched = [
        ...new Set(
          rows
            .filter((r) => changes.get(`${r.resource_type}/${r.id}`)!.outcome !== 'unchanged')
            .map((r) => r.patient_id)
            .filter((id): id is string => id !== null),
        ),
      ];
      for (const listener of this.listeners) await listener(trx, touched, this.clock.now());
      for (const patientId of summary.patientIds.length ? summary.patientIds : [null]) {
        await this.audit.record(
          {
            actor: { type: 'system', id: null, role: 'fhir-import' },
            patientId,
            action: 'fhir.import',
            detail: { resources: summary.resources },
          },
          trx,
        );
      }
      return summary;
    });
  }

  /** Whether each resource is new, changes what is stored, or is what is stored already (as JSON, key order aside). */
  private async compareWithStored(
    trx: Parameters<FhirRepository['upsert']>[0],
    prepared: PreparedResource[],
    rows: FhirResourceTable[],
  ): Promise<Map<string, StoredChange>> {
    const stored = await this.repo.contentsOf(
      trx,
      rows.map((r) => ({ type: r.resource_type, id: r.id })),
    );
    const changes = new Map<string, StoredChange>();
    for (const [i, row] of rows.entries()) {
      const key = `${row.resource_type}/${row.id}`;
      const was = stored.get(key);
      if (was === undefined) {
        changes.set(key, { outcome: 'new', before: null, after: null });
        continue;
      }
      const before = fingerprint(was.parsed);
      // SQLite gives back the very text written, so equal text is the common re-import case, told without a second digest.
      const after = was.text === row.content ? before : fingerprint(prepared[i]!.resource);
      changes.set(key, { outcome: before === after ? 'unchanged' : 'updated', before, after });
    }
    return changes;
  }

  /** Earlier resources that pointed at something this bundle brought: rewrite their references and re-index them. */
  private async resolveWaiting(
    trx: Parameters<FhirRepository['upsert']>[0],
    arrived: Map<string, string>,
    now: string,
  ): Promise<number> {
    const waiting = await this.repo.waitingFor(trx, [...arrived.keys()]);
    const bySource = new Map<string, typeof waiting>();
    for (const w of waiting) bySource.set(`${w.type}/${w.id}`, [...(bySource.get(`${w.type}/${w.id}`) ?? []), w]);
    for (const group of bySource.values()) {
      const head = group[0]!;
      const found = await this.repo.get(trx, head.type, head.id);
      if (!found) continue;
      rewriteReferences(found.resource, (ref) => {
        const target = urnUuidTarget(ref);
        const type = target === null ? undefined : arrived.get(target);
        return type ? `${type}/${target}` : null;
      });
      await this.repo.upsert(trx, [this.toRow(found.resource, found.source, now)]);
    }
    await this.repo.deletePending(trx, waiting);
    return bySource.size;
  }

  private toRow(resource: PreparedResource['resource'], source: string, now: string): FhirResourceTable {
    return {
      resource_type: resource.resourceType,
      id: resource.id,
      ...indexColumns(resource),
      content: JSON.stringify(resource),
      source,
      updated_at: now,
    };
  }
}

/** A short digest of a JSON value that ignores key order (PostgreSQL's jsonb does not keep it). */
function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined) // as JSON.stringify leaves them out
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** No resources yet, of any outcome. */
export function noOutcomes(): OutcomeCounts {
  return { new: 0, updated: 0, unchanged: 0 };
}

function summarise(
  source: string,
  prepared: PreparedResource[],
  changes: Map<string, StoredChange>,
  waiting: number,
  resolvedEarlier: number,
): ImportedBundle {
  const byType: Record<string, OutcomeCounts> = {};
  for (const [key, { outcome }] of changes) {
    const type = key.slice(0, key.indexOf('/'));
    (byType[type] ??= noOutcomes())[outcome] += 1;
  }
  return {
    source,
    patientIds: prepared.filter((p) => p.resource.resourceType === 'Patient').map((p) => p.resource.id),
    changes,
    byType,
    resources: prepared.length,
    waitingReferences: waiting,
    resolvedEarlier,
  };
}
