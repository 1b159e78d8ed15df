import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSlots } from '../../api/visits.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { addDays, useVisitTime } from './visit-time.ts';

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
  // The first week is the server's (its today, in the organisation's zone); the picker never goes before it.
  const [from, setFrom] = useState<string | null>(null);
  const [firstDay, setFirstDay] = useState<string | null>(null);
  const slots = useSlots(patientId, { practitionerId, visitTypeId, from });
  const when = useVisitTime(slots.data?.timeZone);
  const shownFrom = slots.data?.days[0]?.date ?? from;
  if (from === null && firstDay === null && shownFrom) setFirstDay(shownFrom);
  const days = slots.data?.days.filter((d) => d.slots.length > 0) ?? [];
  const canGoEarlier = Boolean(shownFrom && firstDay && shownFrom > firstDay);

  function handleEarlier() {
    if (!shownFrom || !firstDay) return;
    const earlier = addDays(shownFrom, -7);
    setFrom(earlier < firstDay ? firstDay : earlier);
  }

  return (
    <Stack gap="md">
      <Text fw={600} role="status" aria-live="polite">
        {shownFrom && t('visits.slots.week', { from: when.day(shownFrom), to: when.day(addDays(shownFrom, 6)) })}
      </Text>
      <Group justify="space-between" gap="sm">
        <Button variant="default" onClick={handleEarlier} disabled={!canGoEarlier}>
          {t('visits.slots.earlier')}
        </Button>
        <Button variant="default" onClick={() => shownFrom && setFrom(addDays(shownFrom, 7))} disabled={!shownFrom}>
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
