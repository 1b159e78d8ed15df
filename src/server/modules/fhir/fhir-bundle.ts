import { randomUUID } from 'node:crypto';
import { bundleEntrySchema, bundleEnvelopeSchema, fhirIdPattern, type FhirResource } from './fhir-bundle.schemas.ts';
import { validateResource } from './fhir-resource-validator.ts';
import { collectReferences } from './references.ts';
import { shiftResource, type TimeShift } from './time-shift.ts';

/**
 * A bundle the importer refuses, with the file, the entry (index, type and id) and the problem in the message; the
 * problem starts with the field's JSON path in the bundle (`entry[12].resource.valueQuantity.value`) when there is one.
 */
export class BundleError extends Error {
  constructor(
    readonly source: string,
    readonly entry: string | null,
    readonly problem: string,
    readonly field: string | null = null,
  ) {
    super(`${source}${entry ? `, ${entry}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
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
 * Every resource is validated against the FHIR R4 JSON schema; any bad entry refuses the whole bundle. Resources keep their own id; without one, the id of a
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
    const field = (path: string) => `entry[${index}]${path ? `.${path}` : ''}`;
    const parsed = bundleEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BundleError(source, label, `${issue?.message}`, field(zodPath(issue?.path ?? [])));
    }
    const invalid = validateResource(parsed.data.resource);
    if (invalid) throw new BundleError(source, label, invalid.problem, field(`resource.${invalid.field}`));
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

/** ["resource", "name", 0] → "resource.name[0]". */
function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function idFromFullUrl(fullUrl: string | undefined): string | null {
  if (!fullUrl?.startsWith('urn:uuid:')) return null;
  const id = fullUrl.slice('urn:uuid:'.length);
  return fhirIdPattern.test(id) ? id : null;
}

/** "entry 12 (Observation 5d1c…)": the entry's index in the bundle with its resource type and id when it has them. */
export function entryLabel(index: number, raw: unknown): string {
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
