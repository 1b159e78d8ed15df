/**
 * The one rule for characters in text people send, on both engines: control characters (C0, U+0000–U+001F, except
 * tab, line feed and carriage return; and DEL, U+007F) are refused, and so is a lone UTF-16 surrogate (a broken
 * emoji, which has no UTF-8 form). PostgreSQL text cannot hold U+0000 at all; SQLite could, so without this rule
 * the two engines would answer the same request differently.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function isStorableText(s: string): boolean {
  return !FORBIDDEN_CONTROL_CHARACTERS.test(s) && (s as string & { isWellFormed(): boolean }).isWellFormed();
}

export const UNSTORABLE_TEXT_MESSAGE =
  'This text contains a character that cannot be stored (a control character or a broken emoji). Remove it and try again.';
