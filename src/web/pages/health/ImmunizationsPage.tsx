import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { immunizationPdfHref, useImmunizations } from '../../api/records.ts';
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

/**
 * Immunizations of the record in view, newest first (vaccine, date, dose), and the immunization record as a PDF
 * for schools and employers (a plain download link: the browser sends the session cookie).
 */
export function ImmunizationsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const immunizations = useImmunizations(patientId ?? '');
  const [filter, setFilter] = useState('');
  return (
    <HealthPageFrame title={t('health.immunizations.title')} intro={t('health.immunizations.intro')}>
      <QueryBlock query={immunizations}>
        {({ items }) => {
          const shown = items.filter((i) => matchesFilter(filter, i.vaccine)).sort(byDateDesc((i) => i.date));
          return (
            <>
              {patientId && (
                <Stack gap={4}>
                  <Group>
                    <Button
                      component="a"
                      href={immunizationPdfHref(patientId)}
                      download="immunization-record.pdf"
                      variant="light"
                    >
                      {t('health.immunizations.download')}
                    </Button>
                  </Group>
                  <Text size="sm">{t('health.immunizations.downloadHint')}</Text>
                </Stack>
              )}
              {items.length >= FILTER_FROM && (
                <ListFilter label={t('health.immunizations.filter')} value={filter} onChange={setFilter} />
              )}
              <HealthSection title={t('health.immunizations.listTitle')}>
                {items.length === 0 ? (
                  <EmptyList>{t('health.immunizations.empty')}</EmptyList>
                ) : shown.length === 0 ? (
                  <EmptyList>{t('health.noMatches', { filter: filter.trim() })}</EmptyList>
                ) : (
                  <ul className="activity-list" aria-label={t('health.immunizations.listTitle')}>
                    {shown.map((i) => (
                      <li key={i.id} className="activity-item">
                        <Stack gap="xs">
                          <Title order={3} size="h4" className="break-anywhere">
                            {i.vaccine}
                          </Title>
                          <Details
                            rows={[
                              [t('health.immunizations.date'), <RecordDate key="d" date={i.date} />],
                              [t('health.immunizations.dose'), i.dose ?? t('health.notRecorded')],
                            ]}
                            amendments={i.amendments}
                          />
                        </Stack>
                      </li>
                    ))}
                  </ul>
                )}
              </HealthSection>
            </>
          );
        }}
      </QueryBlock>
    </HealthPageFrame>
  );
}
