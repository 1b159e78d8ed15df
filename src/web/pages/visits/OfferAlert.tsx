import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WaitListOffer } from '../../../shared/appointments.ts';
import { ApiError } from '../../api/client.ts';
import { useAcceptOffer, useDeclineOffer } from '../../api/visits.ts';
import { describeError } from '../../hooks/use-form-feedback.ts';
import { useVisitTime } from './visit-time.ts';

interface OfferAlertProps {
  offer: WaitListOffer;
  patientId: string;
  /** A view-only proxy sees the offer but cannot take it. */
  canAccept: boolean;
}

/**
 * "An earlier time is available": the wait list's offer, held for the patient until it expires. Accept moves the
 * appointment; No thanks passes it on. An offer that has gone meanwhile says so: the appointment has not changed.
 */
export function OfferAlert({ offer, patientId, canAccept }: OfferAlertProps) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const accept = useAcceptOffer(patientId);
  const decline = useDeclineOffer(patientId);
  const failed = accept.error ?? decline.error;
  const gone = failed instanceof ApiError && failed.code === 'offer_gone';
  return (
    <Alert
      color="blue"
      variant="light"
      title={t('visits.offer.title')}
      role="region"
      aria-label={t('visits.offer.title')}
    >
      <Stack gap="sm">
        <Text>
          {t('visits.offer.body', {
            when: when.moment(offer.start),
            provider: offer.providerName,
            until: when.moment(offer.expiresAt),
          })}
        </Text>
        {failed && (
          <Text role="alert" c="red.9" fw={600}>
            {gone ? t('visits.offer.gone') : describeError(failed, t)}
          </Text>
        )}
        {canAccept && !gone && (
          <Group gap="sm">
            <Button onClick={() => accept.mutate(offer.id)} loading={accept.isPending} disabled={decline.isPending}>
              {t('visits.offer.accept')}
            </Button>
            <Button
              variant="default"
              onClick={() => decline.mutate(offer.id)}
              loading={decline.isPending}
              disabled={accept.isPending}
            >
              {t('visits.offer.decline')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
