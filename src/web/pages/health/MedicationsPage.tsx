import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medication, MedicationList } from '../../../shared/records.ts';
import { useMedications } from '../../api/records.ts';
import { formatDay } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  Details,
  EmptyList,
  FILTER_FROM,
  HealthPageFrame,
  HealthSection,
  ListFilter,
  matchesFilter,
  QueryBlock,
  RecordDate,
} from './health-parts.tsx';
import { RefillRequestForm } from './RefillRequestForm.tsx';

/**
 * Medications of the record in view, current and past, newest first: name, dose, how to take it, prescriber, start
 * date and refills left, with each current prescription's refill status and the way to ask for a refill.
 */
export function MedicationsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const medications = useMedications(patientId ?? '');
  const [filter, setFilter] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  return (
    <HealthPageFrame title={t('health.medications.title')} intro={t('health.medications.intro')}>
      <QueryBlock query={medications}>
        {(list) => (
          <>
            {sent && (
              <Alert
                color="green"
                variant="light"
                role="status"
                withCloseButton
                onClose={() => setSent(null)}
                closeButtonLabel={t('common.close')}
              >
                {t('health.refill.sentNotice', { name: sent })}
              </Alert>
            )}
            {list.current.length + list.past.length >= FILTER_FROM && (
              <ListFilter label={t('health.medications.filter')} value={filter} onChange={setFilter} />
            )}
            <MedicationSection
              title={t('health.medications.current')}
              items={list.current}
              filter={filter}
              empty={t('health.medications.noCurrent')}
              all={list}
              onSent={setSent}
            />
            <MedicationSection
              title={t('health.medications.past')}
              items={list.past}
              filter={filter}
              empty={t('health.medications.noPast')}
              all={list}
              onSent={setSent}
            />
          </>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}

interface MedicationSectionProps {
  title: string;
  items: Medication[];
  filter: string;
  empty: string;
  all: MedicationList;
  onSent: (name: string) => void;
}

function MedicationSection({ title, items, filter, empty, all, onSent }: MedicationSectionProps) {
  const { t } = useTranslation();
  const shown = items
    .filter((m) => matchesFilter(filter, m.name, m.dose, m.prescriber))
    .sort(byDateDesc((m) => m.startDate));
  const lastPharmacy = [...all.current, ...all.past]
    .flatMap((m) => (m.refill ? [m.refill] : []))
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0]?.pharmacy;
  return (
    <HealthSection title={title}>
      {items.length === 0 ? (
        <EmptyList>{empty}</EmptyList>
      ) : shown.length === 0 ? (
        <EmptyList>{t('health.noMatches', { filter: filter.trim() })}</EmptyList>
      ) : (
        <ul className="activity-list" aria-label={title}>
          {shown.map((m) => (
            <MedicationItem key={m.id} medication={m} lastPharmacy={lastPharmacy ?? ''} onSent={onSent} />
          ))}
        </ul>
      )}
    </HealthSection>
  );
}

function MedicationItem({
  medication: m,
  lastPharmacy,
  onSent,
}: {
  medication: Medication;
  lastPharmacy: string;
  onSent: (name: string) => void;
}) {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const [asking, setAsking] = useState(false);
  const notRecorded = t('health.notRecorded');
  const rows: [string, React.ReactNode][] = [
    [t('health.medications.dose'), m.dose ?? notRecorded],
    [t('health.medications.instructions'), m.instructions ?? notRecorded],
    [t('health.medications.prescriber'), m.prescriber ?? notRecorded],
    [t('health.medications.started'), <RecordDate key="s" date={m.startDate} />],
  ];
  if (!m.current) rows.push([t('health.medications.ended'), <RecordDate key="e" date={m.endDate} />]);
  if (m.current)
    rows.push([t('health.medications.refillsLeft'), m.refillsLeft === null ? notRecorded : String(m.refillsLeft)]);
  return (
    <li className="activity-item">
      <Stack gap="xs">
        <Title order={3} size="h4" className="break-anywhere">
          {m.name}
        </Title>
        <Details rows={rows} amendments={m.amendments} />
        {m.refill && <RefillStatus refill={m.refill} />}
        {m.current && m.canRequestRefill && patientId && !asking && (
          <Group>
            <Button
              variant="light"
              onClick={() => setAsking(true)}
              aria-label={t('health.refill.requestFor', { name: m.name })}
            >
              {t('health.refill.request')}
            </Button>
          </Group>
        )}
        {asking && patientId && (
          <RefillRequestForm
            patientId={patientId}
            medication={m}
            lastPharmacy={lastPharmacy}
            onSent={() => {
              setAsking(false);
              onSent(m.name);
            }}
            onCancel={() => setAsking(false)}
          />
        )}
      </Stack>
    </li>
  );
}

/** The latest refill request: requested on …, approved, or denied with the care team's reason. */
function RefillStatus({ refill }: { refill: NonNullable<Medication['refill']> }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const requested = formatDay(refill.requestedAt, i18n.language, timeZone);
  const decided = refill.decidedAt ? formatDay(refill.decidedAt, i18n.language, timeZone) : null;
  const color = refill.status === 'approved' ? 'green' : refill.status === 'denied' ? 'red' : 'blue';
  return (
    <Stack gap={4} className="refill-status">
      <Group gap="xs" wrap="wrap">
        <Badge color={color} variant="light" className="status-badge">
          {t(`health.refill.status.${refill.status}`)}
        </Badge>
        <Text size="sm">
          {refill.status === 'requested' || !decided
            ? t('health.refill.requestedOn', { date: requested, pharmacy: refill.pharmacy })
            : t(`health.refill.decidedOn.${refill.status}`, { date: decided, pharmacy: refill.pharmacy })}
        </Text>
      </Group>
      {refill.status === 'denied' && refill.reason && (
        <Text size="sm" className="preserve-lines break-anywhere">
          {t('health.refill.reason', { reason: refill.reason })}
        </Text>
      )}
    </Stack>
  );
}
