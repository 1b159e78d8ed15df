import { BundleError, entryLabel } from './fhir-bundle.ts';
import { fieldPath } from './fhir-resource-validator.ts';

/** FHIR's JSON is UTF-8: invalid bytes are refused rather than silently replaced by "�". */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a bundle file's bytes as strict UTF-8 and parses its JSON. Bytes that are not UTF-8 refuse the file, naming
 * the byte offset and, when the rest is readable JSON, the entry and the field that holds them.
 */
export function parseBundleBytes(source: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw invalidUtf8(source, bytes);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BundleError(source, null, `not valid JSON (${(err as Error).message})`);
  }
}

function invalidUtf8(source: string, bytes: Uint8Array): BundleError {
  const offset = firstInvalidByte(bytes);
  const problem = `contains bytes that are not UTF-8 (at byte ${offset}); FHIR JSON must be UTF-8`;
  let lenient: unknown;
  try {
    lenient = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch {
    return new BundleError(source, null, problem);
  }
  const where = replacedAt(lenient, '');
  if (where === null) return new BundleError(source, null, problem);
  const field = fieldPath(where);
  const entry = /^\/entry\/(\d+)(\/|$)/.exec(where);
  if (!entry) return new BundleError(source, null, problem, field);
  const index = Number(entry[1]);
  const label = entryLabel(index, (lenient as { entry: unknown[] }).entry[index]);
  return new BundleError(source, label, problem, field);
}

/** The offset where the first invalid UTF-8 sequence starts. */
function firstInvalidByte(bytes: Uint8Array): number {
  const decodes = (length: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that decodes when a cut-off last character is allowed (stream), by bisection...
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (decodes(mid, true)) good = mid;
    else bad = mid;
  }
  // ...then back over the start of the sequence that broke off (at most three bytes).
  while (good > 0 && !decodes(good, false)) good--;
  return good;
}

/** The JSON pointer of the first key or string holding U+FFFD (where a lenient decode replaced the invalid bytes). */
function replacedAt(value: unknown, pointer: string): string | null {
  if (typeof value === 'string') return value.includes('\uFFFD') ? pointer : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = replacedAt(v, `${pointer}/${i}`);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const escaped = k.replace(/~/g, '~0').replace(/\//g, '~1');
      if (k.includes('\uFFFD')) return `${pointer}/${escaped}`;
      const found = replacedAt(v, `${pointer}/${escaped}`);
      if (found !== null) return found;
    }
  }
  return null;
}
