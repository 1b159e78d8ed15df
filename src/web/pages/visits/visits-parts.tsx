import { Anchor, Box, Container, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Department } from '../../../shared/appointments.ts';
import { PhoneLink } from '../../components/PhoneLink.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';

interface VisitsFrameProps {
  title: string;
  intro?: string;
  children: ReactNode;
  /** The way back (to Appointments and Visits unless said otherwise); the overview itself has none. */
  back?: { to: string; label: string } | false;
}

/** The frame of every Visits page: the way back, the h1, whose record it is when a proxy looks at someone else's. */
export function VisitsFrame({ title, intro, children, back }: VisitsFrameProps) {
  const { t } = useTranslation();
  const { isOwn, record } = useRecordInView();
  usePageTitle(title);
  const way = back === false ? null : (back ?? { to: paths.visits.list, label: t('visits.backToVisits') });
  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        {way && (
          <Anchor component={Link} to={way.to} size="sm">
            {way.label}
          </Anchor>
        )}
        <Title order={1} size="h2">
          {title}
        </Title>
        {!isOwn && record && <Text fw={600}>{t('visits.forRecord', { name: record.displayName })}</Text>}
        {intro && <Text>{intro}</Text>}
        {children}
      </Stack>
    </Container>
  );
}

/**
 * The FAQ's rule, when online changes have closed: "If your appointment is less than 2 hours away, you will need to
 * call your provider's office to cancel or reschedule", with the department's number.
 */
export function CallToChange({ department, hours }: { department: Department; hours: number | null }) {
  const { t } = useTranslation();
  return (
    <Box className="visit-call" role="note">
      <Stack gap={4}>
        <Text fw={600}>
          {hours === null ? t('visits.callToChange.general') : t('visits.callToChange.hours', { count: hours })}
        </Text>
        <Text>
          {t('visits.callToChange.call', { department: department.name })}{' '}
          <PhoneLink phone={department.phone} fw={700} />
        </Text>
      </Stack>
    </Box>
  );
}
