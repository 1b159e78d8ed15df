import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { ApiError } from '../../../api/client.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { formatDate, formatLongDay } from '../format.ts';
import { useStaffPatient } from '../staff-api.ts';
import { useStaffMay } from '../staff-access.ts';
import { GrantProxySection } from './GrantProxySection.tsx';
import { IssueCodeSection } from './IssueCodeSection.tsx';
import { VisitInstructionsSection } from '../records/VisitInstructionsSection.tsx';
import { visitLabel } from '../records/visit-label.ts';
import { BookForPatientSection } from '../visits/BookForPatientSection.tsx';
import { UpcomingAppointmentsSection } from '../visits/UpcomingAppointmentsSection.tsx';
import { VisitNoteSection } from '../visits/VisitNoteSection.tsx';

/**
 * One patient for staff: who they are, whether they have an account, their visits, issuing a code, (for a minor)
 * giving a parent access, and for the care team adding instructions to a visit.
 */
export function StaffPatientPage() {
  const { t } = useTranslation('staff');
  const { patientId = '' } = useParams();
  const query = useStaffPatient(patientId);
  const view = query.data;
  const notFound = query.error instanceof ApiError && query.error.status === 404;

  return (
    <StaffFrame title={view ? view.patient.displayName : notFound ? t('patient.notFound') : t('patient.title')}>
      {notFound ? (
        <Text>{t('patient.notFoundBody')}</Text>
      ) : (
        <ListState
          isPending={query.isPending}
          error={query.error}
          isEmpty={false}
          empty=""
          onRetry={() => void query.refetch()}
        >
          {view && <PatientDetails view={view} />}
        </ListState>
      )}
    </StaffFrame>
  );
}

function PatientDetails({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const { patient } = view;
  const may = useStaffMay();
  return (
    <Stack gap="xl">
      <Group gap="sm" wrap="wrap">
        <Text>
          {patient.birthDate
            ? t('patients.bornOn', { date: formatDate(patient.birthDate) })
            : t('patients.noBirthDate')}
        </Text>
        <Badge color="dark" variant="outline" size="lg">
          {view.hasAccount ? t('patient.hasAccount') : t('patient.noAccount')}
        </Badge>
      </Group>
      {/* Codes only where they can help: a role that issues them, a patient who can still have an account. */}
      {view.actions.canIssueCode && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <IssueCodeSection view={view} />
        </Paper>
      )}
      {patient.isMinor && may('proxy.grant') && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <GrantProxySection view={view} />
        </Paper>
      )}
      {may('appointment.schedule') && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <UpcomingAppointmentsSection patientId={view.patient.id} />
        </Paper>
      )}
      {may('appointment.schedule') && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <BookForPatientSection view={view} />
        </Paper>
      )}
      <VisitList view={view} />
      {may('visit_note.write') && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <VisitNoteSection view={view} />
        </Paper>
      )}
      {may('visit_instructions.write') && (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <VisitInstructionsSection view={view} />
        </Paper>
      )}
    </Stack>
  );
}

function VisitList({ view }: { view: StaffPatientView }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  return (
    <section aria-labelledby="visits-heading">
      <Title order={2} size="h3" id="visits-heading" mb="sm">
        {t('visits.heading')}
      </Title>
      <ListState
        isPending={false}
        error={null}
        isEmpty={view.visits.length === 0}
        empty={t('visits.empty')}
        onRetry={() => undefined}
      >
        <List listStyleType="none" spacing="sm">
          {view.visits.map((v) => (
            <List.Item key={v.id}>
              <Text fw={600}>{formatLongDay(v.start, i18n.language, timeZone)}</Text>
              <Text size="sm">{visitLabel(v, t)}</Text>
              {view.actions.canIssueCode ? (
                <Text size="sm" c="dimmed">
                  {v.codeEligible
                    ? t('visits.codeUntil', { date: formatDate(v.lastValidDate) })
                    : v.lastValidDate > view.todayLastValidDate
                      ? t('visits.upcoming')
                      : t('visits.codeExpired', { date: formatDate(v.lastValidDate) })}
                </Text>
              ) : (
                v.lastValidDate > view.todayLastValidDate && (
                  <Text size="sm" c="dimmed">
                    {t('visits.upcoming')}
                  </Text>
                )
              )}
            </List.Item>
          ))}
        </List>
      </ListState>
    </section>
  );
}
