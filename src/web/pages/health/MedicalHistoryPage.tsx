import { useTranslation } from 'react-i18next';
import type { HistoryItem, MedicalHistory } from '../../../shared/records.ts';
import type { AboutItem } from '../../../shared/messaging.ts';
import { useMedicalHistory } from '../../api/records.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  EmptyList,
  HealthPageFrame,
  HealthSection,
  QueryBlock,
  RecordItem,
  useLongDate,
} from './health-parts.tsx';

const sections = [
  'medical',
  'surgical',
  'procedures',
  'family',
  'social',
] as const satisfies readonly (keyof MedicalHistory)[];

/** The record item a section's rows are, for "Ask for a correction" (family and social history are not offered). */
const correctable: Partial<Record<(typeof sections)[number], AboutItem['type']>> = {
  medical: 'Condition',
  surgical: 'Procedure',
  procedures: 'Procedure',
};

/**
 * Past medical history, surgical history (operations only), other procedures, family and social history of the record
 * in view, each newest first with its own empty state. Repeated items (a smoking status asked at every visit, a
 * routine procedure) show once, with their latest date and value.
 */
export function MedicalHistoryPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const history = useMedicalHistory(patientId ?? '');
  return (
    <HealthPageFrame title={t('health.history.title')} intro={t('health.history.intro')}>
      <QueryBlock query={history}>
        {(data) => (
          <>
            {sections.map((section) => (
              <HealthSection key={section} title={t(`health.history.${section}.title`)}>
                {data[section].length === 0 ? (
                  <EmptyList>{t(`health.history.${section}.empty`)}</EmptyList>
                ) : (
                  <ul className="record-list" aria-label={t(`health.history.${section}.title`)}>
                    {[...data[section]].sort(byDateDesc((i) => i.date)).map((item) => (
                      <HistoryRow
                        key={item.id}
                        item={item}
                        repeated={section !== 'social'}
                        type={correctable[section]}
                      />
                    ))}
                  </ul>
                )}
              </HealthSection>
            ))}
          </>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}

/** One history item; `repeated` says whether "latest, N times" is worth saying (a status is just "as of"). */
function HistoryRow({ item, repeated, type }: { item: HistoryItem; repeated: boolean; type?: AboutItem['type'] }) {
  const { t } = useTranslation();
  const longDate = useLongDate();
  const date = longDate(item.date);
  const resolved = longDate(item.resolvedDate);
  const facts = repeated
    ? [
        date && (item.count > 1 ? t('health.history.latestOn', { date }) : date),
        resolved && t('health.history.resolvedOn', { date: resolved }),
        item.detail,
        item.count > 1 && t('health.history.times', { count: item.count }),
      ]
    : [item.detail, date && t('health.history.asOf', { date })];
  return (
    <RecordItem
      title={item.name}
      facts={facts}
      amendments={item.amendments}
      item={type ? { type, id: item.id } : undefined}
    />
  );
}
