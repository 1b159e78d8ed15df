/**
 * Reference resolution. Inside a bundle, resources point at each other by `urn:uuid:` fullUrls; the store keeps
 * `Type/id`. A `urn:uuid:` not in the bundle is looked up among stored resources (other bundles, imported earlier),
 * and otherwise left waiting until its target arrives, so the order bundles are imported in does not matter.
 */

const URN_UUID = 'urn:uuid:';

/** Every `reference` string in a resource (contained-resource `#x` references included). */
export function collectReferences(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else collectReferences(v, out);
    }
  }
  return out;
}

/** Rewrites references in place using `resolve`; a `null` answer leaves the reference as it is. */
export function rewriteReferences(value: unknown, resolve: (reference: string) => string | null): void {
  if (Array.isArray(value)) {
    for (const v of value) rewriteReferences(v, resolve);
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'reference' && typeof v === 'string') {
        const resolved = resolve(v);
        if (resolved !== null) obj[k] = resolved;
      } else {
        rewriteReferences(v, resolve);
      }
    }
  }
}

/** The bare id of a `urn:uuid:` reference, or null for any other form. */
export function urnUuidTarget(reference: string): string | null {
  return reference.startsWith(URN_UUID) ? reference.slice(URN_UUID.length) : null;
}
