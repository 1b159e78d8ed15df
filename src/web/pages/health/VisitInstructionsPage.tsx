import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitInstructions } from '../../../shared/records.ts';
import { useVisitInstructions } from '../../api/records.ts';
import { formatCalendarDate } from '../../format.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { byDateDesc, EmptyList, HealthPageFrame, HealthSection, QueryBlock, RecordDate } from './health-parts.tsx';

/**
 * Discharge instructions and after-visit summaries, per visit, newest visit first: care plans from the record
 * system and instructions staff added (with who added them).
 */
export function VisitInstructionsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const instructions = useVisitInstructions(patientId ?? '');
  return (
    <HealthPageFrame title={t('health.visits.title')} intro={t('health.visits.intro')}>
      <QueryBlock query={instructions}>
        {({ visits }) =>
          visits.length === 0 ? (
            <HealthSection title={t('health.visits.listTitle')}>
              <EmptyList>{t('health.visits.empty')}</EmptyList>
            </HealthSection>
          ) : (
            [...visits]
              .sort(byDateDesc((v) => v.visitDate))
              .map((visit) => <VisitSection key={visit.encounterId} visit={visit} />)
          )
        }
      </QueryBlock>
    </HealthPageFrame>
  );
}

function VisitSection({ visit }: { visit: VisitInstructions }) {
  const { t, i18n } = useTranslation();
  const type = visit.visitType ?? t('health.visits.visit');
  const title = visit.visitDate
    ? t('health.visits.visitTitle', { type, date: formatCalendarDate(visit.visitDate, i18n.language) })
    : type;
  return (
    <HealthSection title={title}>
      <Stack gap="sm">
        {visit.items.length === 0 ? (
          <EmptyList>{t('health.visits.noItems')}</EmptyList>
        ) : (
          <ul className="activity-list" aria-label={t('health.visits.itemsLabel')}>
            {visit.items.map((item) => (
              <li key={item.id} className="activity-item">
                <Stack gap={6}>
                  <Title order={3} size="h5" className="break-anywhere">
                    {item.title}
                  </Title>
                  {item.text && <Text className="preserve-lines break-anywhere">{item.text}</Text>}
                  {item.activities.length > 0 && (
                    <List size="sm" spacing={2} aria-label={t('health.visits.activities', { title: item.title })}>
                      {item.activities.map((a, i) => (
                        <List.Item key={i}>{a}</List.Item>
                      ))}
                    </List>
                  )}
                  {item.source === 'staff' && (
                    <Text size="sm" c="dimmed">
                      {item.author
                        ? t('health.visits.addedBy', { author: item.author })
                        : t('health.visits.addedByStaff')}
                      {item.date && (
                        <>
                          {' · '}
                          <RecordDate date={item.date} />
                        </>
                      )}
                    </Text>
                  )}
                </Stack>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </HealthSection>
  );
}
