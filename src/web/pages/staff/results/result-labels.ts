import type { TFunction } from 'i18next';
import type { ReleaseState, ResultFlag } from '../../../../shared/results.ts';
import { formatLongDay } from '../format.ts';

/**
 * A whole result's out-of-range line: "Critically high: 2 of 7 values out of range", "All 7 values in range"; null
 * for a report without values (a pathology or genetic report says its findings in words). `flag` is the worst flag
 * in words (useFlagWords).
 */
export function outOfRangeWords(
  r: { flag: ResultFlag | null; outOfRange: number; componentCount: number },
  flag: string,
  t: TFunction<'staff'>,
): string | null {
  if (r.componentCount === 0) return null;
  if (r.flag === null) return t('results.noRangeToCompare');
  if (r.outOfRange === 0) return t('results.allInRange', { count: r.componentCount });
  if (r.componentCount === 1) return t('results.outOfRangeSingle', { flag });
  return t('results.outOfRange', {
    flag,
    count: r.outOfRange,
    total: r.componentCount,
  });
}

interface ReleaseFacts {
  release: ReleaseState;
  holdReason: string | null;
  releaseDue: string | null;
  releasedAt?: string | null;
}

/**
 * The release state in words: "Held: Pathology — releases by itself on December 5, 2026", "Held: Genetic tests —
 * until you release it", "Released on …".
 */
export function releaseWords(r: ReleaseFacts, t: TFunction<'staff'>, language: string, timeZone: string): string {
  if (r.release === 'released')
    return r.releasedAt
      ? t('results.releasedOn', { date: formatLongDay(r.releasedAt, language, timeZone) })
      : t('results.released');
  const reason = r.holdReason ?? t('results.holdNoReason');
  if (r.release === 'scheduled' && r.releaseDue)
    return t('results.heldUntilDate', { reason, date: formatLongDay(r.releaseDue, language, timeZone) });
  return t('results.heldUntilReleased', { reason });
}

/** Whether (and when) the patient or a proxy opened it. */
export function viewedWords(viewedAt: string | null, t: TFunction<'staff'>, language: string, timeZone: string) {
  return viewedAt
    ? t('results.viewedOn', { date: formatLongDay(viewedAt, language, timeZone) })
    : t('results.notViewed');
}
