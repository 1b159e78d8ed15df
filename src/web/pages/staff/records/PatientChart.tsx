import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Chart } from '../../../../shared/chart.ts';
import { formatCalendarDate } from '../../../format.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ListState } from '../ListState.tsx';
import { formatLongDay } from '../format.ts';
import { staffPaths } from '../staff-paths.ts';
import { usePatientChart } from './chart-api.ts';
import { visitLabel } from './visit-label.ts';

/**
 * The patient's chart beside a work item, read-only: current medications, allergies, active problems and the latest
 * visits, as compact lists. Shown only where the server says the viewer may see it (`actions.canSeeChart`).
 */
export function PatientChart({ patient }: { patient: { id: string; displayName: string } }) {
  const { t } = useTranslation('staff');
  const chart = usePatientChart(patient.id);
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby="chart-heading" className="patient-chart">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="chart-heading" className="break-anywhere">
            {t('chart.heading', { name: patient.displayName })}
          </Title>
          <Text size="xs" c="dimmed">
            {t('chart.readOnly')}
          </Text>
        </div>
        <ListState
          isPending={chart.isPending}
          error={chart.error}
          isEmpty={false}
          empty=""
          onRetry={() => void chart.refetch()}
        >
          {chart.data && <ChartLists chart={chart.data} patientId={patient.id} />}
        </ListState>
      </Stack>
    </Paper>
  );
}

function ChartLists({ chart, patientId }: { chart: Chart; patientId: string }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  return (
    <Stack gap="md">
      <ChartSection id="chart-medications" heading={t('chart.medications')} empty={t('chart.noMedications')}>
        {chart.medications.map((m) => (
          <li key={m.id}>
            <Text size="sm" fw={600}>
              {m.name}
            </Text>
            {(m.packageSize || m.instructions) && (
              <Text size="xs" c="dimmed">
                {[m.packageSize, m.instructions].filter(Boolean).join(' · ')}
              </Text>
            )}
          </li>
        ))}
      </ChartSection>
      <ChartSection id="chart-allergies" heading={t('chart.allergies')} empty={t('chart.noAllergies')}>
        {chart.allergies.map((a) => (
          <li key={a.id}>
            <Text size="sm" fw={600}>
              {a.substance}
            </Text>
            {a.reactions.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('chart.reactions', { reactions: a.reactions.join(', ') })}
              </Text>
            )}
          </li>
        ))}
      </ChartSection>
      <ChartSection id="chart-problems" heading={t('chart.problems')} empty={t('chart.noProblems')}>
        {chart.problems.map((p) => (
          <li key={p.id}>
            <Text size="sm" fw={600}>
              {p.name}
            </Text>
            {p.since && (
              <Text size="xs" c="dimmed">
                {t('chart.since', { date: formatCalendarDate(p.since, i18n.language) })}
              </Text>
            )}
          </li>
        ))}
      </ChartSection>
      <ChartSection id="chart-visits" heading={t('chart.visits')} empty={t('chart.noVisits')}>
        {chart.visits.map((v) => (
          <li key={v.id}>
            <Text size="sm" fw={600}>
              {formatLongDay(v.start, i18n.language, timeZone)}
            </Text>
            <Text size="xs" c="dimmed">
              {visitLabel(v, t)}
            </Text>
          </li>
        ))}
      </ChartSection>
      {chart.moreVisits && (
        <Anchor component={Link} to={staffPaths.patient(patientId)} size="sm">
          {t('chart.allVisits')}
        </Anchor>
      )}
    </Stack>
  );
}

/** One part of the chart: a small heading and a compact list, or a line saying there is nothing. */
function ChartSection({
  id,
  heading,
  empty,
  children,
}: {
  id: string;
  heading: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb={4}>
        {heading}
      </Title>
      {children.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap={6} className="plain-list chart-list">
          {children}
        </Stack>
      )}
    </section>
  );
}
