import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { StaffFrame } from '../StaffFrame.tsx';
import { PatientSearchForm } from './PatientSearchForm.tsx';
import { PatientSearchResults } from './PatientSearchResults.tsx';

/** Find a patient in the record by name or birth date; the query lives in the address, so Back returns to it. */
export function PatientSearchPage() {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  return (
    <StaffFrame title={t('patients.title')}>
      <Stack gap="md">
        <PatientSearchForm id="patient-search" initial={query} onSearch={(q) => setParams({ q })} />
        <PatientSearchResults query={query} mode="link" />
      </Stack>
    </StaffFrame>
  );
}
