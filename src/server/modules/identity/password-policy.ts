import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Password rules per NIST SP 800-63B §5.1.1.2 and OWASP ASVS 2.1: a minimum length (12 by default), long
 * passwords allowed and never truncated, any printable character and spaces allowed, no composition rules, and a
 * refusal of passwords that are common, breached, repetitive, or built from the person's own name or username.
 */

let common: Set<string> | null = null;

/** ~49,000 common and breached passwords (zxcvbn-ts's list), loaded on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export interface PasswordContext {
  username: string;
  /** The person's names (given, family): none may be the heart of the password. */
  names: string[];
}

export const MAX_PASSWORD_LENGTH = 1024;

/** Returns why a password is refused, in words for the person choosing it, or null when it is acceptable. */
export function passwordProblem(password: string, minLength: number, context: PasswordContext): string | null {
  const length = [...password].length; // code points, not UTF-16 units
  if (length < minLength)
    return `Use at least ${minLength} characters. A few unrelated words make a strong, memorable password.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'Passwords cannot contain control characters.';
  const lower = password.normalize('NFKC').toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''); // "password1234!" → "password"
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core)))
    return 'This password is too common: it appears in lists of passwords attackers try first.';
  if (/^(.)\1+$/u.test(lower) || isSequence(lower))
    return 'This password is too easy to guess: avoid repeated or sequential characters.';
  const personal = [context.username, ...context.names]
    .map((w) => w.normalize('NFKC').toLowerCase())
    .filter((w) => w.length >= 3);
  const stripped = lower.replace(/[^\p{L}\p{N}]/gu, '');
  for (const word of personal) {
    if (stripped.includes(word.replace(/[^\p{L}\p{N}]/gu, '')) && word.length >= Math.min(4, stripped.length / 2)) {
      return 'Do not use your name or username in your password.';
    }
  }
  return null;
}

function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}
