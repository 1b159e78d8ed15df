import { Anchor, Box, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { LoadErrorAlert, PageLoading } from '../../components/PageStatus.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import type { ItemAmendment } from '../../../shared/documents.ts';
import type { AboutItem } from '../../../shared/messaging.ts';
import { ItemAmendments } from './ItemAmendments.tsx';

/** The address of a Customer Service Question on Medical Record Request (the FAQ's way to ask for earlier records). */
export const recordRequestPath = `${paths.messages.new}?topic=medical_record_request`;

interface HealthPageFrameProps {
  title: string;
  intro?: string;
  children: ReactNode;
  /** The overview itself has no way back to the overview. */
  backLink?: boolean;
  /** A page below another Health page goes back to that page instead (a test result to Test Results). */
  back?: { to: string; label: string };
}

/**
 * The frame of every Health page: the way back to Health, the h1, whose record it is when a proxy looks at
 * someone else's, the page, and the FAQ's "Why isn't all my information here?".
 */
export function HealthPageFrame({ title, intro, children, backLink = true, back }: HealthPageFrameProps) {
  const { t } = useTranslation();
  const { isOwn, record } = useRecordInView();
  usePageTitle(title);
  return (
    <Container size="md" py={{ base: 'lg', sm: 48 }} px={{ base: 'sm', sm: 'md' }}>
      <Stack gap="lg">
        {backLink && (
          <Anchor component={Link} to={back?.to ?? paths.health.overview} size="sm">
            {back?.label ?? t('health.backToHealth')}
          </Anchor>
        )}
        <Title order={1} size="h2">
          {title}
        </Title>
        {!isOwn && record && <Text fw={600}>{t('health.forRecord', { name: record.displayName })}</Text>}
        {intro && <Text>{intro}</Text>}
        {children}
        <WhyNotAllNote />
      </Stack>
    </Container>
  );
}

/** The FAQ's answer: the portal is a snapshot of care given here; earlier records can be asked for. */
export function WhyNotAllNote() {
  const { t } = useTranslation();
  const { portalName, organisationName } = usePortalConfig();
  const headingId = useId();
  return (
    <Box component="aside" aria-labelledby={headingId} className="health-why">
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('health.why.title')}
        </Title>
        <Text size="sm">{t('health.why.body', { portalName, organisationName })}</Text>
        <Anchor component={Link} to={recordRequestPath} size="sm" fw={600}>
          {t('health.why.link')}
        </Anchor>
      </Stack>
    </Box>
  );
}

interface QueryBlockProps<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}

/** A list's loading and error states in its place; the rest of the page stays. */
export function QueryBlock<T>({ query, children }: QueryBlockProps<T>) {
  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <RecordNotFound />;
    return <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <>{children(query.data as T)}</>;
}

/** The server's answer for a record this account may not see, or that does not exist: the same words for both. */
export function RecordNotFound() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} role="alert">
      <Stack gap="xs">
        <Text fw={700}>{t('health.notFound.title')}</Text>
        <Text size="sm">{t('health.notFound.body')}</Text>
      </Stack>
    </Paper>
  );
}

/** A section of a Health page: an h2, then a card with its list or the words for an empty one. */
export function HealthSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} shadow="xs">
          {children}
        </Paper>
      </Stack>
    </Box>
  );
}

/** What an empty list would hold, said in words. */
export function EmptyList({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" role="status">
      {children}
    </Text>
  );
}

interface ListFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A filter box for a long list (it narrows the list as you type; nothing is sent). */
export function ListFilter({ label, value, onChange }: ListFilterProps) {
  return (
    <TextInput
      type="search"
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={100}
      className="health-filter"
    />
  );
}

/** Lists with more items than this get a filter box. */
export const FILTER_FROM = 6;

/** Whether an item's words contain the filter text, ignoring case. */
export function matchesFilter(filter: string, ...words: (string | null | undefined)[]): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return words.some((w) => w?.toLowerCase().includes(needle));
}

/** A calendar date from the record ("January 4, 2021"), or the words for one that is not recorded. */
export function RecordDate({ date }: { date: string | null }) {
  const { t, i18n } = useTranslation();
  if (!date) return <>{t('health.notRecorded')}</>;
  return <time dateTime={date.slice(0, 10)}>{formatCalendarDate(date, i18n.language)}</time>;
}

/** Newest first by a calendar date; items without one last. */
export function byDateDesc<T>(dateOf: (item: T) => string | null): (a: T, b: T) => number {
  return (a, b) => (dateOf(b) ?? '').localeCompare(dateOf(a) ?? '');
}

interface DetailsProps {
  rows: [label: string, value: ReactNode][];
  /** Accepted chart corrections noted on the item, shown under its details. */
  amendments?: readonly ItemAmendment[];
}

/** Label/value pairs of one item (stacked on a phone), then any amendments noted on it. */
export function Details({ rows, amendments }: DetailsProps) {
  return (
    <>
      <dl className="detail-list">
        {rows.map(([label, value]) => (
          <DetailRow key={label} label={label} value={value} />
        ))}
      </dl>
      <ItemAmendments amendments={amendments} />
    </>
  );
}

function DetailRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="break-anywhere">{value}</dd>
    </>
  );
}

interface RecordItemProps {
  title: string;
  /** Short facts on one line, " · " between them; those the record lacks (null) are left out. */
  facts?: ReactNode[];
  children?: ReactNode;
  /** Accepted chart corrections noted on the item, shown under it. */
  amendments?: readonly ItemAmendment[];
  /** The record item itself: given, the item offers "Ask for a correction" (a chart correction about it). */
  item?: AboutItem;
}

/** A Customer Service Question on Chart Correction already about this item (its amendment then lands on it). */
export function correctionPath(item: AboutItem): string {
  return `${paths.messages.new}?topic=chart_correction&about=${encodeURIComponent(`${item.type}/${item.id}`)}`;
}

/**
 * One item of a compact record list (as a chart summary reads): its name as a small heading, then only the facts the
 * record has — never a row of "Not recorded".
 */
export function RecordItem({ title, facts = [], children, amendments, item }: RecordItemProps) {
  const { t } = useTranslation();
  const shown = facts.filter((f) => f !== null && f !== undefined && f !== false && f !== '');
  return (
    <li className="record-item">
      <Stack gap={2}>
        <Title order={3} fz="md" fw={600} lh={1.35} className="break-anywhere">
          {title}
        </Title>
        {shown.length > 0 && (
          <Text size="sm" className="break-anywhere record-facts">
            {shown.map((fact, i) => (
              <Fragment key={i}>
                {i > 0 && ' · '}
                {fact}
              </Fragment>
            ))}
          </Text>
        )}
        {children}
        <ItemAmendments amendments={amendments} />
        {item && (
          <Anchor
            component={Link}
            to={correctionPath(item)}
            size="xs"
            className="record-correction-link"
            aria-label={t('health.askCorrectionFor', { name: title })}
          >
            {t('health.askCorrection')}
          </Anchor>
        )}
      </Stack>
    </li>
  );
}

/** Formats the record's calendar dates in the page's long form ("March 4, 2019"); a missing date stays null. */
export function useLongDate(): (date: string | null | undefined) => string | null {
  const { i18n } = useTranslation();
  return (date) => (date ? formatCalendarDate(date, i18n.language) : null);
}
