import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { resultDay } from '../../components/results/result-format.ts';
import { formatCalendarDate, formatMoment } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';

/**
 * The day of a result's date in the long form ("March 3, 2012"): a calendar date as written, a moment in the
 * organisation's zone.
 */
export function useResultDay(): (date: string | null) => string | null {
  const { i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  return (date) => {
    return date ? resultDay(date, i18n.language, timeZone) : null;
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
