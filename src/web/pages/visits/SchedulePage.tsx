import { Alert, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, SchedulingProvider, VisitType } from '../../../shared/appointments.ts';
import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useBookAppointment, useSchedulingOptions, visitsKeys } from '../../api/visits.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { BookedConfirmation } from './BookedConfirmation.tsx';
import { NoSelfScheduling } from './NoSelfScheduling.tsx';
import { SlotPicker, type PickedSlot } from './SlotPicker.tsx';
import { VisitsFrame } from './visits-parts.tsx';

/**
 * Schedule an appointment: 1 a provider the patient may book with, 2 a visit type (length, video or in person, the
 * self-pay estimate), 3 a day and time, an optional reason, confirm → the confirmation with Add to calendar. With no
 * provider to book with, the FAQ's first-visit rule and "Request an appointment".
 */
export function SchedulePage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const options = useSchedulingOptions(patientId ?? '');
  const [booked, setBooked] = useState<Appointment | null>(null);
  return (
    <VisitsFrame title={booked ? t('visits.schedule.bookedTitle') : t('visits.schedule.title')}>
      {booked ? (
        <BookedConfirmation appointment={booked} patientId={patientId ?? ''} />
      ) : (
        <QueryBlock query={options}>
          {(data) =>
            data.providers.length === 0 ? (
              <NoSelfScheduling firstVisitRequired={data.rule.firstVisitRequired} />
            ) : (
              <ScheduleSteps providers={data.providers} patientId={patientId ?? ''} onBooked={setBooked} />
            )
          }
        </QueryBlock>
      )}
    </VisitsFrame>
  );
}

interface StepsProps {
  providers: SchedulingProvider[];
  patientId: string;
  onBooked: (appointment: Appointment) => void;
}

function ScheduleSteps({ providers, patientId, onBooked }: StepsProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [providerId, setProviderId] = useState(providers.length === 1 ? providers[0]!.id : '');
  const [typeId, setTypeId] = useState('');
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const book = useBookAppointment(patientId);
  const provider = providers.find((p) => p.id === providerId);
  const type = provider?.visitTypes.find((v) => v.id === typeId);
  const taken = book.error instanceof ApiError && book.error.code === 'slot_taken';
  const reasonError =
    book.error instanceof ApiError && book.error.field?.endsWith('reason') ? book.error.message : null;
  // The tenant configuration names no currency; the demo organisation's estimates are in US dollars.
  const price = (cents: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(cents / 100);

  function handleConfirm() {
    if (!provider || !type || !slot) return;
    book.mutate(
      {
        practitionerId: provider.id,
        visitTypeId: type.id,
        start: slot.start,
        reason: reason.trim() || undefined,
        idempotencyKey: key,
      },
      {
        onSuccess: onBooked,
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'slot_taken') {
            setSlot(null);
            setKey(newIdempotencyKey());
            void queryClient.invalidateQueries({ queryKey: [...visitsKeys.all(patientId), 'slots'] });
          }
        },
      },
    );
  }

  const describeType = (v: VisitType) =>
    [t('visits.schedule.minutes', { count: v.minutes }), t(`visits.modes.${v.mode}`)]
      .concat(v.priceCents !== null ? [t('visits.schedule.price', { price: price(v.priceCents) })] : [])
      .join(' · ');

  return (
    <Stack gap="lg">
      <HealthSection title={t('visits.schedule.step1')}>
        <Radio.Group
          label={t('visits.schedule.provider')}
          value={providerId}
          onChange={(v) => {
            setProviderId(v);
            setTypeId('');
            setSlot(null);
          }}
        >
          <Stack gap="xs" mt="xs">
            {providers.map((p) => (
              <Radio key={p.id} value={p.id} label={p.name} description={p.department.name} />
            ))}
          </Stack>
        </Radio.Group>
      </HealthSection>
      {provider && (
        <HealthSection title={t('visits.schedule.step2')}>
          <Radio.Group
            label={t('visits.schedule.visitType')}
            value={typeId}
            onChange={(v) => {
              setTypeId(v);
              setSlot(null);
            }}
          >
            <Stack gap="xs" mt="xs">
              {provider.visitTypes.map((v) => (
                <Radio key={v.id} value={v.id} label={v.name} description={describeType(v)} />
              ))}
            </Stack>
          </Radio.Group>
        </HealthSection>
      )}
      {provider && type && (
        <HealthSection title={t('visits.schedule.step3')}>
          <Stack gap="md">
            {taken && (
              <Alert role="alert" color="red" variant="light">
                {t('visits.slots.taken')}
              </Alert>
            )}
            <SlotPicker
              key={`${provider.id}/${type.id}`}
              patientId={patientId}
              practitionerId={provider.id}
              visitTypeId={type.id}
              selected={slot?.start ?? null}
              onSelect={setSlot}
            />
          </Stack>
        </HealthSection>
      )}
      {provider && type && slot && (
        <HealthSection title={t('visits.schedule.step4')}>
          <Stack gap="md">
            <Text fw={600}>
              {t('visits.schedule.summary', { type: type.name, provider: provider.name, when: slot.label })}
            </Text>
            <Textarea
              label={t('visits.schedule.reason')}
              description={t('visits.schedule.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
              error={reasonError}
            />
            {book.isError && !taken && !reasonError && (
              <Alert role="alert" color="red" variant="light">
                {describeError(book.error, t)}
              </Alert>
            )}
            <Group>
              <Button onClick={handleConfirm} loading={book.isPending}>
                {t('visits.schedule.confirm')}
              </Button>
            </Group>
          </Stack>
        </HealthSection>
      )}
    </Stack>
  );
}
