import { randomUUID } from 'node:crypto';
import { bundleEntrySchema, bundleEnvelopeSchema, fhirIdPattern, type FhirResource } from './fhir-bundle.schemas.ts';
import { collectReferences } from './references.ts';
import { shiftResource, type TimeShift } from './time-shift.ts';

/** A bundle the importer refuses, with the file, the entry and the problem in the message. */
export class BundleError extends Error {
  constructor(
    readonly source: string,
    readonly entry: string | null,
    readonly problem: string,
  ) {
    super(`${source}${entry ? `, ${entry}` : ''}: ${problem}`);
    this.name = 'BundleError';
  }
}

export interface PreparedResource {
  /** How other entries of the same bundle refer to this one (its fullUrl, or Type/id). */
  fullUrl: string;
  resource: FhirResource;
}

/**
 * Checks a parsed bundle entry by entry and returns its resources ready to store (dates shifted when asked).
 * Any bad entry refuses the whole bundle. Resources keep their own id; without one, the id of a
 * `urn:uuid:` fullUrl is used, so importing the same bundle again finds the same resources.
 */
export function prepareBundle(source: string, bundle: unknown, shift?: TimeShift): PreparedResource[] {
  const envelope = bundleEnvelopeSchema.safeParse(bundle);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new BundleError(source, null, `not a FHIR Bundle (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
  }
  const seen = new Set<string>();
  return envelope.data.entry.map((raw, index) => {
    const label = entryLabel(index, raw);
    const parsed = bundleEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BundleError(source, label, `${issue?.path.join('.') || 'entry'}: ${issue?.message}`);
    }
    const { fullUrl, resource } = parsed.data;
    const id = resource.id ?? idFromFullUrl(fullUrl);
    if (!id)
      throw new BundleError(
        source,
        label,
        'the resource has no id and no urn:uuid fullUrl, so it cannot be imported again without duplicating',
      );
    const key = `${resource.resourceType}/${id}`;
    if (seen.has(key)) throw new BundleError(source, label, `${key} appears twice in the bundle`);
    seen.add(key);
    const bad = collectReferences(resource).find((r) => r.trim() === '' || /\s/.test(r));
    if (bad !== undefined) throw new BundleError(source, label, `invalid reference "${bad}"`);
    const copy = (shift ? shiftResource(resource, shift) : structuredClone(resource)) as FhirResource;
    copy.id = id;
    return { fullUrl: fullUrl ?? key, resource: copy };
  });
}

function idFromFullUrl(fullUrl: string | undefined): string | null {
  if (!fullUrl?.startsWith('urn:uuid:')) return null;
  const id = fullUrl.slice('urn:uuid:'.length);
  return fhirIdPattern.test(id) ? id : null;
}

function entryLabel(index: number, raw: unknown): string {
  const e = raw as { fullUrl?: unknown; resource?: { resourceType?: unknown; id?: unknown } } | null;
  const type = typeof e?.resource?.resourceType === 'string' ? e.resource.resourceType : null;
  const id = typeof e?.resource?.id === 'string' ? e.resource.id : typeof e?.fullUrl === 'string' ? e.fullUrl : null;
  return `entry ${index}${type || id ? ` (${[type, id].filter(Boolean).join(' ')})` : ''}`;
}

/** Gives a bundle's own resources new ids (for load tests with many copies of the same patients). */
export function withNewIds(bundle: { entry?: { fullUrl?: string; resource?: { id?: string } }[] }): unknown {
  const ids = new Map<string, string>();
  for (const e of bundle.entry ?? []) if (e.resource?.id) ids.set(e.resource.id, randomUUID());
  let text = JSON.stringify(bundle);
  for (const [from, to] of ids) text = text.split(from).join(to);
  return JSON.parse(text);
}
