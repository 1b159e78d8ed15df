import { badInput } from './errors.ts';

/**
 * Text every engine can store unchanged: PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no
 * UTF-8 form (it would be stored as replacement characters). Such input is refused with a 400 naming the field,
 * the same on SQLite and PostgreSQL, before any route sees it.
 */
export function rejectUnstorableText(value: unknown, where: 'body' | 'query'): void {
  const bad = findUnstorable(value, []);
  if (!bad) return;
  const field = where === 'body' && bad.length ? bad.join('.') : [where, ...bad].join('.');
  throw badInput(
    field,
    'This text contains a character that cannot be stored (a null character or a broken emoji). Remove it and try again.',
  );
}

/** The path of the first string with a NUL or a lone surrogate, or null. */
function findUnstorable(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || !isWellFormed(value) ? path : null;
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

/** String.prototype.isWellFormed (Node 20+; the TypeScript lib we target predates it). */
function isWellFormed(s: string): boolean {
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}
