import './result-strings.ts';
import './result-values.css';
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultFlag, ResultSummary } from '../../../shared/results.ts';
import { FlagIcon } from './FlagIcon.tsx';
import { flagColor, flagSeverity } from './result-format.ts';

/** A flag in words ("Critically high", "In range"); no flag says there was nothing to compare with. */
export function useFlagWords(): (flag: ResultFlag | null) => string {
  const { t } = useTranslation();
  return (flag) => t(`resultValues.flags.${flag ?? 'none'}`);
}

/** A flag in words, with its icon and colour: "High", "Critically low", "In range", "Not compared". */
export function FlagText({ flag }: { flag: ResultFlag | null }) {
  const flagWords = useFlagWords();
  const severity = flagSeverity(flag);
  return (
    <Text
      component="span"
      size="sm"
      fw={severity === 'out' || severity === 'critical' ? 700 : 400}
      c={flagColor(flag)}
      className="result-flag"
    >
      <FlagIcon flag={flag ?? 'none'} />
      {flagWords(flag)}
    </Text>
  );
}

/**
 * A whole result's flag line, in the page's own words ("2 results out of range", "High: 1 of 2 values out of range"),
 * with the icon and colour of its worst flag: a warning sign when several values are out of range.
 */
export function FlagSummary({
  result: r,
  children,
}: {
  result: Pick<ResultSummary, 'flag' | 'outOfRange' | 'componentCount'>;
  children: ReactNode;
}) {
  const severity = flagSeverity(r.flag);
  return (
    <Text
      component="span"
      size="sm"
      fw={severity === 'out' || severity === 'critical' ? 700 : 400}
      c={flagColor(r.flag)}
      className="result-flag result-flag-summary"
    >
      <FlagIcon flag={r.outOfRange > 0 && r.componentCount > 1 ? 'outOfRange' : (r.flag ?? 'none')} />
      <span>{children}</span>
    </Text>
  );
}
