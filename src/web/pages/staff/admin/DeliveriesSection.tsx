import { Alert, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadLetter, DeliveryOverview } from '../../../../shared/notifications.ts';
import { ChangeNotice } from '../../../components/ChangeNotice.tsx';
import { describeError } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { formatDateTime } from '../format.ts';
import { ListState } from '../ListState.tsx';
import { useDeliveryOverview, useRetryDelivery } from '../staff-api.ts';

const statuses = ['pending', 'processing', 'done', 'dead'] as const;

/**
 * The outbox for admins: how many emails and texts wait, are being sent, were sent or failed; whether each channel
 * really sends or only writes to the log; and the failed deliveries (topic, tries, last error, dates — never the
 * message itself, which may name a patient or an address), each with a Retry behind a confirmation.
 */
export function DeliveriesSection() {
  const { t } = useTranslation('staff');
  const overview = useDeliveryOverview();
  return (
    <section aria-labelledby="deliveries-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="deliveries-heading">
          {t('deliveries.heading')}
        </Title>
        <Text size="sm">{t('deliveries.intro')}</Text>
        <ListState
          isPending={overview.isPending}
          error={overview.error}
          isEmpty={false}
          empty=""
          onRetry={() => void overview.refetch()}
        >
          {overview.data && <DeliveryDetails overview={overview.data} />}
        </ListState>
      </Stack>
    </section>
  );
}

function DeliveryDetails({ overview }: { overview: DeliveryOverview }) {
  const { t } = useTranslation('staff');
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('deliveries.countsHeading')}
          </Title>
          <dl className="detail-list">
            {statuses.map((s) => (
              <StatusCount key={s} label={t(`deliveries.counts.${s}`)} count={overview.counts[s]} />
            ))}
          </dl>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('deliveries.channelsHeading')}
          </Title>
          <dl className="detail-list">
            {(['email', 'sms'] as const).map((channel) => (
              <ChannelState
                key={channel}
                label={t(`deliveries.channels.${channel}`)}
                via={overview.channels[channel]}
              />
            ))}
          </dl>
        </div>
      </SimpleGrid>
      <DeadLetterList dead={overview.dead} />
    </Stack>
  );
}

function StatusCount({ label, count }: { label: string; count: number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{count}</dd>
    </>
  );
}

/** "Sent through an SMTP mail server", or plainly that it is only written to the log (nothing reaches patients). */
function ChannelState({ label, via }: { label: string; via: string }) {
  const { t } = useTranslation('staff');
  const logged = via === 'log';
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Badge color={logged ? 'yellow' : 'green'} variant="light" className="status-badge">
          {logged
            ? t('deliveries.channelLog')
            : t('deliveries.channelLive', { via: t(`deliveries.via.${via}`, { defaultValue: via }) })}
        </Badge>
      </dd>
    </>
  );
}

function DeadLetterList({ dead }: { dead: DeadLetter[] }) {
  const { t } = useTranslation('staff');
  const { t: tCommon } = useTranslation();
  const { timeZone } = usePortalConfig();
  const retry = useRetryDelivery();
  const [confirming, setConfirming] = useState<DeadLetter | null>(null);
  const [retried, setRetried] = useState(0);

  function handleConfirm() {
    const letter = confirming;
    setConfirming(null);
    if (letter) retry.mutate(letter.id, { onSuccess: () => setRetried((n) => n + 1) });
  }

  return (
    <Stack gap="sm">
      <Title order={3} size="h4" id="dead-letters-heading">
        {t('deliveries.deadHeading')}
      </Title>
      {retried > 0 && !retry.isError && <ChangeNotice key={retried}>{t('deliveries.retried')}</ChangeNotice>}
      {retry.isError && (
        <Alert role="alert" color="red" variant="light">
          {describeError(retry.error, tCommon)}
        </Alert>
      )}
      {dead.length === 0 ? (
        <Text role="status" c="dimmed">
          {t('deliveries.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer
          minWidth={720}
          type="native"
          tabIndex={0}
          role="region"
          aria-labelledby="dead-letters-heading"
        >
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('deliveries.topic')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.attempts')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.lastError')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.created')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.died')}</Table.Th>
                <Table.Th scope="col">{t('deliveries.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dead.map((letter) => {
                const topic = t(`deliveries.topics.${letter.topic}`, { defaultValue: letter.topic });
                const queued = formatDateTime(letter.createdAt, timeZone);
                return (
                  <Table.Tr key={letter.id}>
                    <Table.Th scope="row" fw={600}>
                      {topic}
                    </Table.Th>
                    <Table.Td>{letter.attempts}</Table.Td>
                    <Table.Td className="break-anywhere">{letter.lastError ?? t('deliveries.noError')}</Table.Td>
                    <Table.Td>{queued}</Table.Td>
                    <Table.Td>{letter.diedAt ? formatDateTime(letter.diedAt, timeZone) : '—'}</Table.Td>
                    <Table.Td>
                      <Group>
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('deliveries.retryLabel', { topic, when: queued })}
                          onClick={() => setConfirming(letter)}
                          loading={retry.isPending && retry.variables === letter.id}
                        >
                          {t('deliveries.retry')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={confirming !== null}
        title={t('deliveries.confirmTitle')}
        confirmLabel={t('deliveries.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(null)}
      >
        <Text>{t('deliveries.confirmBody')}</Text>
        <Text size="sm" c="dimmed">
          {t('deliveries.confirmNote')}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
