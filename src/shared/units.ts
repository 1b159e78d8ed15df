/**
 * Numbers and units for people, shared by the server (a visit's vital signs) and the web app (results, trends): a
 * value at most four significant digits, as laboratories report (97.81, 0.7343, 142.6); a unit's UCUM notation made
 * readable. The quantity never changes, only its writing.
 */
export function formatValue(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(value);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '9': '⁹',
};

/** UCUM's bracketed units people know by a shorter name. */
const BRACKETED: Record<string, string> = { Hg: 'Hg', lb_av: 'lb', in_i: 'in', degF: '°F', oz_av: 'oz' };

/**
 * A unit as people read it: "10*3/uL" as "×10³/µL", "mL/min/{1.73_m2}" as "mL/min/1.73 m²", "mm[Hg]" as "mmHg",
 * "[lb_av]" as "lb", "Cel" as "°C"; an annotation alone ("{score}") is no unit at all.
 */
export function displayUnit(unit: string): string {
  if (/^\{[^}]*\}$/.test(unit)) return '';
  if (unit === 'Cel') return '°C';
  return unit
    .replace(/10\*(\d+)/g, (_m, p: string) => `×10${[...p].map((d) => SUPERSCRIPT[d] ?? d).join('')}`)
    .replace(/\bu(L|g|mol)\b/g, 'µ$1')
    .replace(/\[([^\]]*)\]/g, (_m, inner: string) => BRACKETED[inner] ?? inner)
    .replace(/\{([^}]*)\}/g, (_m, inner: string) => inner.replace(/_/g, ' ').replace(/m2\b/, 'm²'))
    .replace(/\/m2\b/, '/m²');
}
