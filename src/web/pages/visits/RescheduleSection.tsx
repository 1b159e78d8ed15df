import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Appointment } from '../../../shared/appointments.ts';
import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useRescheduleAppointment, visitsKeys } from '../../api/visits.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { paths } from '../../paths.ts';
import { HealthSection } from '../health/health-parts.tsx';
import { SlotPicker, type PickedSlot } from './SlotPicker.tsx';

interface RescheduleSectionProps {
  appointment: Appointment;
  patientId: string;
  onClose: () => void;
}

/**
 * Reschedule: the same slot picker with the provider and visit type fixed, then a confirmation of the new time. The
 * server moves the appointment in one transaction; the new appointment's page opens. A time someone else just took
 * says so and the times are asked again.
 */
export function RescheduleSection({ appointment: a, patientId, onClose }: RescheduleSectionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [key] = useState(newIdempotencyKey);
  const reschedule = useRescheduleAppointment(patientId, a.id);
  const taken = reschedule.error instanceof ApiError && reschedule.error.code === 'slot_taken';

  function handleConfirm() {
    if (!slot) return;
    reschedule.mutate(
      { start: slot.start, idempotencyKey: key },
      {
        onSuccess: (moved) => void navigate(paths.visits.appointment(moved.id), { state: { moved: true } }),
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'slot_taken') {
            setSlot(null);
            void queryClient.invalidateQueries({ queryKey: [...visitsKeys.all(patientId), 'slots'] });
          }
        },
      },
    );
  }

  return (
    <HealthSection title={t('visits.reschedule.heading')}>
      <Stack gap="md">
        <Text>{t('visits.reschedule.intro', { provider: a.provider.name, type: a.visitType.name })}</Text>
        {reschedule.isError && (
          <Alert role="alert" color="red" variant="light">
            {taken ? t('visits.slots.taken') : describeError(reschedule.error, t)}
          </Alert>
        )}
        <SlotPicker
          patientId={patientId}
          practitionerId={a.provider.id}
          visitTypeId={a.visitType.id}
          selected={slot?.start ?? null}
          onSelect={setSlot}
        />
        {slot && (
          <Text fw={600} role="status">
            {t('visits.reschedule.chosen', { when: slot.label })}
          </Text>
        )}
        <Group gap="sm">
          <Button onClick={handleConfirm} disabled={!slot} loading={reschedule.isPending}>
            {t('visits.reschedule.confirm')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('visits.reschedule.keep')}
          </Button>
        </Group>
      </Stack>
    </HealthSection>
  );
}
