import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret of `bytes` bytes (session ids use 32: 256 bits, over the 128 that OWASP asks). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex: for high-entropy secrets (session ids, codes) stored so that a database leak does not reveal them. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Crockford base-32 without I, L, O, U: codes people read aloud or type from paper. */
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code in groups of five readable characters, e.g. `7KQ2M-X9D4T-HC3WF` (75 bits for three groups). */
export function readableCode(groups = 3): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < 5; i++) part += READABLE[randomInt(READABLE.length)];
    parts.push(part);
  }
  return parts.join('-');
}

/** Normalises a typed code: case, spaces and dashes do not matter; O/I/L read as 0/1/1. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A numeric one-time code (sent by email or text). */
export function numericCode(digits = 6): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += String(randomInt(10));
  return s;
}
