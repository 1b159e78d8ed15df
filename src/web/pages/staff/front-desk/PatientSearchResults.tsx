import { Anchor, List, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientListItem } from '../../../../shared/front-desk.ts';
import { ListState } from '../ListState.tsx';
import { formatDate } from '../format.ts';
import { staffPaths } from '../staff-paths.ts';
import { usePatientSearch } from '../staff-api.ts';

interface PatientSearchResultsProps {
  query: string;
  /** Link each result to the patient page, or let the user pick one (matching a request). */
  mode: 'link' | 'pick';
  picked?: string | null;
  onPick?: (patient: PatientListItem) => void;
}

/** The patients matching a search, with loading, empty and error states; nothing until 2 characters are typed. */
export function PatientSearchResults({ query, mode, picked, onPick }: PatientSearchResultsProps) {
  const { t } = useTranslation('staff');
  const search = usePatientSearch(query);
  if (query.trim().length < 2) return null;
  const patients = search.data?.patients ?? [];
  const describe = (p: PatientListItem) =>
    p.birthDate ? t('patients.bornOn', { date: formatDate(p.birthDate) }) : t('patients.noBirthDate');

  return (
    <ListState
      isPending={search.isPending}
      error={search.error}
      isEmpty={patients.length === 0}
      empty={t('patients.noResults', { query: query.trim() })}
      onRetry={() => void search.refetch()}
    >
      {mode === 'link' ? (
        <List listStyleType="none" spacing="sm" aria-label={t('patients.resultsLabel')}>
          {patients.map((p) => (
            <List.Item key={p.id}>
              <Anchor component={Link} to={staffPaths.patient(p.id)} fw={600}>
                {p.displayName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {describe(p)}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : (
        <Radio.Group
          label={t('patients.pickLabel')}
          value={picked ?? null}
          onChange={(id) => onPick?.(patients.find((p) => p.id === id)!)}
        >
          <Stack gap="xs" mt="xs">
            {patients.map((p) => (
              <Radio key={p.id} value={p.id} label={p.displayName} description={describe(p)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </ListState>
  );
}
