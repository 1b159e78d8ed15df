import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HealthIssue } from '../../../shared/records.ts';
import { useHealthIssues } from '../../api/records.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  Details,
  EmptyList,
  FILTER_FROM,
  HealthPageFrame,
  HealthSection,
  ListFilter,
  correctionPath,
  matchesFilter,
  QueryBlock,
  RecordDate,
} from './health-parts.tsx';

/** The problem list of the record in view, active and resolved, newest first, each with its plain-language education topics. */
export function HealthIssuesPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const issues = useHealthIssues(patientId ?? '');
  const [filter, setFilter] = useState('');
  return (
    <HealthPageFrame title={t('health.issues.title')} intro={t('health.issues.intro')}>
      <QueryBlock query={issues}>
        {(list) => (
          <>
            {list.active.length + list.resolved.length >= FILTER_FROM && (
              <ListFilter label={t('health.issues.filter')} value={filter} onChange={setFilter} />
            )}
            <IssueSection
              title={t('health.issues.active')}
              items={list.active}
              filter={filter}
              empty={t('health.issues.noActive')}
            />
            <IssueSection
              title={t('health.issues.resolved')}
              items={list.resolved}
              filter={filter}
              empty={t('health.issues.noResolved')}
            />
          </>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}

function IssueSection({
  title,
  items,
  filter,
  empty,
}: {
  title: string;
  items: HealthIssue[];
  filter: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const shown = items.filter((i) => matchesFilter(filter, i.name)).sort(byDateDesc((i) => i.onsetDate));
  return (
    <HealthSection title={title}>
      {items.length === 0 ? (
        <EmptyList>{empty}</EmptyList>
      ) : shown.length === 0 ? (
        <EmptyList>{t('health.noMatches', { filter: filter.trim() })}</EmptyList>
      ) : (
        <ul className="activity-list" aria-label={title}>
          {shown.map((issue) => (
            <IssueItem key={issue.id} issue={issue} />
          ))}
        </ul>
      )}
    </HealthSection>
  );
}

function IssueItem({ issue }: { issue: HealthIssue }) {
  const { t } = useTranslation();
  const rows: [string, React.ReactNode][] = [[t('health.issues.onset'), <RecordDate key="o" date={issue.onsetDate} />]];
  if (!issue.active) rows.push([t('health.issues.resolvedOn'), <RecordDate key="r" date={issue.resolvedDate} />]);
  return (
    <li className="activity-item">
      <Stack gap="xs">
        <Title order={3} size="h4" className="break-anywhere">
          {issue.name}
        </Title>
        <Details rows={rows} amendments={issue.amendments} />
        <Anchor
          component={Link}
          to={correctionPath({ type: 'Condition', id: issue.id })}
          size="xs"
          aria-label={t('health.askCorrectionFor', { name: issue.name })}
        >
          {t('health.askCorrection')}
        </Anchor>
        {issue.education.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('health.issues.learnMore')}
            </Text>
            <List size="sm" spacing={2}>
              {issue.education.map((topic) => (
                <List.Item key={topic.id}>
                  <Anchor component={Link} to={paths.health.education(topic.id)}>
                    {topic.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </li>
  );
}
