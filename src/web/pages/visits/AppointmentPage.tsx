import { Alert, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Appointment } from '../../../shared/appointments.ts';
import { calendarHref, useAppointment, useCancelAppointment, useSchedulingOptions } from '../../api/visits.ts';
import { PhoneLink } from '../../components/PhoneLink.tsx';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { Details, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';
import { RescheduleSection } from './RescheduleSection.tsx';
import { WaitListSection } from './WaitListSection.tsx';
import { useVisitTime } from './visit-time.ts';
import { CallToChange, VisitsFrame } from './visits-parts.tsx';

/**
 * One appointment: when, where and with whom, the department's address, phone and instructions, Add to calendar, and
 * "Check in online" when e-check-in is open (or when it opens), and only what the server allows next (Cancel after a confirmation, Reschedule, Get an earlier time). Within the notice
 * period the department's phone takes over; a cancelled appointment says so and offers nothing.
 */
export function AppointmentPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const { patientId } = useRecordInView();
  const appointment = useAppointment(patientId ?? '', appointmentId);
  return (
    <VisitsFrame title={t('visits.appointment.title')}>
      <QueryBlock query={appointment}>
        {(data) => <AppointmentBody key={data.id} appointment={data} patientId={patientId ?? ''} />}
      </QueryBlock>
    </VisitsFrame>
  );
}

function AppointmentBody({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const moved = (useLocation().state as { moved?: boolean } | null)?.moved === true;
  const cancelled = a.status === 'cancelled';
  return (
    <>
      {moved && !cancelled && (
        <Alert color="green" variant="light" role="status" title={t('visits.appointment.movedTitle')}>
          {t('visits.appointment.moved', { when: when.moment(a.start) })}
        </Alert>
      )}
      {!cancelled && <CheckInNote appointment={a} />}
      {!cancelled && a.actions.callToChange && <NoticePeriod appointment={a} patientId={patientId} />}
      {cancelled && (
        <Alert color="gray" variant="light" role="status" title={t('visits.appointment.cancelledTitle')}>
          {t('visits.appointment.cancelled')}
        </Alert>
      )}
      <HealthSection title={t('visits.appointment.details')}>
        <Details
          rows={[
            [t('visits.appointment.when'), when.moment(a.start)],
            [t('visits.appointment.with'), a.provider.name],
            [t('visits.appointment.type'), `${a.visitType.name} · ${t(`visits.modes.${a.visitType.mode}`)}`],
            [t('visits.appointment.reason'), a.reason ?? t('visits.appointment.noReason')],
            ...(a.checkedInAt
              ? [[t('visits.appointment.checkedIn'), when.moment(a.checkedInAt)] as [string, string]]
              : []),
          ]}
        />
      </HealthSection>
      <HealthSection title={a.department.name}>
        <Details
          rows={[
            [t('visits.appointment.address'), a.department.address ?? t('visits.appointment.noAddress')],
            [t('visits.appointment.phone'), <PhoneLink key="phone" phone={a.department.phone} />],
            ...(a.department.instructions
              ? [[t('visits.appointment.instructions'), a.department.instructions] as [string, string]]
              : []),
          ]}
        />
      </HealthSection>
      {!cancelled && <AppointmentActions appointment={a} patientId={patientId} />}
    </>
  );
}

/** Add to calendar and the changes the server allows. */
function AppointmentActions({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const { t } = useTranslation();
  const [rescheduling, setRescheduling] = useState(false);
  return (
    <>
      <Group gap="sm">
        <Button component="a" href={calendarHref(patientId, a.id)} download="appointment.ics" variant="default">
          {t('visits.appointment.addToCalendar')}
        </Button>
        {a.actions.canReschedule && !rescheduling && (
          <Button variant="default" onClick={() => setRescheduling(true)}>
            {t('visits.appointment.reschedule')}
          </Button>
        )}
        {a.actions.canCancel && <CancelButton appointment={a} patientId={patientId} />}
      </Group>
      {rescheduling && (
        <RescheduleSection appointment={a} patientId={patientId} onClose={() => setRescheduling(false)} />
      )}
      {(a.waitList || a.actions.canJoinWaitList) && <WaitListSection appointment={a} patientId={patientId} />}
    </>
  );
}

/**
 * E-check-in: "Check in online" when the server allows it, when it opens before then, and when it was done. The
 * opening is told only while it is ahead, as the server's actions say (not the browser's clock).
 */
function CheckInNote({ appointment: a }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  if (a.checkedInAt)
    return (
      <Alert color="green" variant="light" role="status" title={t('visits.appointment.checkedIn')}>
        {t('visits.appointment.checkedInOnline', { when: when.moment(a.checkedInAt) })}
      </Alert>
    );
  if (a.actions.canCheckIn)
    return (
      <Box className="visit-check-in">
        <Stack gap="sm" align="flex-start">
          <Text>{t('visits.appointment.checkInReady')}</Text>
          <Button component={Link} to={paths.visits.checkIn(a.id)} size="md">
            {t('visits.appointment.checkInOnline')}
          </Button>
        </Stack>
      </Box>
    );
  // Not open yet: the server would allow it otherwise, and before it opens the appointment can still be changed.
  if (a.actions.canCancel)
    return <Text>{t('visits.appointment.checkInOpens', { date: when.moment(a.checkInOpensAt) })}</Text>;
  return null;
}

/** Within the notice period: the FAQ's words with the organisation's hours, and the department's phone. */
function NoticePeriod({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const options = useSchedulingOptions(patientId);
  return <CallToChange department={a.department} hours={options.data?.rule.cancelNoticeHours ?? null} />;
}

/** Cancel, after a confirmation that says which appointment; a refusal (the notice period began) says why. */
function CancelButton({ appointment: a, patientId }: { appointment: Appointment; patientId: string }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const [open, setOpen] = useState(false);
  const cancel = useCancelAppointment(patientId, a.id);
  return (
    <>
      <Button color="red.9" variant="outline" onClick={() => setOpen(true)}>
        {t('visits.appointment.cancel')}
      </Button>
      <ConfirmModal
        opened={open}
        title={t('visits.cancel.title')}
        confirmLabel={t('visits.cancel.confirm')}
        keepLabel={t('visits.cancel.keep')}
        danger
        busy={cancel.isPending}
        onClose={() => setOpen(false)}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setOpen(false) })}
      >
        <Stack gap="xs">
          <Text>{t('visits.cancel.body', { when: when.moment(a.start), provider: a.provider.name })}</Text>
          {cancel.isError && (
            <Text role="alert" c="red.9" fw={600}>
              {describeError(cancel.error, t)}
            </Text>
          )}
          {a.waitList && <Text size="sm">{t('visits.cancel.waitListEnds')}</Text>}
        </Stack>
      </ConfirmModal>
    </>
  );
}
