import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';
import type { ResultFlag } from '../../../shared/results.ts';

/**
 * Reading laboratory results out of FHIR R4: which reports and observations are test results, their LOINC code and
 * words, dates, security labels, the range and interpretation the laboratory sent. Pure functions, no storage.
 */

/** DiagnosticReport categories (HL7 v2-0074) that are test results even without observations listed. */
const RESULT_REPORT_CATEGORIES = new Set(['LAB', 'PAT', 'SP', 'CP', 'CY', 'GE', 'HM', 'CH', 'MB', 'SR', 'BLB', 'IMM']);

export function isResultReport(r: DiagnosticReport): boolean {
  return (r.result?.length ?? 0) > 0 || categoriesOf(r).some((c) => RESULT_REPORT_CATEGORIES.has(c));
}

export function isLaboratory(o: Observation): boolean {
  return (o.category ?? []).some((c) => (c.coding ?? []).some((k) => k.code === 'laboratory'));
}

export function categoriesOf(r: DiagnosticReport): string[] {
  return (r.category ?? []).flatMap((c) => (c.coding ?? []).map((k) => k.code).filter((k): k is string => !!k));
}

export function loincOf(concept: { coding?: { system?: string; code?: string }[] } | undefined): string | null {
  const coding = concept?.coding?.find((c) => c.system === 'http://loinc.org') ?? concept?.coding?.[0];
  return coding?.code ?? null;
}

export function conceptText(concept: { text?: string; coding?: { display?: string }[] } | undefined): string | null {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? null;
}

export function labelsOf(r: { meta?: { security?: { code?: string }[] } }): string | null {
  const codes = (r.meta?.security ?? []).map((s) => s.code).filter((c): c is string => !!c);
  return codes.length ? codes.join(',') : null;
}

export function normalise(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function effectiveOf(r: Observation | DiagnosticReport | undefined): string | null {
  const v = r?.effectiveDateTime ?? r?.effectivePeriod?.start ?? (r as Observation | undefined)?.effectiveInstant;
  return v ? normalise(v) : null;
}

export function reportedRangeOf(
  o: Observation,
): { low: number | null; high: number | null; text: string | null } | null {
  const r = o.referenceRange?.[0];
  if (!r) return null;
  return { low: r.low?.value ?? null, high: r.high?.value ?? null, text: r.text ?? null };
}

/** The laboratory's own interpretation when there is no range to compare with (H, L, HH, LL, A). */
export function interpretationOf(o: Observation): ResultFlag | null {
  const code = o.interpretation?.[0]?.coding?.[0]?.code;
  const map: Record<string, ResultFlag> = {
    N: 'normal',
    H: 'high',
    L: 'low',
    HH: 'critical_high',
    LL: 'critical_low',
    A: 'abnormal',
    AA: 'abnormal',
  };
  return (code && map[code]) || null;
}

export function valueTextOf(o: Observation): string | null {
  return o.valueString ?? conceptText(o.valueCodeableConcept) ?? null;
}
