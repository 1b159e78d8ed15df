import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { immunizationPdfHref, useImmunizations } from '../../api/records.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
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

/**
 * Immunizations of the record in view grouped by vaccine (A–Z), each with the dates of its doses, newest first, and
 * the immunization record as a PDF for schools and employers (a plain download link: the browser sends the session
 * cookie).
 */
export function ImmunizationsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const immunizations = useImmunizations(patientId ?? '');
  const [filter, setFilter] = useState('');
  const longDate = useLongDate();
  return (
    <HealthPageFrame title={t('health.immunizations.title')} intro={t('health.immunizations.intro')}>
      <QueryBlock query={immunizations}>
        {({ vaccines }) => {
          const shown = vaccines.filter((v) => matchesFilter(filter, v.vaccine));
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
              {vaccines.length >= FILTER_FROM && (
                <ListFilter label={t('health.immunizations.filter')} value={filter} onChange={setFilter} />
              )}
              <HealthSection title={t('health.immunizations.listTitle')}>
                {vaccines.length === 0 ? (
                  <EmptyList>{t('health.immunizations.empty')}</EmptyList>
                ) : shown.length === 0 ? (
                  <EmptyList>{t('health.noMatches', { filter: filter.trim() })}</EmptyList>
                ) : (
                  <ul className="record-list" aria-label={t('health.immunizations.listTitle')}>
                    {shown.map((v) => {
                      const dates = v.doses
                        .map((d) => longDate(d.date))
                        .filter((d): d is string => d !== null)
                        .reverse();
                      return (
                        <RecordItem
                          key={v.vaccine}
                          title={v.vaccine}
                          amendments={v.doses.flatMap((d) => d.amendments ?? [])}
                        >
                          <Text size="sm" className="break-anywhere">
                            {dates.length > 0
                              ? t('health.immunizations.dosesOn', { count: v.doses.length, dates: dates.join('; ') })
                              : t('health.immunizations.doses', { count: v.doses.length })}
                          </Text>
                        </RecordItem>
                      );
                    })}
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
