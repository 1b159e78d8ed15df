import type { FlagSeverity } from './result-labels.ts';

const colour: Record<FlagSeverity, string> = {
  none: 'var(--mantine-color-gray-7)',
  normal: 'var(--mantine-color-green-9)',
  out: 'var(--mantine-color-orange-9)',
  critical: 'var(--mantine-color-red-9)',
};

/**
 * A small mark beside a flag's words (never instead of them, so it is hidden from screen readers): a check for in
 * range, a triangle for out of range, an octagon for critical, a dash for no range to compare with.
 */
export function FlagIcon({ severity }: { severity: FlagSeverity }) {
  return (
    <svg
      aria-hidden
      focusable="false"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke={colour[severity]}
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ flex: 'none', verticalAlign: '-3px' }}
    >
      {severity === 'normal' && (
        <>
          <circle cx="12" cy="12" r="9" />
          <path d="m8 12 3 3 5-6" />
        </>
      )}
      {severity === 'out' && (
        <>
          <path d="M12 3 2 20h20L12 3z" />
          <path d="M12 10v4M12 17h.01" />
        </>
      )}
      {severity === 'critical' && (
        <>
          <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" />
          <path d="M12 7v6M12 17h.01" />
        </>
      )}
      {severity === 'none' && <path d="M7 12h10" />}
    </svg>
  );
}
