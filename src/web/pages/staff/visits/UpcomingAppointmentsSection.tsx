import { Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../../shared/appointments.ts';
import { ApiError } from '../../../api/client.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { ListState } from '../ListState.tsx';
import { formatDateTime } from '../format.ts';
import { useChangeAppointment, usePatientAppointments, useStaffSlots } from './visits-staff-api.ts';

/**
 * The patient's upcoming appointments for front desk and the care team: cancel one (after a confirmation) or move it
 * to another open time with the same provider and visit type. Staff may change an appointment within the 2-hour
 * notice period the patient may not; the patient is told in Lantern.
 */
export function UpcomingAppointmentsSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const list = usePatientAppointments(patientId);
  const change = useChangeAppointment(patientId);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section aria-labelledby="upcoming-heading">
      <Title order={2} size="h3" id="upcoming-heading" mb="xs">
        {t('upcoming.heading')}
      </Title>
      {done && (
        <Text role="status" fw={600} mb="xs">
          {done}
        </Text>
      )}
      {change.error && (
        <Text role="alert" c="red.8" mb="xs">
          {change.error instanceof ApiError ? change.error.message : t('upcoming.failed')}
        </Text>
      )}
      <ListState
        isPending={list.isPending}
        error={list.error}
        isEmpty={list.data?.length === 0}
        empty={t('upcoming.empty')}
        onRetry={() => void list.refetch()}
      >
        <List listStyleType="none" spacing="md">
          {(list.data ?? []).map((a) => (
            <List.Item key={a.id}>
              <Stack gap={4}>
                <Text fw={600}>{formatDateTime(a.start, timeZone)}</Text>
                <Text size="sm">{t('upcoming.with', { type: a.visitType.name, name: a.provider.name })}</Text>
                {a.reason && <Text size="sm">{a.reason}</Text>}
                <Group gap="xs">
                  {a.checkedInAt && (
                    <Badge color="green" variant="light">
                      {t('schedule.checkedInOnline')}
                    </Badge>
                  )}
                  <Button size="xs" variant="default" onClick={() => setMoving(moving?.id === a.id ? null : a)}>
                    {t('upcoming.move')}
                  </Button>
                  <Button size="xs" color="red.8" variant="outline" onClick={() => setCancelling(a)}>
                    {t('upcoming.cancel')}
                  </Button>
                </Group>
                {moving?.id === a.id && (
                  <MoveTimes
                    patientId={patientId}
                    appointment={a}
                    onPick={(start) =>
                      change.mutate(
                        { id: a.id, start, idempotencyKey: newIdempotencyKey() },
                        {
                          onSuccess: (moved) => {
                            setMoving(null);
                            setDone(t('upcoming.moved', { when: formatDateTime(moved.start, timeZone) }));
                          },
                        },
                      )
                    }
                  />
                )}
              </Stack>
            </List.Item>
          ))}
        </List>
      </ListState>
      <ConfirmDialog
        opened={cancelling !== null}
        title={t('upcoming.confirmTitle')}
        confirmLabel={t('upcoming.cancel')}
        onCancel={() => setCancelling(null)}
        onConfirm={() => {
          const a = cancelling!;
          setCancelling(null);
          change.mutate(
            { id: a.id },
            { onSuccess: () => setDone(t('upcoming.cancelled', { when: formatDateTime(a.start, timeZone) })) },
          );
        }}
      >
        <Text>
          {cancelling &&
            t('upcoming.confirmBody', {
              when: formatDateTime(cancelling.start, timeZone),
              name: cancelling.provider.name,
            })}
        </Text>
      </ConfirmDialog>
    </section>
  );
}

/** Open times for the same provider and visit type from today, to move an appointment to. */
function MoveTimes({
  patientId,
  appointment,
  onPick,
}: {
  patientId: string;
  appointment: Appointment;
  onPick: (start: string) => void;
}) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const slots = useStaffSlots(patientId, appointment.provider.id, appointment.visitType.id);
  const times = (slots.data?.days ?? []).flatMap((d) => d.slots).slice(0, 12);
  if (slots.isPending) return <Text size="sm">{t('book.loading')}</Text>;
  if (!times.length) return <Text size="sm">{t('book.none')}</Text>;
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('upcoming.moveTimes')}>
      {times.map((s) => (
        <Button key={s.start} size="xs" variant="light" onClick={() => onPick(s.start)}>
          {t('upcoming.moveTo', { when: formatDateTime(s.start, timeZone) })}
        </Button>
      ))}
    </Group>
  );
}
