import { dateInZone } from '../../platform/calendar.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RecordsService } from '../records/records.service.ts';
import type { RecordsSection } from './records-pdf.ts';

/**
 * The sections of a records document, read from the record through the scope: medications, allergies,
 * immunizations, health issues, procedures and the amendments noted on the record. Dated entries outside the dates
 * the patient asked about are left out; undated ones (and current medications, allergies) stay. Also returns the
 * ids of the items it holds, so the document can be kept from proxies when one of them is confidential.
 */
export async function recordsSections(
  records: RecordsService,
  scope: PatientScope,
  asked: { fromDate?: string; toDate?: string },
  /** The organisation's zone: an amendment's moment is shown as the day it was there. */
  timeZone: string,
): Promise<{ sections: RecordsSection[]; itemIds: Set<string> }> {
  const [meds, allergies, immunizations, issues, history, amendments] = await Promise.all([
    records.medications(scope),
    records.allergies(scope),
    records.immunizations(scope),
    records.healthIssues(scope),
    records.history(scope),
    records.amendments(scope),
  ]);
  const inRange = (date: string | null) => {
    if (!date) return true;
    const d = date.slice(0, 10);
    return (!asked.fromDate || d >= asked.fromDate) && (!asked.toDate || d <= asked.toDate);
  };
  const itemIds = new Set<string>();
  const keep = <T extends { id: string }>(items: T[], dateOf: (i: T) => string | null) =>
    items.filter((i) => inRange(dateOf(i))).map((i) => (itemIds.add(i.id), i));
  const on = (date: string) => longDate(date);
  const line = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ') || null;

  const sections: RecordsSection[] = [
    {
      heading: 'Current medications',
      empty: 'No current medications are recorded.',
      entries: keep(meds.current, () => null).map((m) => ({
        title: m.name,
        detail: line(m.packageSize, m.instructions, m.startDate ? `since ${on(m.startDate)}` : null),
      })),
    },
    {
      heading: 'Past medications',
      empty: 'No past medications are recorded for these dates.',
      entries: keep(meds.past, (m) => m.startDate).map((m) => ({
        title: m.name,
        detail: line(
          m.packageSize,
          m.startDate ? `from ${on(m.startDate)}` : null,
          m.endDate ? `to ${on(m.endDate)}` : null,
        ),
      })),
    },
    {
      heading: 'Allergies',
      empty: 'No allergies are recorded.',
      entries: keep(allergies.items, () => null).map((a) => ({
        title: a.substance,
        detail: line(a.reactions.join(', '), a.status),
      })),
    },
    {
      heading: 'Immunizations',
      empty: 'No immunizations are recorded for these dates.',
      entries: keep(
        immunizations.vaccines.flatMap((v) => v.doses),
        (i) => i.date,
      ).map((i) => ({
        title: i.vaccine,
        detail: line(i.date ? `given ${on(i.date)}` : null, i.dose ? `dose ${i.dose}` : null),
      })),
    },
    {
      heading: 'Health issues',
      empty: 'No health issues are recorded for these dates.',
      entries: keep([...issues.active, ...issues.resolved], (i) => i.onsetDate).map((i) => ({
        title: i.name,
        detail: line(
          i.active ? 'current' : 'resolved',
          i.onsetDate ? `since ${on(i.onsetDate)}` : null,
          i.resolvedDate ? `resolved ${on(i.resolvedDate)}` : null,
        ),
      })),
    },
    {
      heading: 'Procedures',
      empty: 'No procedures are recorded for these dates.',
      entries: keep(history.surgical, (p) => p.date).map((p) => ({
        title: p.name,
        detail: line(p.date ? on(p.date) : null, p.detail),
      })),
    },
    {
      heading: 'Amendments',
      empty: 'No amendments are noted on this record.',
      entries: amendments.map((a) => ({
        title: `Amended ${on(dateInZone(new Date(a.amendedAt), timeZone))}${a.item?.label ? `: ${a.item.label}` : ''}`,
        detail: a.text,
      })),
    },
  ];
  return { sections, itemIds };
}

/** A date as the document's readers write it ("March 6, 1978"), the day as recorded (no zone shift). */
export function longDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
