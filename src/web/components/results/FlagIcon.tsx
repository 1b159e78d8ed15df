import type { ResultFlag } from '../../../shared/results.ts';

/** What an icon stands for: a flag, a whole result's "out of range", or `none` (no range to compare with). */
export type FlagIconKind = ResultFlag | 'outOfRange' | 'none';

/**
 * Small line icons beside the words of a flag or an out-of-range count, on the patient's and the staff pages (never the
 * only sign: the words are always there). The project has no icon library; these are a handful of strokes in the
 * header icons' style.
 */
const SHAPES: Record<FlagIconKind, string[]> = {
  normal: ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z', 'M8.5 12.5l2.5 2.5l4.5-5'],
  high: ['M12 19V5', 'M6 11l6-6l6 6'],
  low: ['M12 5v14', 'M6 13l6 6l6-6'],
  critical_high: ['M12 21V9', 'M6 15l6-6l6 6', 'M6 9l6-6l6 6'],
  critical_low: ['M12 3v12', 'M6 9l6 6l6-6', 'M6 15l6 6l6-6'],
  abnormal: ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z', 'M12 8v5', 'M12 16.5v.01'],
  outOfRange: ['M12 4l9 16H3z', 'M12 10v4', 'M12 17v.01'],
  none: ['M7 12h10'],
};

/** The icon of a flag (or of "out of range"); decorative, so hidden from screen readers. */
export function FlagIcon({ flag, size = 18 }: { flag: FlagIconKind; size?: number }) {
  return (
    <svg
      aria-hidden
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      className="result-flag-icon"
    >
      {SHAPES[flag].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
