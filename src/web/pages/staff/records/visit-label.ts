import type { TFunction } from 'i18next';
import type { VisitKind } from '../../../../shared/visits.ts';

/** A visit in plain words: its setting ("Office visit") and, when the record gives one, why ("Office visit: Asthma"). */
export function visitLabel(visit: { kind: VisitKind; reason: string | null }, t: TFunction<'staff'>): string {
  const kind = t(`visitKinds.${visit.kind}`);
  return visit.reason ? t('visits.kindAndReason', { kind, reason: visit.reason }) : kind;
}
