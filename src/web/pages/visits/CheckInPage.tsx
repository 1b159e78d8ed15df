import { Alert, Button, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Appointment, CheckInForm as CheckInFormData } from '../../../shared/appointments.ts';
import { useAppointment, useCheckInForm } from '../../api/visits.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { QueryBlock } from '../health/health-parts.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { useVisitTime } from './visit-time.ts';
import { VisitsFrame } from './visits-parts.tsx';

/**
 * E-check-in for an appointment: contact details, medications, allergies, insurance and the visit type's questions on
 * one page, then "You're checked in". Before it opens the page says when it will, and once done, when it was; the
 * server decides both (`open`, `completedAt`, the appointment's actions), as the browser's clock may not agree with
 * the clinic's.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const { patientId } = useRecordInView();
  const appointment = useAppointment(patientId ?? '', appointmentId);
  const form = useCheckInForm(patientId ?? '', appointmentId);
  const [finished, setFinished] = useState<Appointment | null>(null);
  return (
    <VisitsFrame
      title={t('visits.checkIn.title')}
      back={{ to: paths.visits.appointment(appointmentId), label: t('visits.checkIn.backToAppointment') }}
    >
      {finished ? (
        <CheckedIn appointment={finished} />
      ) : (
        <QueryBlock query={appointment}>
          {(a) => (
            <QueryBlock query={form}>
              {(f) => <CheckInBody appointment={a} form={f} patientId={patientId ?? ''} onDone={setFinished} />}
            </QueryBlock>
          )}
        </QueryBlock>
      )}
    </VisitsFrame>
  );
}

interface CheckInBodyProps {
  appointment: Appointment;
  form: CheckInFormData;
  patientId: string;
  onDone: (appointment: Appointment) => void;
}

/** The form when check-in is open; otherwise when it opens, when it was done, or that it has closed. */
function CheckInBody({ appointment: a, form, patientId, onDone }: CheckInBodyProps) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const visit = t('visits.checkIn.visit', { when: when.moment(a.start), provider: a.provider.name });
  if (form.completedAt)
    return (
      <Closed title={t('visits.checkIn.doneTitle')} appointmentId={a.id} visit={visit}>
        {t('visits.checkIn.done', { date: when.moment(form.completedAt) })}
      </Closed>
    );
  if (!form.open || !a.actions.canCheckIn) {
    // Before it opens the appointment can still be changed online (the notice period is shorter than the opening);
    // otherwise the visit is near or past, or cancelled, and the front desk checks the patient in.
    const notYet = a.actions.canCancel;
    return (
      <Closed
        title={notYet ? t('visits.checkIn.notOpenTitle') : t('visits.checkIn.closedTitle')}
        appointmentId={a.id}
        visit={visit}
      >
        {notYet ? t('visits.checkIn.notOpen', { date: when.moment(form.opensAt) }) : t('visits.checkIn.closed')}
      </Closed>
    );
  }
  return (
    <>
      <Text fw={600}>{visit}</Text>
      <Text>{t('visits.checkIn.intro')}</Text>
      <CheckInForm form={form} patientId={patientId} onDone={onDone} />
    </>
  );
}

interface ClosedProps {
  title: string;
  appointmentId: string;
  visit: string;
  children: string;
}

/** No form: a message in words and the way back to the appointment. */
function Closed({ title, appointmentId, visit, children }: ClosedProps) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" role="status" title={title}>
      <Stack gap="sm" align="flex-start">
        <Text>{visit}</Text>
        <Text>{children}</Text>
        <Button component={Link} to={paths.visits.appointment(appointmentId)} variant="default">
          {t('visits.checkIn.back')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** After "Finish check-in": the appointment's time and the way back; focus moves there from the long form's end. */
function CheckedIn({ appointment: a }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const focusOnShow = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  return (
    <Alert
      ref={focusOnShow}
      tabIndex={-1}
      color="green"
      variant="light"
      role="status"
      title={t('visits.checkIn.doneHeading')}
    >
      <Stack gap="sm" align="flex-start">
        <Text>{t('visits.checkIn.doneBody', { when: when.moment(a.start), provider: a.provider.name })}</Text>
        <Button component={Link} to={paths.visits.appointment(a.id)} variant="default">
          {t('visits.checkIn.back')}
        </Button>
      </Stack>
    </Alert>
  );
}
