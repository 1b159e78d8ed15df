import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryItem, MedicalHistory } from '../../../shared/records.ts';
import { useMedicalHistory } from '../../api/records.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { byDateDesc, EmptyList, HealthPageFrame, HealthSection, QueryBlock, RecordDate } from './health-parts.tsx';
import { ItemAmendments } from './ItemAmendments.tsx';

const sections = ['medical', 'surgical', 'family', 'social'] as const satisfies readonly (keyof MedicalHistory)[];

/** Past medical, surgical, family and social history of the record in view, each newest first with its own empty state. */
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
                  <ul className="activity-list" aria-label={t(`health.history.${section}.title`)}>
                    {[...data[section]].sort(byDateDesc((i) => i.date)).map((item) => (
                      <HistoryRow key={item.id} item={item} />
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

function HistoryRow({ item }: { item: HistoryItem }) {
  return (
    <li className="activity-item">
      <Text fw={600} className="break-anywhere">
        {item.name}
      </Text>
      <Text size="sm" c="dimmed">
        <RecordDate date={item.date} />
        {item.detail && ` · ${item.detail}`}
      </Text>
      <ItemAmendments amendments={item.amendments} />
    </li>
  );
}
