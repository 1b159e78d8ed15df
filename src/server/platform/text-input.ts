import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../shared/text-rules.ts';
import { badInput } from './errors.ts';

/**
 * Text every engine stores unchanged (src/shared/text-rules.ts): control characters other than tab and newlines,
 * and lone UTF-16 surrogates, are refused with a 400 naming the field, the same on SQLite and PostgreSQL, before any
 * route sees the request — bodies, query strings, and the headers that carry text (`x-file-name`).
 */
export function rejectUnstorableText(value: unknown, where: 'body' | 'query' | 'header'): void {
  const bad = findUnstorable(value, []);
  if (!bad) return;
  const field = where === 'body' && bad.length ? bad.join('.') : [where, ...bad].join('.');
  throw badInput(field, UNSTORABLE_TEXT_MESSAGE);
}

/** The path of the first string that breaks the rule, or null. */
function findUnstorable(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnstorable(v, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = findUnstorable(v, [...path, k]) ?? findUnstorable(k, path);
      if (found) return found;
    }
  }
  return null;
}

/** The text of a header that carries a name (URL-encoded, as the web app sends it), checked by the same rule. */
export function textHeader(value: string | string[] | undefined, name: string): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  rejectUnstorableText({ [name]: decoded }, 'header');
  return decoded;
}
