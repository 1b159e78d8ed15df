import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  Appointment,
  AppointmentRequestSummary,
  PastVisit,
  VisitsOverview,
} from '../../../shared/appointments.ts';
import { useVisitsOverview } from '../../api/visits.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { EmptyList, HealthSection, QueryBlock } from '../health/health-parts.tsx';
import { OfferAlert } from './OfferAlert.tsx';
import { useVisitTime } from './visit-time.ts';
import { VisitsFrame } from './visits-parts.tsx';

/**
 * Visits → Appointments and Visits: offers of an earlier time first, then upcoming appointments (each a link to its
 * page), "Schedule an appointment" when this account may book for this record, appointment requests with their status
 * in words, and past visits, newest first (each row one link to the visit).
 */
export function VisitsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const overview = useVisitsOverview(patientId ?? '');
  return (
    <VisitsFrame title={t('visits.title')} intro={t('visits.intro')} back={false}>
      <QueryBlock query={overview}>{(data) => <Overview overview={data} patientId={patientId ?? ''} />}</QueryBlock>
    </VisitsFrame>
  );
}

function Overview({ overview, patientId }: { overview: VisitsOverview; patientId: string }) {
  const { t } = useTranslation();
  const past = [...overview.past].sort((a, b) => b.start.localeCompare(a.start));
  return (
    <>
      {overview.offers.map((offer) => (
        <OfferAlert key={offer.id} offer={offer} patientId={patientId} canAccept={overview.canSchedule} />
      ))}
      <HealthSection title={t('visits.upcoming.heading')}>
        <Stack gap="md">
          {overview.upcoming.length === 0 ? (
            <EmptyList>{t('visits.upcoming.empty')}</EmptyList>
          ) : (
            <ul className="visit-list" aria-label={t('visits.upcoming.heading')}>
              {overview.upcoming.map((a) => (
                <AppointmentRow key={a.id} appointment={a} />
              ))}
            </ul>
          )}
          {overview.canSchedule && (
            <Group gap="sm">
              <Button component={Link} to={paths.visits.schedule}>
                {t('visits.upcoming.schedule')}
              </Button>
              <Button component={Link} to={paths.visits.request} variant="default">
                {t('visits.upcoming.request')}
              </Button>
            </Group>
          )}
        </Stack>
      </HealthSection>
      <HealthSection title={t('visits.requests.heading')}>
        {overview.requests.length === 0 ? (
          <EmptyList>{t('visits.requests.empty')}</EmptyList>
        ) : (
          <ul className="visit-list" aria-label={t('visits.requests.heading')}>
            {overview.requests.map((r) => (
              <RequestRow key={r.id} request={r} />
            ))}
          </ul>
        )}
      </HealthSection>
      <HealthSection title={t('visits.past.heading')}>
        {past.length === 0 ? (
          <EmptyList>{t('visits.past.empty')}</EmptyList>
        ) : (
          <ul className="visit-list" aria-label={t('visits.past.heading')}>
            {past.map((v) => (
              <PastVisitRow key={v.id} visit={v} />
            ))}
          </ul>
        )}
      </HealthSection>
    </>
  );
}

/** An upcoming appointment: when (the link to it), then with whom, where, what kind and why; "Check in" when open. */
function AppointmentRow({ appointment: a }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  return (
    <li className="visit-row">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h4" className="break-anywhere">
            <Anchor component={Link} to={paths.visits.appointment(a.id)} className="visit-row-link" inherit>
              {when.moment(a.start)}
            </Anchor>
          </Title>
          {a.checkedInAt && (
            <Badge color="teal.9" variant="outline" className="status-badge">
              {t('visits.upcoming.checkedIn')}
            </Badge>
          )}
        </Group>
        <Text size="sm" className="break-anywhere">
          {t('visits.upcoming.with', { provider: a.provider.name, department: a.department.name })}
        </Text>
        <Text size="sm" className="break-anywhere">
          {a.visitType.name}
          {a.reason && ` · ${t('visits.reasonIs', { reason: a.reason })}`}
        </Text>
        {a.actions.canCheckIn && (
          <Anchor component={Link} to={paths.visits.checkIn(a.id)} className="visit-row-action" fw={600}>
            {t('visits.upcoming.checkIn')}
          </Anchor>
        )}
      </Stack>
    </li>
  );
}

/** An appointment request: for what, with whom, when asked and where it stands. */
function RequestRow({ request: r }: { request: AppointmentRequestSummary }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  return (
    <li className="visit-row">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} className="break-anywhere">
            {r.reason}
          </Text>
          <Badge color={r.status === 'open' ? 'blue.9' : 'gray.8'} variant="outline" className="status-badge">
            {t(`visits.requests.status.${r.status}`)}
          </Badge>
        </Group>
        <Text size="sm" className="break-anywhere">
          {t('visits.requests.sent', {
            provider: r.providerName ?? t('visits.anyProvider'),
            date: when.date(r.createdAt),
          })}
        </Text>
      </Stack>
    </li>
  );
}

/** A past visit: its date (the link covering the row), its kind in words, why, with whom and where. */
function PastVisitRow({ visit: v }: { visit: PastVisit }) {
  const { t } = useTranslation();
  const when = useVisitTime();
  const facts = [v.reason, v.provider, v.location].filter((f): f is string => Boolean(f));
  return (
    <li className="visit-row">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h4" className="break-anywhere">
            <Anchor component={Link} to={paths.visits.visit(v.id)} className="visit-row-link" inherit>
              {t('visits.past.rowTitle', { date: when.date(v.start), kind: t(`visits.kinds.${v.kind}`) })}
            </Anchor>
          </Title>
          {v.hasNotes && (
            <Badge color="teal.9" variant="outline" className="status-badge">
              {t('visits.past.notes')}
            </Badge>
          )}
        </Group>
        {facts.length > 0 && (
          <Text size="sm" className="break-anywhere">
            {facts.join(' · ')}
          </Text>
        )}
      </Stack>
    </li>
  );
}
