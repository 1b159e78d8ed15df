import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../paths.ts';
import { HealthSection } from '../health/health-parts.tsx';

/**
 * No provider to book with online: the FAQ's rule ("You can schedule online with a provider after you have visited
 * them once since opening your account") and the other way, Request an appointment.
 */
export function NoSelfScheduling({ firstVisitRequired }: { firstVisitRequired: boolean }) {
  const { t } = useTranslation();
  return (
    <HealthSection title={t('visits.schedule.noneHeading')}>
      <Stack gap="sm" align="flex-start">
        <Text>{firstVisitRequired ? t('visits.schedule.firstVisitRule') : t('visits.schedule.noProviders')}</Text>
        <Text>{t('visits.schedule.requestInstead')}</Text>
        <Button component={Link} to={paths.visits.request}>
          {t('visits.upcoming.request')}
        </Button>
      </Stack>
    </HealthSection>
  );
}
