import { Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/appointments.ts';
import { useJoinWaitList, useLeaveWaitList, type WaitListInput } from '../../api/visits.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { HealthSection } from '../health/health-parts.tsx';

/** Monday first, as a week reads; the numbers are JavaScript's (0 Sunday … 6 Saturday), as the server takes them. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const DAY_PARTS = ['any', 'morning', 'afternoon'] as const;

/**
 * "Get an earlier time": the days and times that suit (none checked: any day), then join. On the wait list it says
 * so, with what was asked for, and offers Leave. An offer, when one comes, shows on Appointments and Visits.
 */
export function WaitListSection({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const { t } = useTranslation();
  return (
    <HealthSection title={t('visits.waitList.heading')}>
      {a.waitList ? (
        <OnWaitList
          entryId={a.waitList.id}
          weekdays={a.waitList.weekdays}
          dayPart={a.waitList.dayPart}
          patientId={patientId}
        />
      ) : (
        <JoinForm appointmentId={a.id} patientId={patientId} />
      )}
    </HealthSection>
  );
}

function OnWaitList({ entryId, weekdays, dayPart, patientId }: { entryId: string; patientId: string } & WaitListInput) {
  const { t } = useTranslation();
  const leave = useLeaveWaitList(patientId);
  const days = weekdays?.length
    ? weekdays.map((d) => t(`visits.weekdays.${d}`)).join(', ')
    : t('visits.waitList.anyDay');
  return (
    <Stack gap="sm" align="flex-start">
      <Text fw={600} role="status">
        {t('visits.waitList.on')}
      </Text>
      <Text size="sm">{t('visits.waitList.onDetails', { days, part: t(`visits.waitList.parts.${dayPart}`) })}</Text>
      {leave.isError && (
        <Text role="alert" c="red.9">
          {describeError(leave.error, t)}
        </Text>
      )}
      <Button variant="default" onClick={() => leave.mutate(entryId)} loading={leave.isPending}>
        {t('visits.waitList.leave')}
      </Button>
    </Stack>
  );
}

function JoinForm({ appointmentId, patientId }: { appointmentId: string; patientId: string }) {
  const { t } = useTranslation();
  const join = useJoinWaitList(patientId, appointmentId);
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [dayPart, setDayPart] = useState<WaitListInput['dayPart']>('any');

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    join.mutate({ weekdays: weekdays.length ? weekdays.map(Number) : null, dayPart });
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <Text>{t('visits.waitList.intro')}</Text>
        <Checkbox.Group
          label={t('visits.waitList.days')}
          description={t('visits.waitList.daysHint')}
          value={weekdays}
          onChange={setWeekdays}
        >
          <Group gap="md" mt="xs">
            {WEEKDAYS.map((d) => (
              <Checkbox key={d} value={String(d)} label={t(`visits.weekdays.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Radio.Group
          label={t('visits.waitList.part')}
          value={dayPart}
          onChange={(v) => setDayPart(v as WaitListInput['dayPart'])}
        >
          <Group gap="md" mt="xs">
            {DAY_PARTS.map((p) => (
              <Radio key={p} value={p} label={t(`visits.waitList.parts.${p}`)} />
            ))}
          </Group>
        </Radio.Group>
        {join.isError && (
          <Text role="alert" c="red.9">
            {describeError(join.error, t)}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={join.isPending}>
            {t('visits.waitList.join')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
