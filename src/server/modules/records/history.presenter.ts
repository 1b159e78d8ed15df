import type { FamilyMemberHistory, Observation, Procedure } from '@medplum/fhirtypes';
import type { HistoryItem } from '../../../shared/records.ts';
import type { RecordRow } from '../fhir/fhir.service.ts';
import { conceptText, day, tidy } from './records.presenter.ts';

/**
 * Medical history as a person reads it: operations apart from other procedures, relatives' conditions, and
 * social-history observations — each repeated item once, with its latest date or value.
 */

export function presentProcedure(row: RecordRow): HistoryItem {
  const r = row.resource as unknown as Procedure;
  return {
    id: row.id,
    name: conceptText(r.code) ?? 'Procedure',
    date: day(r.performedDateTime ?? r.performedPeriod?.start),
    resolvedDate: null,
    detail: conceptText(r.reasonCode),
    count: 1,
  };
}

/** SNOMED CT "Surgical procedure", the surgical one of FHIR's procedure categories. */
const SURGICAL_CATEGORY = '387713003';
/** Words that name an operation in a SNOMED procedure's display ("Appendectomy", "Suture open wound"…). */
const SURGICAL_WORDS =
  /(ectomy|otomy|ostomy|plasty|pexy|rrhaphy)\b|\b(surgical|surgery|excision|extraction|suture|repair|amputation|transplant\w*|resection|biopsy|insertion|removal|replacement|implantation|reduction of fracture)\b/i;

/**
 * Surgical history holds operations only: a procedure categorised as surgical, or (the sample records carry no
 * category) one whose name names an operation. Imaging, screenings, exams and record-keeping are other procedures.
 */
export function isSurgical(row: RecordRow): boolean {
  const r = row.resource as unknown as Procedure;
  const categories = (r.category?.coding ?? []).map((c) => c.code);
  if (categories.length) return categories.includes(SURGICAL_CATEGORY);
  return SURGICAL_WORDS.test(tidy(conceptText(r.code) ?? ''));
}

/**
 * Repeated items (the same name) once: the latest, with how many times the record holds it. Social-history
 * observations repeated at every visit show their latest value and date; routine procedures their latest date.
 */
export function latestOfEach(items: HistoryItem[]): HistoryItem[] {
  const byName = new Map<string, HistoryItem[]>();
  for (const item of items) byName.set(item.name, [...(byName.get(item.name) ?? []), item]);
  return [...byName.values()].map((same) => {
    const latest = same.reduce((a, b) => ((b.date ?? '') > (a.date ?? '') ? b : a));
    return { ...latest, count: same.length };
  });
}

export function presentFamilyHistory(row: RecordRow): HistoryItem[] {
  const r = row.resource as unknown as FamilyMemberHistory;
  const who = conceptText(r.relationship) ?? r.name ?? 'Relative';
  const conditions = r.condition ?? [];
  if (!conditions.length)
    return [{ id: row.id, name: who, date: day(r.date), resolvedDate: null, detail: null, count: 1 }];
  return conditions.map((c, i) => ({
    id: `${row.id}#${i}`,
    name: conceptText(c.code) ?? 'Condition',
    date: day(r.date),
    resolvedDate: null,
    detail: who,
    count: 1,
  }));
}

/** Social-history observations (smoking status and the like): their value as text. */
export function presentSocial(row: RecordRow): HistoryItem {
  const r = row.resource as unknown as Observation;
  const value =
    conceptText(r.valueCodeableConcept) ??
    r.valueString ??
    (r.valueQuantity?.value !== undefined ? `${r.valueQuantity.value} ${r.valueQuantity.unit ?? ''}`.trim() : null);
  return {
    id: row.id,
    name: conceptText(r.code) ?? 'Social history',
    date: day(r.effectiveDateTime ?? r.issued),
    resolvedDate: null,
    detail: value,
    count: 1,
  };
}

/** Observations that belong in social history: category social-history, or the smoking-status code. */
export function isSocialHistory(row: RecordRow): boolean {
  return row.category === 'social-history' || row.code === '72166-2';
}
