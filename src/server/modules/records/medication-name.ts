import { formatCodeableConcept, formatQuantity } from '@medplum/core';
import type { CodeableConcept } from '@medplum/fhirtypes';

/**
 * A medication named as it was prescribed, from an RxNorm clinical or branded drug name (SCD/SBD/pack): the brand
 * when there is one, every ingredient with its strength, and the form — "Vicodin — acetaminophen 300 mg /
 * hydrocodone bitartrate 5 mg". RxNorm's naming pattern is interpreted here and only here: a trailing "[Brand]",
 * a leading application number ("NDA020800") that is no name at all, a leading package quantity ("120 ACTUAT",
 * "0.3 ML") that says how much is in the package rather than what the medication is, and " / " between the
 * ingredients of a combination.
 */
export interface MedicationName {
  /** The title a clinician would write. */
  title: string;
  /** How much one package or device holds ("120 actuations", "0.3 mL"), when the name says. */
  packageSize: string | null;
}

/** RxNorm's unit words as people write them; the plural is for package sizes ("120 actuations"). */
const UNITS: Record<string, [one: string, many: string]> = {
  MG: ['mg', 'mg'],
  MCG: ['mcg', 'mcg'],
  G: ['g', 'g'],
  ML: ['mL', 'mL'],
  L: ['L', 'L'],
  UNT: ['unit', 'units'],
  MEQ: ['mEq', 'mEq'],
  '%': ['%', '%'],
  ACTUAT: ['actuation', 'actuations'],
  HR: ['hour', 'hours'],
  DAY: ['day', 'days'],
};
const UNIT = `(?:${Object.keys(UNITS)
  .map((u) => u.replace('%', '\\%'))
  .join('|')})`;
/** Units a strength is measured in (per actuation, per hour… may follow after a slash). */
const AMOUNT = '(?:MG|MCG|G|ML|L|UNT|MEQ|%)';
const NUMBER = String.raw`\d+(?:\.\d+)?`;

/** "MG/ML" → "mg/mL", "MG/ACTUAT" → "mg/actuation". */
function unitWords(unit: string, value?: number): string {
  return unit
    .split('/')
    .map((u, i) => {
      const words = UNITS[u.toUpperCase()] ?? [u.toLowerCase(), u.toLowerCase()];
      return i === 0 && value !== undefined && value !== 1 ? words[1] : words[0];
    })
    .join('/');
}

function quantity(value: string, unit: string, plural = false): string {
  const v = Number(value);
  return formatQuantity({ value: v, unit: unitWords(unit, plural ? v : undefined) });
}

/** One ingredient with its strength, and the form when it is the last ingredient ("325 MG Oral Tablet"). */
const INGREDIENT = new RegExp(`^(.+?)\\s+(${NUMBER})\\s+(${AMOUNT}(?:/${UNIT})?)(?:\\s+(.+))?$`, 'i');
const APPLICATION_NUMBER = /^(?:NDA|ANDA|BLA)\d+\s+/i;
const PACKAGE_SIZE = new RegExp(`^(${NUMBER})\\s+(${UNIT})\\s+(?=\\D)`, 'i');
const BRAND = /\s*\[([^\]]+)\]\s*$/;

/** The name of the medication in a coded concept (its text, else its codings' displays) as prescribed. */
export function medicationName(concept: CodeableConcept | undefined, fallback: string): MedicationName {
  const raw = concept ? formatCodeableConcept(concept).trim() : '';
  return raw ? nameFromRxNorm(raw) : { title: fallback, packageSize: null };
}

/** Reads an RxNorm drug name; what does not follow the pattern keeps its words, with units in lower case. */
export function nameFromRxNorm(raw: string): MedicationName {
  let rest = raw.trim().replace(/\s+/g, ' ');
  const brand = BRAND.exec(rest)?.[1]?.trim() ?? null;
  rest = rest.replace(BRAND, '').replace(APPLICATION_NUMBER, '');
  const pack = PACKAGE_SIZE.exec(rest);
  const packageSize = pack ? quantity(pack[1]!, pack[2]!, true) : null;
  if (pack) rest = rest.slice(pack[0].length);

  const parts = rest.split(' / ').map((p) => INGREDIENT.exec(p));
  let generic: string;
  if (parts.every((m) => m !== null)) {
    const last = parts[parts.length - 1]!;
    const ingredients = parts.map((m) => `${ingredientName(m![1]!)} ${quantity(m![2]!, m![3]!)}`).join(' / ');
    generic = last[4] ? `${ingredients} ${formWords(last[4])}` : ingredients;
  } else {
    // Unparsed words after a brand are the generic name ("Diazepam [Valium]"), written in lower case.
    generic = brand ? looseWords(rest).toLowerCase() : looseWords(rest);
  }
  if (!brand) return { title: capitalise(generic), packageSize };
  // "Diazepam [Valium]": the brand and the ingredient; a brand name already leading the rest is not repeated.
  const title = generic.toLowerCase().startsWith(brand.toLowerCase()) ? generic : `${brand} — ${generic}`;
  return { title: title || brand, packageSize };
}

/** Generic names in lower case, as written in prose ("HYDROcodone Bitartrate" → "hydrocodone bitartrate"). */
function ingredientName(name: string): string {
  return name.toLowerCase();
}

/** "Metered Dose Inhaler" → "metered dose inhaler", "24HR" → "24-hour". */
function formWords(form: string): string {
  return looseWords(form).toLowerCase();
}

/** Units and durations in words in a name that does not follow the pattern ("28 Day Pack" → "28-day pack"). */
function looseWords(text: string): string {
  return text
    .replace(new RegExp(`(${NUMBER})\\s*(HR|DAY)\\b`, 'gi'), (_, n: string, u: string) => `${n}-${unitWords(u)}`)
    .replace(/\b(MG|MCG|ML|UNT|MEQ|ACTUAT)\b/g, (u) => unitWords(u))
    .replace(/\b(Pack|Ring|Tablet|Capsule|Solution|Injection|Inhaler|Injector|Patch)\b/g, (w) => w.toLowerCase())
    .replace(/\b(Oral|Vaginal|Topical|Nasal|Ophthalmic|Transdermal|Day|Dose|Metered)\b/g, (w) => w.toLowerCase());
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
