import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { DetailItem } from '../DetailItem.tsx';
import { formatDateTime } from '../format.ts';
import { staffPaths } from '../staff-paths.ts';
import { useScheduleProviders } from '../visits/visits-staff-api.ts';

interface AppointmentRequestDetails {
  practitionerId: string | null;
  reason: string;
  preferred: string | null;
}

function requestDetails(item: WorkItem): AppointmentRequestDetails {
  const d = item.details as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return { practitionerId: text(d.practitionerId), reason: text(d.reason) ?? '', preferred: text(d.preferred) };
}

/**
 * A patient's "Request an appointment" for the front desk: what the visit is for, the days and times they prefer,
 * the provider asked for (or any), and the way to book it from the patient's page. Booking there tells the patient;
 * the item is then closed with "Appointment booked" (or "Arranged by phone") by the usual close action below.
 */
export function AppointmentRequestPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const d = requestDetails(item);
  const providers = useScheduleProviders();
  const provider = d.practitionerId
    ? (providers.data?.find((p) => p.id === d.practitionerId)?.name ??
      (providers.isPending ? t('list.loading') : t('appointmentRequest.providerUnknown')))
    : t('appointmentRequest.anyProvider');
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('appointmentRequest.heading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
          <DetailItem label={t('appointmentRequest.reason')} value={d.reason} />
          <DetailItem
            label={t('appointmentRequest.preferred')}
            value={d.preferred ?? t('appointmentRequest.noPreference')}
          />
          <DetailItem label={t('appointmentRequest.provider')} value={provider} />
          <DetailItem label={t('appointmentRequest.requestedAt')} value={formatDateTime(item.createdAt, timeZone)} />
        </SimpleGrid>
        {item.status !== 'closed' && (
          <>
            <Text size="sm">{t('appointmentRequest.howTo')}</Text>
            {item.patient && (
              <Anchor component={Link} to={staffPaths.patient(item.patient.id)} fw={600}>
                {t('appointmentRequest.book')}
              </Anchor>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
