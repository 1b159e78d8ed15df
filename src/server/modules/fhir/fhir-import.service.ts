import type { Kysely } from 'kysely';
import type { Database, FhirResourceTable } from '../../db/schema.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import { toDbTime, type Clock } from '../../platform/clock.ts';
import { prepareBundle, type PreparedResource } from './fhir-bundle.ts';
import { indexColumns } from './fhir-index.ts';
import { FhirRepository } from './fhir.repository.ts';
import { collectReferences, rewriteReferences, urnUuidTarget } from './references.ts';
import type { TimeShift } from './time-shift.ts';

/** What one bundle import stored. */
export interface ImportedBundle {
  source: string;
  patientIds: string[];
  byType: Record<string, number>;
  resources: number;
  /** References whose target has not been imported yet; they resolve when it is. */
  waitingReferences: number;
  /** Resources from earlier bundles whose waiting references this bundle resolved. */
  resolvedEarlier: number;
}

/**
 * Imports FHIR R4 bundles into the clinical store: one transaction per bundle (all of it or none of it),
 * upserts by type and id (re-import updates, never duplicates), references resolved across bundles in any order.
 */
export class FhirImportService {
  private readonly repo = new FhirRepository();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
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

      await this.repo.upsert(trx, rows);
      await this.repo.replacePending(
        trx,
        prepared.map((p) => ({ type: p.resource.resourceType, id: p.resource.id })),
        waiting,
      );
      const resolvedEarlier = await this.resolveWaiting(trx, thisBundle, now);
      const summary = summarise(source, prepared, waiting.length, resolvedEarlier);
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

function summarise(
  source: string,
  prepared: PreparedResource[],
  waiting: number,
  resolvedEarlier: number,
): ImportedBundle {
  const byType: Record<string, number> = {};
  for (const p of prepared) byType[p.resource.resourceType] = (byType[p.resource.resourceType] ?? 0) + 1;
  return {
    source,
    patientIds: prepared.filter((p) => p.resource.resourceType === 'Patient').map((p) => p.resource.id),
    byType,
    resources: prepared.length,
    waitingReferences: waiting,
    resolvedEarlier,
  };
}
