import { Anchor, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { VisitDetail } from '../../../shared/appointments.ts';
import { useVisitDetail } from '../../api/visits.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { Details, EmptyList, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { VisitInstructionsTab } from './VisitInstructionsTab.tsx';
import { VisitNotes } from './VisitNotes.tsx';
import { useVisitTime } from './visit-time.ts';
import { VisitsFrame } from './visits-parts.tsx';

/**
 * A past visit: tabs Summary (why, diagnoses, procedures, medications, vitals, results linked to Test Results) and
 * Notes (released notes, or "Request this note"), and After-visit instructions. Mantine's tabs take arrow keys, Home
 * and End.
 */
export function VisitPage() {
  const { t } = useTranslation();
  const { encounterId = '' } = useParams();
  const { patientId } = useRecordInView();
  const visit = useVisitDetail(patientId ?? '', encounterId);
  const when = useVisitTime();
  const title = visit.data
    ? t('visits.past.rowTitle', { date: when.date(visit.data.start), kind: t(`visits.kinds.${visit.data.kind}`) })
    : t('visits.visit.title');
  return (
    <VisitsFrame title={title}>
      <QueryBlock query={visit}>{(data) => <VisitBody visit={data} patientId={patientId ?? ''} />}</QueryBlock>
    </VisitsFrame>
  );
}

function VisitBody({ visit: v, patientId }: { visit: VisitDetail; patientId: string }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const none = t('visits.visit.notRecorded');
  return (
    <Tabs defaultValue="summary" keepMounted={false}>
      <Tabs.List aria-label={t('visits.visit.tabs')}>
        <Tabs.Tab value="summary">{t('visits.visit.summary')}</Tabs.Tab>
        <Tabs.Tab value="notes">{t('visits.visit.notes', { count: v.notes.length })}</Tabs.Tab>
        <Tabs.Tab value="instructions">{t('visits.visit.instructions')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="summary" pt="lg">
        <Stack gap="lg">
          <HealthSection title={t('visits.visit.details')}>
            <Details
              rows={[
                [t('visits.visit.when'), v.end ? when.range(v.start, v.end) : when.moment(v.start)],
                [t('visits.visit.kind'), t(`visits.kinds.${v.kind}`)],
                [t('visits.visit.reason'), v.reason ?? none],
                [t('visits.visit.provider'), v.provider ?? none],
                [t('visits.visit.location'), v.location ?? none],
              ]}
            />
          </HealthSection>
          <LabelledList title={t('visits.visit.diagnoses')} empty={t('visits.visit.noDiagnoses')} items={v.diagnoses} />
          <LabelledList
            title={t('visits.visit.procedures')}
            empty={t('visits.visit.noProcedures')}
            items={v.procedures}
          />
          <LabelledList
            title={t('visits.visit.medications')}
            empty={t('visits.visit.noMedications')}
            items={v.medications}
          />
          <HealthSection title={t('visits.visit.vitals')}>
            {v.vitals.length === 0 ? (
              <EmptyList>{t('visits.visit.noVitals')}</EmptyList>
            ) : (
              <Details rows={v.vitals.map((s) => [s.name, s.value])} />
            )}
          </HealthSection>
          <HealthSection title={t('visits.visit.results')}>
            {v.results.length === 0 ? (
              <EmptyList>{t('visits.visit.noResults')}</EmptyList>
            ) : (
              <ul className="visit-plain-list">
                {v.results.map((r) => (
                  <li key={r.id}>
                    <Anchor component={Link} to={paths.health.result(r.id)}>
                      {r.name}
                    </Anchor>
                  </li>
                ))}
              </ul>
            )}
          </HealthSection>
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="notes" pt="lg">
        <VisitNotes visit={v} patientId={patientId} />
      </Tabs.Panel>
      <Tabs.Panel value="instructions" pt="lg">
        <VisitInstructionsTab visit={v} />
      </Tabs.Panel>
    </Tabs>
  );
}

function LabelledList({
  title,
  empty,
  items,
}: {
  title: string;
  empty: string;
  items: { id: string; text: string }[];
}) {
  return (
    <HealthSection title={title}>
      {items.length === 0 ? (
        <EmptyList>{empty}</EmptyList>
      ) : (
        <ul className="visit-plain-list">
          {items.map((i) => (
            <li key={i.id}>
              <Text className="break-anywhere">{i.text}</Text>
            </li>
          ))}
        </ul>
      )}
    </HealthSection>
  );
}
