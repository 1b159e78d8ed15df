import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSlots } from '../../api/visits.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { addDays, todayIn, useVisitTime } from './visit-time.ts';

/** An open time as the picker hands it on, with the words it was shown in. */
export interface PickedSlot {
  start: string;
  end: string;
  label: string;
}

interface SlotPickerProps {
  patientId: string;
  practitionerId: string;
  visitTypeId: string;
  selected: string | null;
  onSelect: (slot: PickedSlot) => void;
}

/**
 * A week of open times, by day, as buttons (the chosen one pressed), in the zone the server names. Earlier week and
 * Later week move by seven days (never before today); a week with no open time says when the next one is and goes
 * there on request.
 */
export function SlotPicker({ patientId, practitionerId, visitTypeId, selected, onSelect }: SlotPickerProps) {
  const { t } = useTranslation();
  const { timeZone } = usePortalConfig();
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(today);
  const slots = useSlots(patientId, { practitionerId, visitTypeId, from });
  const when = useVisitTime(slots.data?.timeZone);
  const days = slots.data?.days.filter((d) => d.slots.length > 0) ?? [];
  const last = addDays(from, 6);

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Button
          variant="default"
          onClick={() => setFrom(addDays(from, -7) < today ? today : addDays(from, -7))}
          disabled={from <= today}
        >
          {t('visits.slots.earlier')}
        </Button>
        <Text fw={600} role="status" aria-live="polite">
          {t('visits.slots.week', { from: when.day(from), to: when.day(last) })}
        </Text>
        <Button variant="default" onClick={() => setFrom(addDays(from, 7))}>
          {t('visits.slots.later')}
        </Button>
      </Group>
      {slots.isPending ? (
        <PageLoading />
      ) : slots.isError ? (
        <LoadErrorAlert error={slots.error} onRetry={() => void slots.refetch()} retrying={slots.isFetching} />
      ) : days.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text role="status">{t('visits.slots.none')}</Text>
          {slots.data.nextAvailable && (
            <Button variant="light" onClick={() => setFrom(slots.data.nextAvailable!)}>
              {t('visits.slots.nextAvailable', { day: when.day(slots.data.nextAvailable) })}
            </Button>
          )}
        </Stack>
      ) : (
        days.map((d) => (
          <Stack key={d.date} gap={6} component="section" aria-label={when.day(d.date)}>
            <Title order={3} size="h5">
              {when.day(d.date)}
            </Title>
            <Group gap="xs">
              {d.slots.map((s) => (
                <Button
                  key={s.start}
                  size="sm"
                  variant={selected === s.start ? 'filled' : 'default'}
                  aria-pressed={selected === s.start}
                  aria-label={when.moment(s.start)}
                  onClick={() => onSelect({ ...s, label: when.moment(s.start) })}
                >
                  {when.time(s.start)}
                </Button>
              ))}
            </Group>
          </Stack>
        ))
      )}
    </Stack>
  );
}
