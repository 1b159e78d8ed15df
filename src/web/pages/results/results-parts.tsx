import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReferenceRange, ResultFlag } from '../../../shared/results.ts';
import { formatCalendarDate, formatLongDay, formatMoment } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { FlagIcon } from './result-icons.tsx';
import { OUT_OF_RANGE } from './result-words.ts';

/** Out of range (not critical): a darker orange than the kit's, readable on white and on a striped row (WCAG AA). */
export const OUT_OF_RANGE_COLOR = '#b8400d';

/** The colour that goes with a flag's words and icon (never the only sign). */
export function flagColor(flag: ResultFlag): string {
  if (flag === 'normal') return 'teal.9';
  return flag.startsWith('critical') ? 'red.9' : OUT_OF_RANGE_COLOR;
}

/** A flag in words, with its icon: "High", "Critically low", "In range". */
export function FlagText({ flag }: { flag: ResultFlag }) {
  const { t } = useTranslation();
  return (
    <Text
      component="span"
      size="sm"
      fw={OUT_OF_RANGE.has(flag) ? 700 : 400}
      c={flagColor(flag)}
      className="result-flag"
    >
      <FlagIcon flag={flag} />
      {t(`results.flags.${flag}`)}
    </Text>
  );
}

/** Where a range came from, in words: the laboratory, or the organisation's own reference table. */
export function RangeSource({ range }: { range: ReferenceRange }) {
  const { t } = useTranslation();
  const { organisationName } = usePortalConfig();
  return (
    <Text component="span" size="xs" c="dimmed" display="block">
      {range.source === 'result'
        ? t('results.result.rangeFromResult')
        : t('results.result.rangeFromOrganisation', { organisationName })}
    </Text>
  );
}

/**
 * The day of a result's date in the long form ("March 3, 2012"): a calendar date as written, a moment in the
 * organisation's zone.
 */
export function useResultDay(): (date: string | null) => string | null {
  const { i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (date) => {
    if (!date) return null;
    return date.length <= 10 ? formatCalendarDate(date, i18n.language) : formatLongDay(date, i18n.language, timeZone);
  };
}

/** A result's time with the hour when the record has one ("Mar 3, 2012, 9:41 AM EST"), else its day. */
export function useResultMoment(): (date: string | null) => string | null {
  const { i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (date) => {
    if (!date) return null;
    return date.length <= 10 ? formatCalendarDate(date, i18n.language) : formatMoment(date, i18n.language, timeZone);
  };
}

/**
 * The FAQ's notice, on the list and on each result: results may arrive before the provider has reviewed them; give
 * the provider time; with questions, message the care team.
 */
export function ResultsNotice() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Box component="aside" aria-labelledby={headingId} className="result-notice">
      <Stack gap={6}>
        <Title order={2} size="h5" id={headingId}>
          {t('results.notice.title')}
        </Title>
        <Text size="sm">{t('results.notice.body')}</Text>
        <Anchor component={Link} to={paths.messages.new} size="sm" fw={600}>
          {t('results.notice.link')}
        </Anchor>
      </Stack>
    </Box>
  );
}
