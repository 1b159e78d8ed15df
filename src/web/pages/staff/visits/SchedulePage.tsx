import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { staffPaths } from '../staff-paths.ts';
import { useDaySchedule, useScheduleProviders } from './visits-staff-api.ts';
import { todayInZone } from '../format.ts';

/**
 * A provider's day (front desk, clinicians, nurses): each appointment's time, patient, visit type and reason, and
 * whether the patient checked in online. Times are the organisation's.
 */
export function SchedulePage() {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const providers = useScheduleProviders();
  const [chosen, setPractitionerId] = useState('');
  const practitionerId = chosen || providers.data?.[0]?.id || '';
  const [date, setDate] = useState(() => todayInZone(timeZone));
  const day = useDaySchedule(practitionerId, date);
  const time = (iso: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

  return (
    <StaffFrame title={t('schedule.title')}>
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('schedule.provider')}
            value={practitionerId}
            onChange={(e) => setPractitionerId(e.currentTarget.value)}
            data={(providers.data ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.department.name}` }))}
          />
          <TextInput
            type="date"
            label={t('schedule.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
        </Group>
        <ListState
          isPending={providers.isPending || (practitionerId !== '' && day.isPending)}
          error={providers.error ?? day.error}
          isEmpty={providers.data?.length === 0 || day.data?.appointments.length === 0}
          empty={providers.data?.length === 0 ? t('schedule.noProviders') : t('schedule.empty')}
          onRetry={() => void (providers.error ? providers.refetch() : day.refetch())}
        >
          {day.data && (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Caption>{t('schedule.caption', { name: day.data.provider.name })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('schedule.time')}</Table.Th>
                    <Table.Th scope="col">{t('schedule.patient')}</Table.Th>
                    <Table.Th scope="col">{t('schedule.visitType')}</Table.Th>
                    <Table.Th scope="col">{t('schedule.reason')}</Table.Th>
                    <Table.Th scope="col">{t('schedule.checkIn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {day.data.appointments.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{`${time(a.start)}–${time(a.end)}`}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={staffPaths.patient(a.patient.id)}>
                          {a.patient.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{a.visitType}</Table.Td>
                      <Table.Td>{a.reason ?? '—'}</Table.Td>
                      <Table.Td>
                        {a.checkedInOnline ? (
                          <Badge color="green" variant="light">
                            {t('schedule.checkedInOnline')}
                          </Badge>
                        ) : (
                          <Text size="sm">{t('schedule.notCheckedIn')}</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </ListState>
      </Stack>
    </StaffFrame>
  );
}
