import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../shared/appointments.ts';
import { calendarHref } from '../../api/visits.ts';
import { paths } from '../../paths.ts';
import { useVisitTime } from './visit-time.ts';

/** The booking is made: when, with whom and where, Add to calendar, and the way to the appointment's page. */
export function BookedConfirmation({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  return (
    <Alert color="green" variant="light" role="status" title={t('visits.schedule.bookedHeading')}>
      <Stack gap="sm">
        <Text>
          {t('visits.schedule.booked', {
            when: when.moment(a.start),
            provider: a.provider.name,
            department: a.department.name,
          })}
        </Text>
        {a.department.instructions && <Text size="sm">{a.department.instructions}</Text>}
        <Group gap="sm">
          <Button component="a" href={calendarHref(patientId, a.id)} download="appointment.ics" variant="default">
            {t('visits.appointment.addToCalendar')}
          </Button>
          <Button component={Link} to={paths.visits.appointment(a.id)}>
            {t('visits.schedule.viewAppointment')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
