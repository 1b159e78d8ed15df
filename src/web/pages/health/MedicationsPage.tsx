import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medication, MedicationList } from '../../../shared/records.ts';
import { useMedications } from '../../api/records.ts';
import { formatLongDay } from '../../format.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  EmptyList,
  FILTER_FROM,
  HealthPageFrame,
  HealthSection,
  ListFilter,
  matchesFilter,
  QueryBlock,
  RecordItem,
  useLongDate,
} from './health-parts.tsx';
import { RefillRequestForm } from './RefillRequestForm.tsx';

/**
 * Medications of the record in view, current and past, newest first, as a compact list: the name as prescribed, then
 * only what the record says (dates, prescriber, refills left, package size, how to take it), with each current
 * prescription's refill status and the way to ask for a refill.
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
  const shown = items.filter((m) => matchesFilter(filter, m.name, m.prescriber)).sort(byDateDesc((m) => m.startDate));
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
        <ul className="record-list" aria-label={title}>
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
  const longDate = useLongDate();
  const start = longDate(m.startDate);
  const end = longDate(m.endDate);
  const facts = [
    m.current
      ? start && t('health.medications.startedOn', { date: start })
      : start && end
        ? t('health.medications.fromTo', { start, end })
        : start && t('health.medications.startedOn', { date: start }),
    m.prescriber && t('health.medications.prescribedBy', { name: m.prescriber }),
    m.current && m.refillsLeft !== null && t('health.medications.refillsLeftCount', { count: m.refillsLeft }),
    m.packageSize && t('health.medications.packageSize', { size: m.packageSize }),
  ];
  return (
    <RecordItem title={m.name} facts={facts} amendments={m.amendments} item={{ type: 'MedicationRequest', id: m.id }}>
      <Stack gap="xs">
        {m.instructions && (
          <Text size="sm" className="break-anywhere">
            {t('health.medications.howToTake', { instructions: m.instructions })}
          </Text>
        )}
        {m.refill && <RefillStatus refill={m.refill} />}
        {m.current && m.canRequestRefill && patientId && !asking && (
          <Group>
            <Button
              variant="light"
              size="xs"
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
    </RecordItem>
  );
}

/** The latest refill request: requested on …, approved, or denied with the care team's reason. */
function RefillStatus({ refill }: { refill: NonNullable<Medication['refill']> }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const requested = formatLongDay(refill.requestedAt, i18n.language, timeZone);
  const decided = refill.decidedAt ? formatLongDay(refill.decidedAt, i18n.language, timeZone) : null;
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
