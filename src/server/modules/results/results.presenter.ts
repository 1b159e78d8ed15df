import type { Observation, Patient } from '@medplum/fhirtypes';
import type {
  ReferenceRange,
  ReleaseState,
  ResultComponent,
  ResultFlag,
  ResultSummary,
  StaffResultSummary,
} from '../../../shared/results.ts';
import type { FhirResource } from '../fhir/fhir-bundle.schemas.ts';
import { ageAt, flagOf, type ReferenceRanges } from './reference-ranges.ts';
import type { ListCursor, ResultRow, ValueRow } from './results.repository.ts';

const asFlag = (flag: string | null) => flag as ResultFlag | null;

export function presentSummary(row: ResultRow, isNew: boolean, _authors: Map<string, string>): ResultSummary {
  return {
    id: row.id,
    name: row.name,
    collectedAt: row.collected_at,
    resultedAt: row.resulted_at,
    orderedBy: row.ordered_by,
    hospital: row.hospital === 1,
    flag: asFlag(row.flag),
    outOfRange: row.out_of_range,
    componentCount: row.component_count,
    hasNote: row.note !== null,
    isNew: isNew && row.news === 1,
  };
}

/** Where a result stands for staff: released, held until someone releases it, or scheduled by a rule. */
export function releaseOf(row: ResultRow, now: string): ReleaseState {
  if (row.visible_from === null) return 'held';
  return row.visible_from <= now ? 'released' : 'scheduled';
}

export function presentStaffSummary(
  row: ResultRow,
  patientName: string,
  now: string,
  authors: Map<string, string>,
): StaffResultSummary {
  const { isNew: _isNew, ...summary } = presentSummary(row, false, authors);
  const release = releaseOf(row, now);
  return {
    ...summary,
    patientId: row.patient_id,
    patientName,
    release,
    holdReason: release === 'released' ? null : row.hold_reason,
    releaseDue: release === 'scheduled' ? row.visible_from : null,
    viewedAt: row.viewed_at,
    reviewedBy: row.reviewed_by ? (authors.get(row.reviewed_by) ?? 'A colleague') : null,
  };
}

/**
 * Each value of a result as the record has it — the number and unit of the Observation, unchanged — with the range
 * that applies (the laboratory's, else the organisation's table for this patient's sex and age on that day), its
 * flag, and how many values of the same test the caller may see (a trend graph for more than one).
 */
export function componentsOf(
  ranges: ReferenceRanges,
  values: ValueRow[],
  resources: Map<string, FhirResource>,
  counts: Map<string, number>,
  patient: FhirResource | null,
  collectedAt: string | null,
): ResultComponent[] {
  const p = patient as unknown as Patient | null;
  return values.map((v) => {
    const o = resources.get(v.id) as unknown as Observation | undefined;
    const value = typeof o?.valueQuantity?.value === 'number' ? o.valueQuantity.value : v.value;
    const unit = o?.valueQuantity?.unit ?? o?.valueQuantity?.code ?? v.unit;
    const reported = o?.referenceRange?.[0];
    const range = ranges.rangeFor(
      v.code,
      unit,
      { sex: p?.gender ?? null, age: ageAt(p?.birthDate ?? null, v.at || collectedAt) },
      reported
        ? { low: reported.low?.value ?? null, high: reported.high?.value ?? null, text: reported.text ?? null }
        : null,
    );
    return {
      id: v.id,
      name: v.name,
      code: v.code,
      value,
      valueText: v.value_text,
      unit,
      range: range ? { low: range.low, high: range.high, text: range.text, source: range.source } : null,
      flag: flagOf(value, range) ?? asFlag(v.flag),
      valueCount: v.code ? (counts.get(v.code) ?? 0) : 0,
    };
  });
}

/** The range a trend graph shades: the one that applies to the patient today (at the latest value). */
export function rangeOfTrend(
  ranges: ReferenceRanges,
  code: string,
  unit: string | null,
  patient: FhirResource | null,
  at: string,
): ReferenceRange | null {
  const p = patient as unknown as Patient | null;
  const range = ranges.rangeFor(code, unit, { sex: p?.gender ?? null, age: ageAt(p?.birthDate ?? null, at) }, null);
  return range ? { low: range.low, high: range.high, text: range.text, source: range.source } : null;
}

/** An opaque cursor: where the page ended (never a patient fact beyond an id and a time). */
export function encodeCursor(row: ResultRow, abnormalFirst = false): string {
  const c: ListCursor = { sortAt: row.sort_at, id: row.id };
  if (abnormalFirst) c.abnormal = row.out_of_range > 0 ? 1 : 0;
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string): ListCursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ListCursor>;
    if (typeof c.sortAt !== 'string' || typeof c.id !== 'string') return null;
    if (c.abnormal !== undefined && c.abnormal !== 0 && c.abnormal !== 1) return null;
    return { sortAt: c.sortAt, id: c.id, ...(c.abnormal !== undefined ? { abnormal: c.abnormal } : {}) };
  } catch {
    return null;
  }
}

/** A row with the facts the confidentiality filter reads, under the names it reads them by. */
export const withFacts = <T extends { code_system: string | null; security_labels: string | null }>(r: T) => ({
  ...r,
  codeSystem: r.code_system,
  securityLabels: r.security_labels,
});

/** The distinct codes of some values. */
export const codesOf = (values: { code: string | null }[]) => [
  ...new Set(values.map((v) => v.code).filter((c): c is string => c !== null)),
];

/** A flag as the index stored it (written from the same list). */
export const parseFlag = (flag: string | null) => flag as ResultFlag | null;
