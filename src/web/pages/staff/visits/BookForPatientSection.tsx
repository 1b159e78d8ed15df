import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { ApiError } from '../../../api/client.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { formatDateTime } from '../format.ts';
import { useScheduleProviders, useStaffBook, useStaffSlots } from './visits-staff-api.ts';

/**
 * Booking for a patient (front desk, clinicians, nurses): provider, visit type (staff-only types too), a week's open
 * times; the patient is told an appointment was booked. The FAQ's first-visit rule is the patient's, not staff's.
 */
export function BookForPatientSection({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const providers = useScheduleProviders();
  const [practitionerId, setPractitionerId] = useState('');
  const [visitTypeId, setVisitTypeId] = useState('');
  const [from, setFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const slots = useStaffSlots(view.patient.id, practitionerId, visitTypeId, from);
  const book = useStaffBook(view.patient.id);
  const [done, setDone] = useState<string | null>(null);
  const provider = providers.data?.find((p) => p.id === practitionerId);
  const time = useMemo(
    () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }),
    [timeZone],
  );
  const day = (date: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(
      new Date(`${date}T12:00:00Z`),
    );

  function handleBook(start: string) {
    setDone(null);
    book.mutate(
      { practitionerId, visitTypeId, start, idempotencyKey: key, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: (a) => {
          setDone(t('book.booked', { when: formatDateTime(a.start, timeZone), name: a.provider.name }));
          setKey(newIdempotencyKey());
        },
      },
    );
  }

  return (
    <section aria-labelledby="book-heading">
      <Title order={2} size="h3" id="book-heading" mb="xs">
        {t('book.heading')}
      </Title>
      <Stack gap="sm">
        {done && (
          <Text role="status" fw={600}>
            {done}
          </Text>
        )}
        {book.error && (
          <Text role="alert" c="red.8">
            {book.error instanceof ApiError ? book.error.message : t('book.failed')}
          </Text>
        )}
        <Group gap="md" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('book.provider')}
            value={practitionerId}
            onChange={(e) => {
              setPractitionerId(e.currentTarget.value);
              setVisitTypeId('');
            }}
            data={[
              { value: '', label: t('book.providerPlaceholder') },
              ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <NativeSelect
            label={t('book.visitType')}
            value={visitTypeId}
            disabled={!provider}
            onChange={(e) => setVisitTypeId(e.currentTarget.value)}
            data={[
              { value: '', label: t('book.visitTypePlaceholder') },
              ...(provider?.visitTypes ?? []).map((v) => ({ value: v.id, label: t('book.typeLabel', v) })),
            ]}
          />
          <TextInput type="date" label={t('book.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </Group>
        <TextInput
          label={t('book.reason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {slots.isPending && visitTypeId ? <Text>{t('book.loading')}</Text> : null}
        {slots.data && (
          <Stack gap="xs">
            {slots.data.days.every((d) => d.slots.length === 0) && (
              <Text>
                {slots.data.nextAvailable
                  ? t('book.noneUntil', { date: day(slots.data.nextAvailable) })
                  : t('book.none')}
              </Text>
            )}
            {slots.data.days
              .filter((d) => d.slots.length > 0)
              .map((d) => (
                <div key={d.date}>
                  <Text fw={600}>{day(d.date)}</Text>
                  <Group gap="xs" wrap="wrap">
                    {d.slots.map((s) => (
                      <Button
                        key={s.start}
                        size="xs"
                        variant="default"
                        loading={book.isPending}
                        onClick={() => handleBook(s.start)}
                      >
                        {t('book.at', { time: time.format(new Date(s.start)) })}
                      </Button>
                    ))}
                  </Group>
                </div>
              ))}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
