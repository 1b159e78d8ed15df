import { Button, Checkbox, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emptyRange, type DayDraft, type TimeRange } from './schedule-draft.ts';
import { WEEK_ORDER, weekdayName } from './schedule-words.ts';

/** The provider's weekly hours: a row per weekday, closed or open with one or two ranges of time (the clinic's). */
export function WeeklyHoursFields({
  days,
  onChange,
  error,
}: {
  days: DayDraft[];
  onChange: (days: DayDraft[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('staff');
  const setDay = (weekday: number, day: DayDraft) => onChange(days.map((d, i) => (i === weekday ? day : d)));
  return (
    <Fieldset legend={t('schedules.hours')} variant="unstyled" className="plain-fieldset">
      <Stack gap="xs">
        <Text size="sm">{t('schedules.hoursHint')}</Text>
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        {WEEK_ORDER.map((weekday) => (
          <DayRow key={weekday} weekday={weekday} day={days[weekday]!} onChange={(day) => setDay(weekday, day)} />
        ))}
      </Stack>
    </Fieldset>
  );
}

function DayRow({ weekday, day, onChange }: { weekday: number; day: DayDraft; onChange: (day: DayDraft) => void }) {
  const { t } = useTranslation('staff');
  const name = weekdayName(weekday);
  const setRange = (index: number, patch: Partial<TimeRange>) =>
    onChange({ ...day, ranges: day.ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  return (
    <Fieldset legend={name} variant="unstyled" className="plain-fieldset schedule-day">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Checkbox
          label={t('schedules.open')}
          checked={day.open}
          onChange={(e) => onChange({ ...day, open: e.currentTarget.checked })}
          mb={8}
          style={{ minWidth: '5rem' }}
        />
        {day.open ? (
          day.ranges.map((range, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                type="time"
                step={300}
                label={i === 0 ? t('schedules.from') : t('schedules.from2')}
                value={range.start}
                onChange={(e) => setRange(i, { start: e.currentTarget.value })}
              />
              <TextInput
                type="time"
                step={300}
                label={i === 0 ? t('schedules.to') : t('schedules.to2')}
                value={range.end}
                onChange={(e) => setRange(i, { end: e.currentTarget.value })}
              />
            </Group>
          ))
        ) : (
          <Text size="sm" mb={8}>
            {t('schedules.closed')}
          </Text>
        )}
        {day.open && day.ranges.length < 2 && (
          <Button variant="subtle" onClick={() => onChange({ ...day, ranges: [...day.ranges, emptyRange()] })}>
            {t('schedules.addRange', { day: name })}
          </Button>
        )}
        {day.open && day.ranges.length === 2 && (
          <Button variant="subtle" onClick={() => onChange({ ...day, ranges: day.ranges.slice(0, 1) })}>
            {t('schedules.removeRange', { day: name })}
          </Button>
        )}
      </Group>
    </Fieldset>
  );
}
